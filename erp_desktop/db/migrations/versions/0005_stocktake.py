"""stocktake: counts by bin with snapshots, count lines, unknown barcodes; counting and posting functions

Revision ID: 0005
Revises: 0004
"""

from erp_desktop.db.migrate import run_sql_file

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0005_stocktake.sql")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only; restore a backup to go back")
