"""Alembic environment. Atlas runs migrations in-process with a connection it
opened itself (see db.py); there is no alembic.ini to keep in sync."""

from alembic import context

from atlas_desktop.core.storage.models import Base

config = context.config
connection = config.attributes["connection"]

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    transaction_per_migration=False,
)
with context.begin_transaction():
    context.run_migrations()
