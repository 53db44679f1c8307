"""Where Atlas keeps its data.

The data folder is the platform's user data folder (platformdirs) unless
``ATLAS_HOME`` names another one. It holds customer conversations, so it and everything
Atlas writes in it are its owner's alone (folders 0700, files 0600; see private.py). Inside it::

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

import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from atlas_desktop.core.errors import StorageError
from atlas_desktop.core.messages import Msg
from atlas_desktop.core.private import open_to_others, private_dirs, tighten_tree

log = logging.getLogger(__name__)

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

    @property
    def audit_key(self) -> Path:
        """The workstation's secret that signs the audit chain (see storage/audit.py). Never in the
        database: on a team's PostgreSQL server every workstation holds a copy of the same key,
        installed by IT (ATLAS_AUDIT_KEY_FILE names it when it lives elsewhere)."""
        env = os.environ.get("ATLAS_AUDIT_KEY_FILE")
        return Path(env) if env else self.home / "keys" / "audit.key"

    def ensure(self) -> "DataPaths":
        """Create the folders (owner-only), or say plainly why they cannot be written."""
        try:
            if self.home.is_dir() and os.name == "posix" and open_to_others(self.home):
                self._tighten()
            for folder in (self.home, self.artifacts, self.models, self.backups, self.logs, self.runs, self.tmp):
                private_dirs(folder)
            with tempfile.NamedTemporaryFile(dir=self.home, prefix=".write-test-"):
                pass
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise StorageError(
                Msg("storage.home_not_writable", home=str(self.home), reason=reason.lower()),
                hint=Msg("storage.home_not_writable.hint"),
            ) from None
        return self

    def _tighten(self) -> None:
        """An earlier Atlas made the data folder 0755 and its files 0644 / 0444: every user of the
        machine could read the conversations. Take that away once, and say so."""
        was = oct(os.stat(self.home).st_mode & 0o777)[2:].zfill(4)
        os.chmod(self.home, 0o700)
        # Only what Atlas keeps here: ATLAS_HOME may name a folder that holds other things too.
        own = [*self.home.glob("atlas.db*"), *self.home.glob("settings.json*"), self.artifacts, self.models, self.backups,
               self.raw, self.logs, self.runs, self.tmp, self.redaction_key.parent]
        changed = 1 + sum(tighten_tree(p) for p in own if p.exists())
        log.warning("The data folder %s was readable by other users (mode %s); %d folders and files in it are now its owner's only.",
                    self.home, was, changed)


def data_paths(home: Path | None = None) -> DataPaths:
    return DataPaths(Path(home) if home else default_home())
