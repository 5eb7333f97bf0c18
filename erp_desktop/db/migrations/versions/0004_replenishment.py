"""replenishment: supplier terms per SKU, replenishment figures, past moves with their dates

Revision ID: 0004
Revises: 0003
"""

from erp_desktop.db.migrate import run_sql_file

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0004_replenishment.sql")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only; restore a backup to go back")
