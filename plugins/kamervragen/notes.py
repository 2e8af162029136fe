"""Loading and validating notes: one Markdown file with YAML front matter per question set.

Every problem in every file is collected (not only the first), so staff fix a batch of
notes in one go; a note with a problem is left out of the archive and named in the report.
"""

from __future__ import annotations

import datetime as dt
import re
import reprlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .body import Body, parse_body, question_numbers
from .problems import Problem
from .source import YamlDoc, line_at, read_text, split_front_matter

KENMERK = re.compile(r"^\d{4}Z\d{5}$")
TERM_DAYS = 21
AUDIENCES = ("openbaar", "intern")


@dataclass(frozen=True)
class Asker:
    naam: str
    partij: str


@dataclass(frozen=True)
class Position:
    """A position (standpunt) the answers take: a short statement, the questions, the themes."""

    tekst: str
    vragen: tuple[int, ...]
    themas: tuple[str, ...]
    intern: bool = False


@dataclass(frozen=True)
class Note:
    """One validated question set."""

    path: str
    kenmerk: str
    titel: str
    gesteld: dt.date
    vragenstellers: tuple[Asker, ...]
    gericht_aan: tuple[str, ...]
    termijn: dt.date
    themas: tuple[str, ...]
    body: Body
    beantwoord_door: str | None = None
    beantwoord: dt.date | None = None
    uitstel: tuple[dt.date, ...] = ()
    gerelateerd: tuple[str, ...] = ()
    referentie: str | None = None
    aanleiding: str | None = None
    zichtbaarheid: str = "openbaar"
    synthetisch: bool = False
    standpunten: tuple[Position, ...] = ()
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict, compare=False, repr=False)

    def line(self, *path: Any) -> int | None:
        """The source line of a key or list item, as `YamlDoc.line`: ("themas", 1) is the second theme."""
        return line_at(self.lines, path)

    @property
    def internal(self) -> bool:
        return self.zichtbaarheid == "intern"

    @property
    def status(self) -> str:
        """open, uitgesteld (postponed, open), beantwoord, te-laat (answered after the term), or
        beantwoord-datum-onbekend: the note holds the answers (Antwoord sections) but not the
        date of the answer letter, so it is answered, though neither on time nor late."""
        if self.beantwoord is None:
            if self.body.numbers("antwoord"):
                return "beantwoord-datum-onbekend"
            return "uitgesteld" if self.uitstel else "open"
        return "te-laat" if self.beantwoord > self.termijn else "beantwoord"

    @property
    def days_taken(self) -> int | None:
        return (self.beantwoord - self.gesteld).days if self.beantwoord else None

    @property
    def date(self) -> dt.date:
        """The date a set is listed under: the answer's, else the question's."""
        return self.beantwoord or self.gesteld


