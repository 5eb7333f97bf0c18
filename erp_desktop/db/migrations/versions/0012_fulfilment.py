"""fulfilment: waves and pick lines, shipments, tracking number pools, carriers' label layout

Revision ID: 0012
Revises: 0011
"""

from erp_desktop.db.migrate import run_sql_file

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0012_fulfilment.sql")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only; restore a backup to go back")
