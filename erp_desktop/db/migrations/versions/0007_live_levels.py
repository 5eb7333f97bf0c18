"""live levels: a row-level queue trigger on stock.level (cheaper reservations)

Revision ID: 0007
Revises: 0006
"""

from erp_desktop.db.migrate import run_sql_file

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0007_live_levels.sql")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only; restore a backup to go back")
