"""stock ledger: lots, moves, quants, levels, reservations; SECURITY DEFINER functions; grants

Revision ID: 0003
Revises: 0002
"""

from erp_desktop.db.migrate import run_sql_file

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0003_stock_ledger.sql")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only; restore a backup to go back")
