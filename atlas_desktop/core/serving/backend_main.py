"""The child process behind a local backend: ``transformers serve`` on one model folder, offline.

``python -m atlas_desktop.core.serving.backend_main FOLDER --port N [transformers serve options]``.
Importing atlas_desktop forces the Hugging Face offline variables first (core/offline.py), and
the gateway sets them in the child's environment too. The gateway holds our stdin as a pipe: when
it ends (the gateway died without stopping us), we exit, so no model server outlives its gateway.
"""

from __future__ import annotations

import os
import stat
import sys
import threading

from atlas_desktop.core.offline import enforce_offline_env, is_offline


def _watch_parent() -> None:
    try:
        piped = stat.S_ISFIFO(os.fstat(sys.stdin.fileno()).st_mode)
    except (OSError, ValueError, AttributeError):
        piped = False
    if not piped:
        return

    def watch() -> None:
        try:
            while sys.stdin.readline():
                pass
        except (OSError, ValueError):
            pass
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def main(argv: list[str] | None = None) -> int:
    enforce_offline_env()
    assert is_offline()
    _watch_parent()
    from transformers.cli.transformers import main as transformers_main

    sys.argv = ["transformers", "serve", *(sys.argv[1:] if argv is None else argv)]
    return int(transformers_main() or 0)


if __name__ == "__main__":
    sys.exit(main())
