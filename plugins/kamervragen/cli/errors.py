"""How the command stops: `main` returns an exit code instead of calling sys.exit, so tests
and the console script see the same thing."""

from __future__ import annotations

import sys
from typing import NoReturn

PROG = "kamervragen"


class Exit(Exception):
    """Ends `main` with an exit code (argparse would call sys.exit; `main` returns the code)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def fail(message: str) -> NoReturn:
    """A problem that is not wrong use: the archive cannot be read, or a command refuses."""
    sys.stderr.write(f"{PROG}: {message}\n")
    raise Exit(1)
