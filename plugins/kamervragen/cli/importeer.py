"""`kamervragen importeer`: notes from real answer and question documents, with what was
mended and what staff must still review listed at the end."""

from __future__ import annotations

import argparse
import sys

from kamervragen.cli.errors import PROG
from kamervragen.cli.project import notes_folder, theme_registry
from kamervragen.importer.write import import_files
from kamervragen.options import Options


def run(args: argparse.Namespace, options: Options) -> int:
    """Import the documents given; 1 when a file could not be read or a note was refused."""
    notes = notes_folder(options, "start in de map van het archief of geef --notes MAP")
    outcome = import_files(list(args.bestanden), notes, theme_registry(options))
    for path in outcome.written:
        print(f"geschreven: {path}")
    for path in outcome.merged:
        print(f"samengevoegd (antwoord of uitstel toegevoegd aan de open set): {path}")
    if outcome.repairs:
        print(f"\nHersteld (aan elkaar geplakte woorden uit de PDF, met de woordenlijst): {len(outcome.repairs)}")
        for repair in outcome.repairs:
            print(f"  {repair}")
    todo = {path: items for path, items in outcome.review.items() if items}
    if todo:
        print("\nTe controleren (staat ook onder 'controleren:' in de notitie; 'kamervragen check' weigert tot het "
              "is opgelost):")
        for path, items in todo.items():
            print(f"  {path}")
            for item in items:
                print(f"    - {item}")
    for refusal in outcome.refused:
        sys.stderr.write(f"{PROG}: {refusal}\n")
    return 1 if outcome.failed else 0
