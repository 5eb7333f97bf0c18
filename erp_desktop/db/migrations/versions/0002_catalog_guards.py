"""catalog guards: kit flag, version bump on barcode/kit changes, updated_at index, audit by login

Revision ID: 0002
Revises: 0001
"""

from erp_desktop.db.migrate import run_sql_file

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0002_catalog_guards.sql")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only; restore a backup to go back")
