"""The bundle's one program, in two executables: ``atlas`` (the command) and ``atlas-desktop``
(the window). There is no ``python -m`` inside a PyInstaller bundle, so this program also
answers the Python command lines Atlas starts its children with:

    atlas [-u] [-B] -m MODULE ARGS...   runs MODULE as __main__ (training, generation and import
                                        children, the local model backend, accelerate's launcher
                                        and, through it, torch's elastic agent)
    atlas -c CODE                       what multiprocessing's resource tracker asks for

``multiprocessing.freeze_support()`` answers the spawn workers' own command lines.
"""

from __future__ import annotations

import os
import sys

# Flags Python itself takes before -m; they change nothing inside the bundle.
_PY_FLAGS = {"-u", "-B", "-E", "-s", "-S", "-I", "-O", "-OO", "-q"}


def _python_command(argv: list[str]) -> bool:
    """Run argv as Python would, when it is a Python command line; False when it is not."""
    i = 0
    while i < len(argv) and argv[i] in _PY_FLAGS:
        i += 1
    if i >= len(argv) - 1 or argv[i] not in ("-m", "-c"):
        return False
    if argv[i] == "-c":
        sys.argv = ["-c", *argv[i + 2:]]
        exec(compile(argv[i + 1], "<string>", "exec"), {"__name__": "__main__"})  # noqa: S102 - multiprocessing's own code
        return True
    import runpy

    module = argv[i + 1]
    sys.argv = [module, *argv[i + 2:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
    return True


def main() -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # the data import's spawn workers start through here
    if sys.platform == "win32":
        import torch  # noqa: F401 - torch's DLLs must load before Qt's on Windows

    argv = sys.argv[1:]
    if _python_command(argv):
        return 0
    from atlas_desktop.cli import main as cli_main

    program = os.path.basename(sys.executable).lower()
    if program.startswith("atlas-desktop"):
        return cli_main(["gui", *argv])
    return cli_main(argv)


if __name__ == "__main__":
    sys.exit(main())