class _Fields:
    """Typed access to one note's front matter that records a problem per bad key.

    A problem points at the key's line; while `items` checks a list, at the item's line; for
    a key that is missing, at the front matter's closing '---' (where it can be added)."""

    def __init__(self, doc: YamlDoc, rel: str, end_line: int) -> None:
        self.data, self.doc, self.rel, self.end_line = doc.data, doc, rel, end_line
        self.problems: list[Problem] = []
        self.at: tuple[str, int] | None = None

    def problem(self, key: str, message: str, *within: Any) -> None:
        """A problem with `key`, or with `within` (a sub-key) of the list item being checked."""
        path = (*self.at, *within) if self.at and self.at[0] == key else (key,)
        self.problems.append(Problem(self.rel, message, key=key, line=self.doc.line(*path) or self.end_line))

    def text(self, key: str, required: bool = False) -> str | None:
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(key, "ontbreekt of is leeg")
            return None
        if not isinstance(value, str):
            self.problem(key, f"moet tekst zijn, niet {_kind(value)} ({_show(value)}); zet het tussen aanhalingstekens")
            return None
        return value.strip()

    def date(self, key: str, required: bool = False) -> dt.date | None:
        value = self.text(key, required)
        return None if value is None else self._parse_date(key, value)

    def _parse_date(self, key: str, value: str) -> dt.date | None:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.problem(key, f"'{value}' is geen datum in de vorm JJJJ-MM-DD")
            return None
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            self.problem(key, f"'{value}' is geen bestaande datum")
            return None

    def items(self, key: str, required: bool, check: Callable[[Any], Any]) -> list[Any]:
        """A list whose items pass `check` (which returns None after reporting a problem)."""
        value = self.data.get(key)
        if value is None or value == []:
            if required:
                self.problem(key, "ontbreekt of is leeg: geef minstens één waarde")
            return []
        if not isinstance(value, list):
            self.problem(key, f"moet een lijst zijn (regels die beginnen met '- '), niet {_kind(value)}")
            return []
        checked = []
        for i, item in enumerate(value):
            self.at = (key, i)
            checked.append(check(item))
        self.at = None
        return [item for item in checked if item is not None]

    def text_item(self, key: str, pattern: re.Pattern[str] | None = None, hint: str = "") -> Callable[[Any], str | None]:
        def check(item: Any) -> str | None:
            if not isinstance(item, str) or not item.strip():
                self.problem(key, f"elk element moet tekst zijn, niet {_kind(item)} ({_show(item)})")
                return None
            if pattern and not pattern.match(item.strip()):
                self.problem(key, f"'{item}' {hint}")
                return None
            return item.strip()
        return check

    def date_item(self, key: str) -> Callable[[Any], dt.date | None]:
        def check(item: Any) -> dt.date | None:
            if not isinstance(item, str):
                self.problem(key, f"elk element moet een datum JJJJ-MM-DD zijn, niet {_kind(item)} ({_show(item)})")
                return None
            return self._parse_date(key, item)
        return check

    def asker(self, item: Any) -> Asker | None:
        key = "vragenstellers"
        if not isinstance(item, dict) or set(item) - {"naam", "partij"}:
            self.problem(key, f"elk element heeft precies de sleutels 'naam' en 'partij', niet {_show(item)}")
            return None
        naam, partij = item.get("naam"), item.get("partij")
        if not all(isinstance(v, str) and v.strip() for v in (naam, partij)):
            self.problem(key, f"'naam' en 'partij' moeten allebei ingevuld zijn (tekst): {_show(item)}")
            return None
        return Asker(naam.strip(), partij.strip())


def _position(f: _Fields, item: Any, questions: set[int]) -> Position | None:
    """One `standpunten` entry: {standpunt, vragen ("2 t/m 6" or a list), themas, zichtbaarheid}."""
    key = "standpunten"
    if not isinstance(item, dict) or set(item) - _POSITION_KEYS:
        f.problem(key, f"elk standpunt heeft de sleutels {', '.join(sorted(_POSITION_KEYS))}, niet {_show(item)}")
        return None
    tekst = item.get("standpunt")
    if not isinstance(tekst, str) or not tekst.strip():
        f.problem(key, f"'standpunt' (de tekst) ontbreekt of is leeg: {_show(item)}")
        return None
    vragen = item.get("vragen", [])
    numbers = question_numbers(str(vragen)) if isinstance(vragen, (str, int)) else (
        vragen if isinstance(vragen, list) and all(isinstance(n, int) for n in vragen) else None)
    if numbers is None:
        f.problem(key, f"'vragen' van '{tekst.strip()}' is geen lijst van vraagnummers zoals \"2 t/m 6\" of \"3 en 7\"",
                  "vragen")
        return None
    missing = [n for n in numbers if n not in questions]
    if missing:
        f.problem(key, f"standpunt '{tekst.strip()}' noemt vraag {', '.join(map(str, missing))}, "
                  "die niet in de tekst staat", "vragen")
        return None
    themas = item.get("themas", [])
    if not isinstance(themas, list) or not all(isinstance(t, str) for t in themas):
        f.problem(key, f"'themas' van '{tekst.strip()}' moet een lijst van thema-slugs zijn", "themas")
        return None
    zichtbaarheid = item.get("zichtbaarheid", "openbaar")
    if zichtbaarheid not in AUDIENCES:
        f.problem(key, f"'zichtbaarheid' van '{tekst.strip()}' is niet 'openbaar' of 'intern'", "zichtbaarheid")
        return None
    return Position(tekst.strip(), tuple(numbers), tuple(themas), zichtbaarheid == "intern")


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 80
_REPR.maxlevel = 3


def _show(value: Any) -> str:
    """A bad value in a message, shortened: YAML aliases can make huge values from small text."""
    return _REPR.repr(value)


def _kind(value: Any) -> str:
    return {bool: "ja/nee", int: "een getal", float: "een getal", list: "een lijst",
            dict: "een tabel met sleutels"}.get(type(value), type(value).__name__)


KEYS = {
    "kenmerk", "titel", "gesteld", "vragenstellers", "gericht_aan", "beantwoord_door", "termijn",
    "beantwoord", "uitstel", "themas", "gerelateerd", "referentie", "aanleiding", "zichtbaarheid",
    "synthetisch", "standpunten",
}
_POSITION_KEYS = {"standpunt", "vragen", "themas", "zichtbaarheid"}


