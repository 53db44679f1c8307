"""Files and folders that only their owner can read.

The data folder holds customer conversations and the key that hides redacted values, so what
Atlas writes there is created private (folders 0700, files 0600), never made private after
the write: a chmod afterwards leaves a moment, and after a crash a file, readable by every
user of the machine.
"""

from __future__ import annotations

import os
import secrets
import stat
import threading
from collections.abc import Iterator
from contextlib import contextmanager
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


def open_to_others(path: Path) -> bool:
    return bool(stat.S_IMODE(path.stat().st_mode) & 0o077)


def tighten_tree(root: Path) -> int:
    """Take the group and other bits off ``root`` (a file or a folder) and everything in it;
    a read-only file stays read-only (0444 -> 0400). Links are left alone. Returns how many
    folders and files changed."""
    changed = 0
    for p in _tree(root):
        mode = os.lstat(p).st_mode
        if stat.S_IMODE(mode) & 0o077 and not stat.S_ISLNK(mode):
            os.chmod(p, stat.S_IMODE(mode) & 0o700)
            changed += 1
    return changed


def _tree(root: Path) -> Iterator[str]:
    yield str(root)
    for folder, dirs, files in os.walk(root):  # nothing for a file; never follows a link
        yield from (os.path.join(folder, name) for name in dirs + files)


_umask_lock = threading.Lock()
_umask_users = 0
_umask_saved = 0


@contextmanager
def private_umask() -> Iterator[None]:
    """Files and folders created inside are 0600 / 0700 whatever code creates them (SQLite,
    safetensors, shutil). The umask belongs to the process, so uses that overlap, in threads,
    keep it until the last one ends; a file another thread creates meanwhile, elsewhere, is
    only made more private."""
    global _umask_users, _umask_saved
    with _umask_lock:
        if _umask_users == 0:
            _umask_saved = os.umask(0o077)
        _umask_users += 1
    try:
        yield
    finally:
        with _umask_lock:
            _umask_users -= 1
            if _umask_users == 0:
                os.umask(_umask_saved)


def private_opener(path: str, flags: int) -> int:
    """``open(path, mode, opener=private_opener)``: a file created 0600 from its first byte."""
    return os.open(path, flags, FILE_MODE)


def create_private(path: Path) -> Path:
    """Create ``path`` empty and 0600 if it does not exist (for files that other code, such as
    SQLite, then opens and fills: SQLite gives its -wal and -shm files the database's mode)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, FILE_MODE))
    return Path(path)


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

        from atlas_desktop.core.messages import Msg
        raise StorageError(Msg("storage.key_damaged", path=str(path), size=len(key), expected=size),
                           hint=Msg("storage.key_damaged.hint"))
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
