"""A newer Rizhi upgrades the store under a running instance: the instance stops
writing, says so, and restarts itself as the installation now on disk, keeping its pid.

The "installations" are copies of the checkout: the instance starts from one; then a
newer version is installed over it (one more migration and SCHEMA_HEAD moved on), and its
command line upgrades the store the first time it opens it, as a real upgrade does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from app.store.schema import SCHEMA_HEAD
from tests.instance.processes import ROOT, Place

HEAD = SCHEMA_HEAD
NEWER = f"{int(HEAD) + 1:04d}"
MIGRATION_NEWER = f'''"""a table a newer Rizhi added

Revision ID: {NEWER}
Revises: {HEAD}
"""

import sqlalchemy as sa
from alembic import op

revision = "{NEWER}"
down_revision = "{HEAD}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("from_a_newer_rizhi", sa.Column("id", sa.Integer, primary_key=True))


def downgrade() -> None:
    op.drop_table("from_a_newer_rizhi")
'''


def install(target: Path) -> Path:
    """A copy of this version of Rizhi (the package and its migrations) at `target`."""
    skip = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "app", target / "app", ignore=skip)
    shutil.copytree(ROOT / "migrations", target / "migrations", ignore=skip)
    return target


def upgrade_installation(folder: Path) -> None:
    """Install the newer version over it: one more migration, the schema head moved on."""
    (folder / "migrations" / "versions" / f"{NEWER}_newer.py").write_text(MIGRATION_NEWER)
    schema = folder / "app" / "store" / "schema.py"
    text = schema.read_text(encoding="utf-8")
    assert f'SCHEMA_HEAD = "{HEAD}"' in text
    schema.write_text(text.replace(f'SCHEMA_HEAD = "{HEAD}"', f'SCHEMA_HEAD = "{NEWER}"'))


def test_the_instance_restarts_as_the_newer_version_when_the_schema_moves(
    place: Place, tmp_path: Path
) -> None:
    installed = install(tmp_path / "installed")
    instance = place.start("--background", installed=installed)
    place.answering(pid=instance.pid, schema=HEAD)

    upgrade_installation(installed)
    newer = place.command("add", "saved by the newer Rizhi", installed=installed)
    assert newer.returncode == 0, newer.stderr
    assert f"Upgraded the database to schema {NEWER}" in newer.stderr

    # The same process, now running the newer code: it knows the schema and writes.
    reply = place.answering(pid=instance.pid, schema=NEWER)
    assert reply["writing"] is True and instance.poll() is None, place.log()
    said = (place.home / "logs" / "rizhi.log").read_text(encoding="utf-8")
    assert f"A newer Rizhi upgraded the data file (schema {NEWER}; this one knows {HEAD})" in said
    assert "stops saving and restarts" in said
