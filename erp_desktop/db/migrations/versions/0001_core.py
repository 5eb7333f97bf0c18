"""core, catalog, stock, sales and master data; roles, grants, live updates

Revision ID: 0001
Revises:
"""

from erp_desktop.db.migrate import run_sql_file

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0001_core.sql")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only; restore a backup to go back")
