"""`kamervragen check`: every problem the build would report, and nothing else.

It runs `model.load_archive`, the build's own validation, so a note cannot pass one and fail
the other."""

from __future__ import annotations

import argparse

from kamervragen.cli.errors import fail
from kamervragen.cli.project import THEMES_HINT, notes_folder
from kamervragen.audience import STAFF
from kamervragen.model import load_archive
from kamervragen.options import Options
from kamervragen.problems import ArchiveError
from kamervragen.read.source import source_paths


def _count(n: int, one: str, more: str) -> str:
    return f"{n} {one if n == 1 else more}"


def run(args: argparse.Namespace, options: Options) -> int:
    """Print every problem with file, line and key, then a summary; 1 if there is any."""
    notes = notes_folder(options, "geef de juiste map met --notes MAP")
    notes_dir = notes.resolve()
    try:
        archive, problems = load_archive(notes_dir, options.themes_file.resolve(), STAFF)
    except ArchiveError as err:
        fail(f"{err} ({THEMES_HINT})")
    except OSError as err:
        fail(f"kan niet lezen: {err}")
    total = len(source_paths(notes_dir)[0])
    for problem in problems:
        print(problem)
    if problems:
        files = len({p.path for p in problems})
        print(f"{_count(len(problems), 'probleem', 'problemen')} in {_count(files, 'bestand', 'bestanden')}; "
              f"{len(archive.notes)} van de {_count(total, 'notitie', 'notities')} in orde.")
        return 1
    if total == 0:
        print(f"Geen notities gevonden in {notes}.")
    elif total == 1:
        print("De notitie is in orde.")
    else:
        print(f"Alle {total} notities zijn in orde.")
    return 0
