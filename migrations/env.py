"""Alembic environment. The app passes its own connection in
`config.attributes["connection"]`; the alembic command line opens the user's database."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from app.store.engine import make_engine
from app.store.models import Base
from app.store.schema import UNMAPPED_TABLE_PREFIXES


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    if type_ == "table" and name is not None:
        return not name.startswith(UNMAPPED_TABLE_PREFIXES)
    return True


def run_with(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_name=include_name,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    from app.config.paths import database_path

    engine = make_engine(database_path())
    with engine.begin() as conn:
        run_with(conn)


if context.is_offline_mode():
    raise SystemExit("Rizhi migrations run online only: SQLite needs batch mode on a connection.")
run_migrations()
