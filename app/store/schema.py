"""The schema revision this version of Rizhi expects.

Kept as a constant so that a start-up check costs one SQL query instead of importing
Alembic; a test asserts it equals the head of `migrations/versions`.
"""

SCHEMA_HEAD = "0006"

# Tables kept by triggers rather than mapped by the ORM (the full-text index with its
# shadow tables, the tree-order counter). Autogenerate must leave them alone.
UNMAPPED_TABLE_PREFIXES = ("items_fts", "log_fts", "tree_order")
