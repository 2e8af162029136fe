"""Synthetic notes for the tests: small note texts read by `parse_note`, so they pass the same
validation as real notes, and a few broken note texts that must be refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kamervragen.analysis import records
from kamervragen.model import Archive
from kamervragen.options import Options
from kamervragen.read.notes import Note, parse_note
from kamervragen.site import Context

BODY = "\nInleiding.\n\n## Vraag 1\n\nEen vraag?\n"
ANSWERED_BODY = BODY + "\n## Antwoord 1\n\nEen antwoord.\n"


def quoted(value: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + value.replace("'", "''") + "'"


def synthetic_note(kenmerk: str, gesteld: dt.date, *, titel: str = "Verzonnen vragen",
                   themas: tuple[str, ...] = ("proef",), askers=(("Ünal", "Proefpartij"),),
                   uitstel: tuple[dt.date, ...] = (), beantwoord: dt.date | None = None,
                   beantwoord_door: str | None = None, termijn: dt.date | None = None,
                   intern: bool = False, answers: bool | None = None) -> Note:
    """A valid note from notes/<year of the kenmerk>/; one question, answered when `beantwoord` is set
    (or `answers` is true: the answer without the letter's date).

    `askers` are (naam, partij) pairs. Everything is addressed to one synthetic minister.
    """
    lines = [
        f"kenmerk: {kenmerk}",
        f"titel: {quoted(titel)}",
        f"gesteld: '{gesteld.isoformat()}'",
        "vragenstellers:\n" + "\n".join(f"  - naam: {quoted(n)}\n    partij: {quoted(p)}" for n, p in askers),
        "gericht_aan:\n  - minister van Verzonnen Zaken",
        "themas:\n" + "\n".join(f"  - {t}" for t in themas),
        "synthetisch: true",
    ]
    if uitstel:
        lines.append("uitstel:\n" + "\n".join(f"  - '{d.isoformat()}'" for d in uitstel))
    if beantwoord:
        lines.append(f"beantwoord: '{beantwoord.isoformat()}'")
    if beantwoord_door:
        lines.append(f"beantwoord_door: {beantwoord_door}")
    if termijn:
        lines.append(f"termijn: '{termijn.isoformat()}'")
    if intern:
        lines.append("zichtbaarheid: intern")
    source = "---\n" + "\n".join(lines) + "\n---\n" + (ANSWERED_BODY if answers or beantwoord else BODY)
    note, problems = parse_note(source, f"notes/{kenmerk[:4]}/{kenmerk}.md")
    assert note is not None, [str(p) for p in problems]
    return note


# A note with an impossible date (30 February), and one whose theme is not in the register.
BAD_DATE = """---
kenmerk: 2099Z00009
titel: Verzonnen vragen met een onmogelijke datum
gesteld: 2099-02-30
vragenstellers:
  - naam: Ünal
    partij: Partij voor de Proef
gericht_aan:
  - minister van Verzonnen Zaken
themas:
  - digitale-dijken
synthetisch: true
---

## Vraag 1

Bestaat 30 februari?
"""

UNKNOWN_THEME = BAD_DATE.replace("gesteld: 2099-02-30", "gesteld: 2099-02-03").replace(
    "  - digitale-dijken", "  - bestaat-niet")


def context(archive: Archive, today: dt.date = dt.date(2099, 3, 1), **options) -> Context:
    """What a generator gets from the orchestrator, for an archive made in a test (no similar sets)."""
    return Context(archive, Options(Path("notes"), Path("notes/themas.yml"), archive.audience, **options), today,
                   records.analyse(archive), {})
