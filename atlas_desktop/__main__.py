"""`python -m atlas_desktop` starts the desktop app."""

import sys


def main() -> int:
    import multiprocessing

    multiprocessing.freeze_support()  # a frozen build's import workers start through here
    from atlas_desktop.cli import main as cli_main

    return cli_main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
