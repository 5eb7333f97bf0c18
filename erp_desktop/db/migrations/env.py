"""Alembic environment: always run programmatically (erp_desktop.db.migrate) on a given connection."""

from alembic import context

from erp_desktop.db import models  # noqa: F401  (registers every table)
from erp_desktop.db.base import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    include_schemas=True,
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
