"""A newer Rizhi upgrades the store under a running instance: the instance stops
writing, says so, and restarts itself as the installation now on disk, keeping its pid.

The "installations" are copies of the checkout: the instance starts from one; then a
newer version is installed over it (a migration 0009 and SCHEMA_HEAD moved on), and its
command line upgrades the store the first time it opens it, as a real upgrade does.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.instance.processes import ROOT, Place

MIGRATION_0009 = '''"""a table a newer Rizhi added

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
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
    (folder / "migrations" / "versions" / "0009_newer.py").write_text(MIGRATION_0009)
    schema = folder / "app" / "store" / "schema.py"
    text = schema.read_text(encoding="utf-8")
    assert 'SCHEMA_HEAD = "0008"' in text  # this test moves on with the real head
    schema.write_text(text.replace('SCHEMA_HEAD = "0008"', 'SCHEMA_HEAD = "0009"'))


def test_the_instance_restarts_as_the_newer_version_when_the_schema_moves(
    place: Place, tmp_path: Path
) -> None:
    installed = install(tmp_path / "installed")
    instance = place.start("--background", installed=installed)
    place.answering(pid=instance.pid, schema="0008")

    upgrade_installation(installed)
    newer = place.command("add", "saved by the newer Rizhi", installed=installed)
    assert newer.returncode == 0, newer.stderr
    assert "Upgraded the database to schema 0009" in newer.stderr

    # The same process, now running the newer code: it knows the schema and writes.
    reply = place.answering(pid=instance.pid, schema="0009")
    assert reply["writing"] is True and instance.poll() is None, place.log()
    said = (place.home / "logs" / "rizhi.log").read_text(encoding="utf-8")
    assert "A newer Rizhi upgraded the data file (schema 0009; this one knows 0008)" in said
    assert "stops saving and restarts" in said
