"""orders: orders, lines, timeline, payloads, import runs, SKU mapping, rules, blacklist, customer accounts

Revision ID: 0008
Revises: 0007
"""

from erp_desktop.db.migrate import run_sql_file

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0008_orders.sql")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only; restore a backup to go back")
