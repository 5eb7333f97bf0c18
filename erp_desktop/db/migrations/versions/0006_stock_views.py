"""stock views: planning marks and flags on each level, indexes for the Stock dock, mover names

Revision ID: 0006
Revises: 0005
"""

from erp_desktop.db.migrate import run_sql_file

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0006_stock_views.sql")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only; restore a backup to go back")
