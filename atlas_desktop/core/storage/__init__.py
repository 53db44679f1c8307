"""Storage: SQLAlchemy models, sessions, Alembic migrations, the artifact store."""

from atlas_desktop.core.storage.db import Database, open_database

__all__ = ["Database", "open_database"]
