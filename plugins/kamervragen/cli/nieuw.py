"""`kamervragen nieuw`: a new note with every key of the note format, from the template
`data/notitie.md.j2`; what staff do not give stays empty for `check` to point out.

Whether the kenmerk is taken is asked of the notes reader (`read.notes.find_note`), and the
note written is read back with `parse_note` to list what is still to be filled in."""

from __future__ import annotations

import argparse
import datetime as dt
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import jinja2
import yaml

from kamervragen import dates
from kamervragen.cli.errors import PROG, fail
from kamervragen.cli.project import notes_folder, shown, theme_registry
from kamervragen.options import Options
from kamervragen.read.notes import TERM_DAYS, find_note, parse_note

TEMPLATE = Path(__file__).parents[1] / "data" / "notitie.md.j2"


def yaml_scalar(value: str) -> str:
    """A YAML scalar for a text, as PyYAML's emitter writes it: plain where that reads back as the
    same text, else quoted; on one line, so a line break of any kind is escaped in double quotes."""
    for style in (None, '"'):
        dumped = yaml.safe_dump({"k": value}, allow_unicode=True, width=math.inf, default_style=style)
        if len(dumped.splitlines()) == 1:
            break
    return dumped.split(": ", 1)[1].rstrip("\n")


def note_text(kenmerk: str, gesteld: dt.date, titel: str | None = None, vragenstellers: Sequence[str] = (),
              partijen: Sequence[str] = (), gericht_aan: Sequence[str] = (), themas: Sequence[str] = ()) -> str:
    """A new note with every key of the note format; what is not given stays empty ("" or []).

    One party goes with every asker; otherwise the parties pair with the askers in order.
    """
    names = list(vragenstellers) or [""]
    parties = list(partijen) * len(names) if len(partijen) == 1 else list(partijen) or [""] * len(names)
    environment = jinja2.Environment(keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    environment.filters["yaml"] = yaml_scalar
    template = environment.from_string(TEMPLATE.read_text(encoding="utf-8"))
    return template.render(kenmerk=kenmerk, titel=titel or "", gesteld=gesteld.isoformat(),
                           vragenstellers=list(zip(names, parties)), gericht_aan=list(gericht_aan),
                           termijn=(gesteld + dt.timedelta(days=TERM_DAYS)).isoformat(), term_days=TERM_DAYS,
                           themas=list(themas))


def _refuse_unknown_themes(options: Options, slugs: list[str]) -> None:
    registry = theme_registry(options)
    unknown = [slug for slug in slugs if slug not in registry]
    if unknown:
        what = (f"thema {unknown[0]!r} staat" if len(unknown) == 1
                else f"thema's {', '.join(repr(s) for s in unknown)} staan")
        fail(f"{what} niet in {shown(options.themes_file)}; bekend zijn: {', '.join(sorted(registry)) or '(geen)'}")


def run(args: argparse.Namespace, options: Options) -> int:
    """Write the note, refusing to overwrite a file or to give a kenmerk a second note."""
    kenmerk: str = args.kenmerk
    names, parties = args.vragensteller, args.partij
    if len(parties) > 1 and len(parties) != max(len(names), 1):
        args.command_parser.error(f"geef één --partij voor alle vragenstellers of één per --vragensteller "
                                  f"(nu {len(names)} vragensteller(s) en {len(parties)} partijen)")
    notes = notes_folder(options, "start in de map van het archief of geef --notes MAP")
    target = notes / kenmerk[:4] / f"{kenmerk}.md"
    if target.exists():
        fail(f"{target} bestaat al; die wordt niet overschreven")
    elsewhere = find_note(notes, kenmerk)
    if elsewhere is not None:
        fail(f"kenmerk {kenmerk} staat al in {elsewhere}; een kenmerk hoort bij één notitie")
    if args.thema:
        _refuse_unknown_themes(options, args.thema)
    gesteld = args.gesteld or options.today or dates.today()
    text = note_text(kenmerk, gesteld, args.titel, names, parties, args.gericht_aan, args.thema)
    try:
        target.parent.mkdir(exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        fail(f"{target} bestaat al; die wordt niet overschreven")
    except OSError as err:
        fail(f"kan {target} niet schrijven: {err}")
    print(target)
    _, problems = parse_note(text, target.as_posix())
    todo = list(dict.fromkeys(p.key or "tekst" for p in problems))
    if todo:
        sys.stderr.write(f"{PROG}: nog in te vullen: {', '.join(todo)} ('kamervragen check' meldt het tot "
                         "het klopt)\n")
    return 0
