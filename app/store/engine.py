"""SQLAlchemy engine and sessions over the same connections as the raw path."""

from __future__ import annotations

import os
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from app.store.connection import connect

IMMEDIATE = {"sqlite_begin": "IMMEDIATE"}


def make_engine(path: str | os.PathLike[str]) -> Engine:
    engine = create_engine(
        "sqlite+pysqlite://", creator=lambda: connect(path), poolclass=QueuePool, pool_size=2
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        # pysqlite's own transaction handling is off (connect() sets autocommit), so the
        # BEGIN is ours to emit: IMMEDIATE for writes, DEFERRED for reads.
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine
