"""What in a data folder another user of the machine could reach."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def open_to_others(home: Path) -> list[str]:
    """Every folder or file under ``home`` (and ``home`` itself) with a group or other bit set."""
    return [f"{p} {oct(stat.S_IMODE(p.lstat().st_mode))}" for p in [home, *sorted(home.rglob("*"))]
            if stat.S_IMODE(p.lstat().st_mode) & 0o077]


@contextmanager
def usual_umask() -> Iterator[None]:
    """The umask most machines have (022: new files 0644, folders 0755), whatever the test runner's is."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)
