"""`python -m atlas_desktop` starts the desktop app."""

import sys


def main() -> int:
    from atlas_desktop.cli import main as cli_main

    return cli_main(["gui", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