def parse_note(text: str, rel: str) -> tuple[Note | None, list[Problem]]:
    """Validate one note's text; return the note (None when anything is wrong) and the problems."""
    split = split_front_matter(text, rel)
    if isinstance(split, Problem):
        return None, [split]
    doc, body_text, body_line = split
    if not isinstance(doc.data, dict):
        return None, [Problem(rel, "de front matter moet sleutels met waarden bevatten (kenmerk: …, titel: …)", line=2)]
    f = _Fields(doc, rel, end_line=body_line - 1)
    for key in sorted(set(doc.data) - KEYS, key=str):
        f.problem(str(key), f"onbekende sleutel; toegestaan zijn: {', '.join(sorted(KEYS))}")
    kenmerk = f.text("kenmerk", required=True)
    if kenmerk and not KENMERK.match(kenmerk):
        f.problem("kenmerk", f"'{kenmerk}' is geen Kamerkenmerk in de vorm 2026Z00186 (jaar, Z, vijf cijfers)")
        kenmerk = None
    titel = f.text("titel", required=True)
    gesteld = f.date("gesteld", required=True)
    askers = f.items("vragenstellers", True, f.asker)
    ministers = f.items("gericht_aan", True, f.text_item("gericht_aan"))
    themas = f.items("themas", True, f.text_item("themas"))
    gerelateerd = f.items("gerelateerd", False, f.text_item(
        "gerelateerd", KENMERK, "is geen Kamerkenmerk in de vorm 2026Z00186"))
    uitstel = f.items("uitstel", False, f.date_item("uitstel"))
    termijn = f.date("termijn")
    beantwoord = f.date("beantwoord")
    zichtbaarheid = f.text("zichtbaarheid") or "openbaar"
    if zichtbaarheid not in AUDIENCES:
        f.problem("zichtbaarheid", f"'{zichtbaarheid}' is niet 'openbaar' of 'intern'")
    synthetisch = doc.data.get("synthetisch", False)
    if not isinstance(synthetisch, bool):
        f.problem("synthetisch", "moet true of false zijn")
    if gesteld and beantwoord and beantwoord < gesteld:
        f.problem("beantwoord", f"{beantwoord.isoformat()} ligt vóór de datum van de vragen ({gesteld.isoformat()})")
    if gesteld and termijn and termijn < gesteld:
        f.problem("termijn", f"{termijn.isoformat()} ligt vóór de datum van de vragen ({gesteld.isoformat()})")
    optional = {key: f.text(key) for key in ("beantwoord_door", "referentie", "aanleiding")}
    body, body_problems = parse_body(body_text, rel, body_line)
    questions = set(body.numbers("vraag"))
    positions = f.items("standpunten", False, lambda item: _position(f, item, questions))
    problems = f.problems + body_problems
    if beantwoord:
        answers = body.numbers("antwoord")
        for number in sorted(set(body.numbers("vraag")) - set(answers)):
            problems.append(Problem(rel, f"de set is beantwoord, maar 'Vraag {number}' heeft geen 'Antwoord {number}'",
                                    key="beantwoord", line=doc.line("beantwoord")))
    if problems:
        return None, problems
    assert kenmerk and titel and gesteld
    return Note(
        path=rel, kenmerk=kenmerk, titel=titel, gesteld=gesteld, vragenstellers=tuple(askers),
        gericht_aan=tuple(ministers), termijn=termijn or gesteld + dt.timedelta(days=TERM_DAYS),
        themas=tuple(themas), body=body, beantwoord=beantwoord, uitstel=tuple(sorted(uitstel)),
        gerelateerd=tuple(gerelateerd), zichtbaarheid=zichtbaarheid, synthetisch=synthetisch,
        standpunten=tuple(positions), lines=doc.lines,
        **optional,
    ), []


def load_notes(notes_dir: Path) -> tuple[list[Note], list[Problem]]:
    """Read every `*.md` below `notes_dir` (sub-folders allowed), in a stable order."""
    notes: list[Note] = []
    problems: list[Problem] = []
    for path in sorted(notes_dir.rglob("*.md")):
        rel = path.relative_to(notes_dir.parent).as_posix()
        text = read_text(path, rel)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        note, found = parse_note(text, rel)
        problems.extend(found)
        if note:
            notes.append(note)
    return notes, problems
