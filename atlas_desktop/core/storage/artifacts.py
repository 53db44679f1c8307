"""Content-addressed store for large files (datasets, adapters, evaluation outputs).

A file lives at ``artifacts/sha256/ab/abcdef...`` and is referenced from the
database by its sha256. Writes go to a temporary name and are renamed into
place, so a crash never leaves a half-written artifact under a valid name.
Stored files are made read-only: a record's bytes never change. They are their owner's
alone from the first byte (written 0600 in 0700 folders, then 0400), never readable by
other users of the machine.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO

from atlas_desktop.core.private import private_dirs

CHUNK = 1 << 20


class ArtifactStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        return self.root / "sha256" / sha256[:2] / sha256

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put_stream(self, stream: BinaryIO) -> tuple[str, int]:
        """Hash while copying; returns (sha256, size)."""
        tmp_dir = self.root / "tmp"
        private_dirs(tmp_dir)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=tmp_dir, prefix="incoming-")  # 0600
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := stream.read(CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
                    size += len(chunk)
                out.flush()
                os.fsync(out.fileno())
            sha = digest.hexdigest()
            target = self.path_for(sha)
            if target.exists():
                os.unlink(tmp_name)
            else:
                private_dirs(target.parent)
                os.chmod(tmp_name, stat.S_IRUSR)  # read-only, and still its owner's only
                os.replace(tmp_name, target)
            return sha, size
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise

    def put_file(self, path: Path) -> tuple[str, int]:
        with open(path, "rb") as fh:  # the user's file is only ever read
            return self.put_stream(fh)

    def put_bytes(self, data: bytes) -> tuple[str, int]:
        import io

        return self.put_stream(io.BytesIO(data))

    def open(self, sha256: str) -> BinaryIO:
        return open(self.path_for(sha256), "rb")

    def verify(self, sha256: str) -> bool:
        digest = hashlib.sha256()
        with self.open(sha256) as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
        return digest.hexdigest() == sha256

    def export(self, sha256: str, target: Path) -> Path:
        shutil.copyfile(self.path_for(sha256), target)
        return target


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
