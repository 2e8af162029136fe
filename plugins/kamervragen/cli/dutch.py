"""argparse in Dutch: its own words (usage, errors, help) and its way of stopping.

argparse translates its messages through gettext by their English ids; there is no Dutch
catalogue, so the ids are mapped here and lent to argparse only while the command runs."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from typing import NoReturn

from kamervragen.cli.errors import PROG, Exit

# argparse's own words, by their English message ids.
_DUTCH = {
    "usage: ": "Gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "one of the arguments %s is required": "geef een van deze argumenten: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "onbekende keuze: %(value)r (kies uit %(choices)s)",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "expected one argument": "hier hoort één waarde bij",
    "expected at most one argument": "hier hoort hoogstens één waarde bij",
    "expected at least one argument": "hier hoort minstens één waarde bij",
    "expected %s argument": "hier hoort %s waarde bij",
    "expected %s arguments": "hier horen %s waarden bij",
    "not allowed with argument %s": "niet samen met %s",
    "ignored explicit argument %r": "deze optie neemt geen waarde (%r)",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan zijn: %(matches)s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekende opdracht %(parser_name)r (kies uit %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: %(message)s\n",
}


def _gettext(message: str) -> str:
    return _DUTCH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextlib.contextmanager
def in_dutch() -> Iterator[None]:
    """argparse's gettext hook: it looks `_` and `ngettext` up in its module at each call."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class Parser(argparse.ArgumentParser):
    """Usage errors as `kamervragen: …` with a pointer to --help, exit code 2, no sys.exit."""

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise Exit(status)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{PROG}: {message}\nMeer uitleg: {self.prog} --help\n")
        raise Exit(2)


class Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the descriptions' own line breaks; the option column wide enough for `--gericht-aan NAAM`."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)
