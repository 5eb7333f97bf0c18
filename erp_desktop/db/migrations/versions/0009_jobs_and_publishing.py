"""jobs and publishing: background jobs claimed once, stock published to the shops within available-to-sell, pushes queued by the live-update flush

Revision ID: 0009
Revises: 0008
"""

from erp_desktop.db.migrate import run_sql_file

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    run_sql_file("0009_jobs_and_publishing.sql")


def downgrade() -> None:
    raise NotImplementedError("migrations go forward only; restore a backup to go back")
