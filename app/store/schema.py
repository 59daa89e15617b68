"""The schema revision this version of Rizhi expects.

Kept as a constant so that a start-up check costs one SQL query instead of importing
Alembic; a test asserts it equals the head of `migrations/versions`.
"""

SCHEMA_HEAD = "0004"
