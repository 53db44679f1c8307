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

    def close(self) -> None:
        self.db.dispose()
