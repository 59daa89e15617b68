"""The schema revision this version of Rizhi expects.

Kept as a constant so that a start-up check costs one SQL query instead of importing
Alembic; a test asserts it equals the head of `migrations/versions`.
"""

SCHEMA_HEAD = "0010"

# Tables kept by SQLite or by triggers rather than mapped by the ORM (the full-text
# indexes with their shadow tables). Autogenerate must leave them alone.
UNMAPPED_TABLE_PREFIXES = ("items_fts", "log_fts", "sqlite_")
