"""carrier rates: carrier services with rate cards, the freight an order was estimated at

Revision ID: 0010
Revises: 0009
"""

from erp_desktop.db.migrate import run_sql_file

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0010_carrier_rates.sql")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only; restore a backup to go back")
