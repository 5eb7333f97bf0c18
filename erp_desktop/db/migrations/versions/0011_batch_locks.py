"""batch locks: stock.lock_levels, the stock of a batch of orders locked up front in one global order

Revision ID: 0011
Revises: 0010
"""

from erp_desktop.db.migrate import run_sql_file

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0011_batch_locks.sql")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only; restore a backup to go back")
