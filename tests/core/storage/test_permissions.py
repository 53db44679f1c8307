"""The data folder is its owner's alone: folders 0700, files 0600 (0400 in the artifact store),
private from their first byte rather than made so afterwards."""

import logging
import os
import stat
from pathlib import Path

import pytest

from atlas_desktop.core.data.pipeline import import_files
from atlas_desktop.core.demo import SAMPLE_CONVERSATIONS, ensure_demo_project
from atlas_desktop.core.storage.db import backup_sqlite
from atlas_desktop.core.workspace import Workspace
from tests.helpers.permissions import open_to_others, usual_umask


def test_a_new_workspace_and_an_import_are_readable_by_their_owner_only(atlas_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_chmod = os.chmod

    def chmod(path, mode, *args, **kw) -> None:  # noqa: ANN001, ANN002, ANN003
        # The raw originals must be private when created: with no chmod afterwards they still are.
        if "raw" in Path(path).parts:
            raise PermissionError(f"chmod {path} refused by the test")
        assert not mode & 0o077, f"{path} made reachable by others ({oct(mode)})"
        real_chmod(path, mode, *args, **kw)

    monkeypatch.setattr(os, "chmod", chmod)
    with usual_umask():
        ws = Workspace.open()
        ws.save_settings()
        name, _ = ensure_demo_project(ws)
        version, _ = import_files(ws, name, [SAMPLE_CONVERSATIONS])
        backup_sqlite(ws.paths.database, ws.paths, "manual")
        ws.close()
    raw = atlas_home / version.raw_path
    assert raw.is_file() and stat.S_IMODE(raw.stat().st_mode) == 0o600
    assert stat.S_IMODE(ws.artifacts.path_for(version.train_sha256).stat().st_mode) == 0o400  # still read-only
    for made in ("settings.json", "atlas.db", "backups", "keys/redaction.key", "artifacts/sha256", "raw", "logs", "runs", "models", "tmp"):
        assert (atlas_home / made).exists(), made
    assert open_to_others(atlas_home) == []


def test_an_existing_data_folder_open_to_others_is_tightened_on_open(atlas_home: Path, caplog: pytest.LogCaptureFixture) -> None:
    with usual_umask():
        Workspace.open().close()
        stored = atlas_home / "artifacts" / "sha256" / "ab" / ("ab" + "0" * 62)
        stored.parent.mkdir(mode=0o755, parents=True)
        stored.write_text("old artifact")
        for path, mode in ((stored, 0o444), (stored.parent, 0o755), (atlas_home / "atlas.db", 0o644), (atlas_home, 0o755)):
            path.chmod(mode)  # as an earlier Atlas left them
        with caplog.at_level(logging.WARNING, logger="atlas_desktop.core.paths"):
            Workspace.open().close()
    assert open_to_others(atlas_home) == []
    assert stat.S_IMODE(stored.stat().st_mode) == 0o400  # read-only stays read-only
    assert f"{atlas_home} was readable by other users" in caplog.text and "0755" in caplog.text


def test_tightening_leaves_what_is_not_atlas_s_alone(atlas_home: Path) -> None:
    atlas_home.mkdir(mode=0o755)
    notes = atlas_home / "notes.txt"  # ATLAS_HOME may name a folder that holds other things
    notes.write_text("mine")
    notes.chmod(0o644)
    Workspace.open().close()
    assert stat.S_IMODE(atlas_home.stat().st_mode) == 0o700 and stat.S_IMODE(notes.stat().st_mode) == 0o644
