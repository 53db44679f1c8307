"""A workspace: the data folder, its settings, database, artifact store and current user.

The CLI and the ui each open one; every service takes a session from
``unit_of_work`` and hands back plain dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from atlas_desktop.core.paths import DataPaths, data_paths
from atlas_desktop.core.settings import Settings, load_settings, save_settings
from atlas_desktop.core.storage.artifacts import ArtifactStore
from atlas_desktop.core.storage.db import Database, open_database
from atlas_desktop.core.users import UserInfo, ensure_user


@dataclass
class Workspace:
    paths: DataPaths
    settings: Settings
    db: Database
    artifacts: ArtifactStore
    user: UserInfo

    @classmethod
    def open(cls, home: Path | None = None, database_url: str | None = None) -> "Workspace":
        paths = data_paths(home).ensure()
        settings = load_settings(paths.settings)
        db = open_database(paths, database_url or settings.database_url or None)
        with db.unit_of_work() as s:
            user = ensure_user(s)
        return cls(paths, settings, db, ArtifactStore(paths.artifacts), user)

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        with self.db.unit_of_work() as s:
            yield s

    def save_settings(self) -> None:
        save_settings(self.paths.settings, self.settings)

    def apply_settings(self, new: Settings) -> None:
        """Save new settings; a change of the database (it takes effect at the next start) is an
        audit event in the database being left, so the trail says where the data went."""
        from atlas_desktop.core.storage import audit
        from atlas_desktop.core.storage.db import describe_url, resolve_url

        old = self.settings
        if (new.database_url or "") != (old.database_url or ""):
            with self.unit_of_work() as s:
                audit.append(s, self.user.login, "database.url_changed", "settings", "database_url",
                             {"from": describe_url(resolve_url(self.paths, old.database_url or None)),
                              "to": describe_url(resolve_url(self.paths, new.database_url or None))})
        self.settings = new
        self.save_settings()

    def close(self) -> None:
        self.db.dispose()
