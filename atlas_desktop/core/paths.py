"""Where Atlas keeps its data.

The data folder is the platform's user data folder (platformdirs) unless
``ATLAS_HOME`` names another one. Inside it::

    atlas.db            the SQLite database (unless ATLAS_DATABASE_URL is set)
    settings.json       typed settings (see settings.py)
    artifacts/sha256/   content-addressed store for large files
    models/             base models imported into the local model store
    backups/            database backups made before each migration
    raw/                raw originals kept only until purged
    logs/               job and child-process logs
    keys/               the redaction key (random, made on first use, owner-only)
    runs/               training runs: checkpoints, event logs, final adapters
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from atlas_desktop.core.errors import StorageError

APP_NAME = "AtlasDesktop"


def default_home() -> Path:
    env = os.environ.get("ATLAS_HOME")
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


@dataclass(frozen=True)
class DataPaths:
    home: Path

    @property
    def database(self) -> Path:
        return self.home / "atlas.db"

    @property
    def settings(self) -> Path:
        return self.home / "settings.json"

    @property
    def artifacts(self) -> Path:
        return self.home / "artifacts"

    @property
    def models(self) -> Path:
        return self.home / "models"

    @property
    def backups(self) -> Path:
        return self.home / "backups"

    @property
    def raw(self) -> Path:
        return self.home / "raw"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def runs(self) -> Path:
        return self.home / "runs"

    @property
    def tmp(self) -> Path:
        return self.home / "tmp"

    @property
    def redaction_key(self) -> Path:
        """The workspace's secret for the redaction report's value hashes (see redact.py)."""
        return self.home / "keys" / "redaction.key"

    def ensure(self) -> "DataPaths":
        """Create the folders, or say plainly why they cannot be written."""
        try:
            for folder in (self.home, self.artifacts, self.models, self.backups, self.logs, self.runs, self.tmp):
                folder.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.home, prefix=".write-test-"):
                pass
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise StorageError(
                f"Atlas cannot write to its data folder {self.home}: {reason.lower()}.",
                hint="Fix the folder's permissions or set ATLAS_HOME to a folder you can write to.",
            ) from None
        return self


def data_paths(home: Path | None = None) -> DataPaths:
    return DataPaths(Path(home) if home else default_home())
