"""The `warmcall` command: the runtime's command line plus the console (the composition root)."""

import sys

from bot.console import run_console
from bot.runtime import cli


def main(argv: list[str] | None = None) -> int:
    return cli.main(argv, console=run_console)


if __name__ == "__main__":
    sys.exit(main())
