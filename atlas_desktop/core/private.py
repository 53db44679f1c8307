"""Files and folders that only their owner can read.

The data folder holds customer conversations and the key that hides redacted values, so what
Atlas writes there is created private (folders 0700, files 0600), never made private after
the write: a chmod afterwards leaves a moment, and after a crash a file, readable by every
user of the machine.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def private_dirs(folder: Path) -> Path:
    """Create ``folder`` and every missing parent with mode 0700 (``mkdir -p`` would give the
    parents the default mode, usually 0755)."""
    missing, f = [], Path(folder)
    while not f.is_dir() and f.parent != f:
        missing.append(f)
        f = f.parent
    for f in reversed(missing):
        try:
            f.mkdir(DIR_MODE)  # the umask can only take bits away from 0700
        except FileExistsError:  # made by another thread or process meanwhile
            pass
    return Path(folder)


def private_opener(path: str, flags: int) -> int:
    """``open(path, mode, opener=private_opener)``: a file created 0600 from its first byte."""
    return os.open(path, flags, FILE_MODE)


def secret_key(path: Path, size: int = 32) -> bytes:
    """The random key stored at ``path``, made on first use (0600, in a 0700 folder).

    Of several first uses at once, in threads or processes, one key wins and all of them
    return it: the key is written whole under a temporary name and linked into place, which
    never replaces a file that is already there.
    """
    path = Path(path)
    if not path.exists():
        _create_key(path, size)
    key = path.read_bytes()
    if len(key) != size:
        from atlas_desktop.core.errors import StorageError

        raise StorageError(f"The key file {path} holds {len(key)} bytes, not {size}: it is damaged.",
                           hint="Restore it from a backup of the data folder; a new key would make new hashes incomparable with the old.")
    return key


def _create_key(path: Path, size: int) -> None:
    private_dirs(path.parent)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(secrets.token_bytes(size))
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass  # another first use won: its key is the key
    finally:
        os.unlink(tmp)
