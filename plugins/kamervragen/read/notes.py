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

from kamervragen.read.body import Body, parse_body, question_numbers
from kamervragen.audience import AUDIENCES
from kamervragen.problems import Problem
from kamervragen.read.source import YamlDoc, line_at, read_text, source_paths, split_front_matter

# A kenmerk's form, bare so that other patterns (and the search page, through its catalogue) use it.
KENMERK_FORM = "[0-9]{4}Z[0-9]{5}"
KENMERK = re.compile(rf"\A{KENMERK_FORM}\Z")  # \Z, not $: "2026Z00186\n" is no kenmerk
DATE = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# Dates outside these years are typing errors, and past 2106 no gzip timestamp (the sitemap's) can hold them.
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
DOCUMENTNUMMER = re.compile(r"\A[0-9]{4}D[0-9]{5}\Z")
VERGADERJAAR = re.compile(r"\A([0-9]{4})-([0-9]{4})\Z")
TERM_DAYS = 21
POSTPONEMENT_DAYS = 21  # each postponement notice gives three more weeks (README.md, "Design notes")
KINDS = ("schriftelijk", "mondeling")
# Every status a set can have (Note.status), with the words the site, open data and search show.
STATUS_LABELS = {
    "open": "Open",
    "beantwoord": "Beantwoord",
    "te-laat": "Te laat beantwoord",
    "uitgesteld": "Uitgesteld",
    "mondeling": "Mondelinge vragen",
    "beantwoord-datum-onbekend": "Beantwoord (datum onbekend)",
}
ON_BEHALF = re.compile(r"^mede namens (?:de |het )?", re.I)


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
class Postponement:
    """A postponement notice, known by its date, its Aanhangsel number, or both."""

    datum: dt.date | None = None
    aanhangsel: int | None = None
    vergaderjaar: str | None = None


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
    beantwoord_door: tuple[str, ...] = ()
    beantwoord: dt.date | None = None
    uitstel: tuple[Postponement, ...] = ()
    gerelateerd: tuple[str, ...] = ()
    referentie: str | None = None
    aanleiding: str | None = None
    zichtbaarheid: str = "openbaar"
    synthetisch: bool = False
    standpunten: tuple[Position, ...] = ()
    soort: str = "schriftelijk"
    aanhangsel: int | None = None
    vergaderjaar: str | None = None
    documentnummers: tuple[str, ...] = ()
    ontvangen: dt.date | None = None
    opmerking: str | None = None
    nummering: str | None = None
    bron: tuple[str, ...] = ()

    @property
    def oral(self) -> bool:
        return self.soort == "mondeling"

    @property
    def answered_on(self) -> dt.date | None:
        """The answer's date: the letter's (`beantwoord`), else the date the Kamer received it."""
        return self.beantwoord or self.ontvangen

    @property
    def deadline(self) -> dt.date:
        """The term plus three weeks for each postponement notice."""
        return self.termijn + dt.timedelta(days=POSTPONEMENT_DAYS * len(self.uitstel))

    @property
    def answerers(self) -> tuple[str, ...]:
        """The answering office holders as people pages name them ('mede namens de' left off)."""
        return tuple(ON_BEHALF.sub("", holder) for holder in self.beantwoord_door)
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict, compare=False, repr=False)

    def line(self, *path: Any) -> int | None:
        """The source line of a key or list item, as `YamlDoc.line`: ("themas", 1) is the second theme."""
        return line_at(self.lines, path)

    @property
    def internal(self) -> bool:
        return self.zichtbaarheid == "intern"

    @property
    def status(self) -> str:
        """mondeling (oral questions: no term), open, uitgesteld (postponed, open), beantwoord,
        te-laat (answered after the term, postponements included), or beantwoord-datum-onbekend:
        the note holds the answers (Antwoord sections) but not the date of the answer letter, so
        it is answered, though neither on time nor late."""
        if self.oral:
            return "mondeling"
        if self.answered_on is None:
            if self.body.numbers("antwoord"):
                return "beantwoord-datum-onbekend"
            return "uitgesteld" if self.uitstel else "open"
        return "te-laat" if self.answered_on > self.deadline else "beantwoord"

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def askers_label(self) -> str:
        """'Naam (Partij), Naam (Partij)': the askers as lists, feeds and search results show them."""
        return ", ".join(f"{a.naam} ({a.partij})" for a in self.vragenstellers)

    @property
    def days_taken(self) -> int | None:
        return (self.answered_on - self.gesteld).days if self.answered_on else None

    @property
    def date(self) -> dt.date:
        """The date a set is listed under: the answer's, else the question's."""
        return self.answered_on or self.gesteld


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
            hint = "" if isinstance(value, (list, dict)) else "; zet het tussen aanhalingstekens"
            self.problem(key, f"moet tekst zijn, niet {_kind(value)} ({_show(value)}){hint}")
            return None
        return value.strip()

    def date(self, key: str, required: bool = False) -> dt.date | None:
        value = self.text(key, required)
        return None if value is None else self._parse_date(key, value)

    def _parse_date(self, key: str, value: str) -> dt.date | None:
        if not DATE.fullmatch(value):
            self.problem(key, f"'{value}' is geen datum in de vorm JJJJ-MM-DD")
            return None
        try:
            date = dt.date.fromisoformat(value)
        except ValueError:
            self.problem(key, f"'{value}' is geen bestaande datum")
            return None
        if not FIRST_DATE <= date <= LAST_DATE:
            self.problem(key, f"'{value}' ligt niet tussen {FIRST_DATE.year} en {LAST_DATE.year}; een tikfout in het jaar?")
            return None
        return date

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
            if pattern and not pattern.fullmatch(item.strip()):
                self.problem(key, f"'{item}' {hint}")
                return None
            return item.strip()
        return check

    def postponement(self, item: Any) -> Postponement | None:
        """'2024-10-28', or {datum: …, aanhangsel: 507, vergaderjaar: 2024-2025} (either or both)."""
        key = "uitstel"
        if isinstance(item, str):
            day = self._parse_date(key, item)
            return Postponement(datum=day) if day else None
        if not isinstance(item, dict) or not item or set(item) - {"datum", "aanhangsel", "vergaderjaar"} or not (
                {"datum", "aanhangsel"} & set(item)):
            self.problem(key, "elk uitstel is een datum JJJJ-MM-DD of heeft 'datum' en/of 'aanhangsel' "
                         f"(met eventueel 'vergaderjaar'), niet {_show(item)}")
            return None
        day = item.get("datum")
        if day is not None and not isinstance(day, str):
            self.problem(key, f"'datum' moet een datum JJJJ-MM-DD zijn, niet {_show(day)}")
            return None
        datum = self._parse_date(key, day) if day is not None else None
        number = item.get("aanhangsel")
        if number is not None and (not isinstance(number, int) or isinstance(number, bool) or number < 1):
            self.problem(key, f"'aanhangsel' moet een nummer zijn (zoals 507), niet {_show(number)}")
            return None
        year = item.get("vergaderjaar")
        if year is not None and not self._year_ok(key, year):
            return None
        if day is not None and datum is None:
            return None
        return Postponement(datum, number, year)

    def _year_ok(self, key: str, value: Any) -> bool:
        match = VERGADERJAAR.match(value) if isinstance(value, str) else None
        if not match or int(match.group(2)) != int(match.group(1)) + 1:
            self.problem(key, f"vergaderjaar {_show(value)} is geen vergaderjaar in de vorm 2024-2025")
            return False
        return True

    def year(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        return value if self._year_ok(key, value) else None

    def number(self, key: str) -> int | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            self.problem(key, f"moet een nummer zijn (zoals 604), niet {_kind(value)} ({_show(value)})")
            return None
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        """One text or a list of texts (e.g. several answering office holders)."""
        value = self.data.get(key)
        if isinstance(value, list):
            return tuple(self.items(key, False, self.text_item(key)))
        text = self.text(key)
        return (text,) if text else ()

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


def _position(f: _Fields, item: Any, questions: set[str]) -> Position | None:
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
    missing = [n for n in numbers if str(n) not in questions]
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


def _postponement_order(p: Postponement) -> tuple:
    """Dated notices by date; notices known only by number after them, by number."""
    return (p.datum is None, p.datum or dt.date.min, p.aanhangsel or 0)


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
    "synthetisch", "standpunten", "soort", "aanhangsel", "vergaderjaar", "documentnummers", "ontvangen",
    "opmerking", "nummering", "bron", "controleren",
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
    if kenmerk and not KENMERK.fullmatch(kenmerk):
        f.problem("kenmerk", f"'{kenmerk}' is geen Kamerkenmerk in de vorm 2026Z00186 (jaar, Z, vijf cijfers)")
        kenmerk = None
    titel = f.text("titel", required=True)
    gesteld = f.date("gesteld", required=True)
    askers = f.items("vragenstellers", True, f.asker)
    ministers = f.items("gericht_aan", True, f.text_item("gericht_aan"))
    themas = f.items("themas", True, f.text_item("themas"))
    gerelateerd = f.items("gerelateerd", False, f.text_item(
        "gerelateerd", KENMERK, "is geen Kamerkenmerk in de vorm 2026Z00186"))
    uitstel = f.items("uitstel", False, f.postponement)
    termijn = f.date("termijn")
    beantwoord = f.date("beantwoord")
    zichtbaarheid = f.text("zichtbaarheid", required="zichtbaarheid" in doc.data) or "openbaar"  # empty: not public
    if zichtbaarheid not in AUDIENCES:
        f.problem("zichtbaarheid", f"'{zichtbaarheid}' is niet 'openbaar' of 'intern'")
    synthetisch = doc.data.get("synthetisch", False)
    if not isinstance(synthetisch, bool):
        f.problem("synthetisch", "moet true of false zijn")
    if gesteld and beantwoord and beantwoord < gesteld:
        f.problem("beantwoord", f"{beantwoord.isoformat()} ligt vóór de datum van de vragen ({gesteld.isoformat()})")
    if gesteld and termijn and termijn < gesteld:
        f.problem("termijn", f"{termijn.isoformat()} ligt vóór de datum van de vragen ({gesteld.isoformat()})")
    optional = {key: f.text(key) for key in ("referentie", "aanleiding", "opmerking")}
    soort = f.text("soort") or "schriftelijk"
    if soort not in KINDS:
        f.problem("soort", f"'{soort}' is niet 'schriftelijk' of 'mondeling'")
    nummering = f.text("nummering")
    if nummering not in (None, "origineel"):
        f.problem("nummering", f"'{nummering}' kan alleen 'origineel' zijn (nummers zoals in het officiële document)")
    if nummering and not optional["opmerking"]:
        f.problem("nummering", "leg in 'opmerking' uit wat er in het origineel anders is")
    facts = {
        "beantwoord_door": f.texts("beantwoord_door"),
        "aanhangsel": f.number("aanhangsel"),
        "vergaderjaar": f.year("vergaderjaar"),
        "documentnummers": tuple(f.items("documentnummers", False, f.text_item(
            "documentnummers", DOCUMENTNUMMER, "is geen documentnummer in de vorm 2024D45005"))),
        "ontvangen": f.date("ontvangen"),
        "bron": tuple(f.items("bron", False, f.text_item("bron"))),
    }
    if facts["aanhangsel"] and not facts["vergaderjaar"]:
        f.problem("vergaderjaar", "hoort bij 'aanhangsel': het nummer telt per vergaderjaar (zoals 2024-2025)")
    for item in f.items("controleren", False, f.text_item("controleren")):
        f.problem("controleren", f"nog te controleren: {item} (haal het punt weg als het is opgelost)")
    if gesteld and facts["ontvangen"] and facts["ontvangen"] < gesteld:
        f.problem("ontvangen", f"{facts['ontvangen'].isoformat()} ligt vóór de datum van de vragen ({gesteld.isoformat()})")
    body, body_problems = parse_body(body_text, rel, body_line, original_numbering=nummering == "origineel",
                                     allow_empty=soort == "mondeling")
    questions = set(body.numbers("vraag"))
    positions = f.items("standpunten", False, lambda item: _position(f, item, questions))
    problems = f.problems + body_problems
    answered_key = "beantwoord" if beantwoord else "ontvangen"
    if (beantwoord or facts["ontvangen"]) and nummering != "origineel":
        for number in [n for n in body.numbers("vraag") if body.answer_for(n) is None]:
            problems.append(Problem(rel, f"de set is beantwoord, maar 'Vraag {number}' heeft geen 'Antwoord {number}' "
                                    f"(ook geen gecombineerd antwoord als 'Antwoord op vragen {number} en …')",
                                    key=answered_key, line=doc.line(answered_key)))
    if problems:
        return None, problems
    assert kenmerk and titel and gesteld
    return Note(
        path=rel, kenmerk=kenmerk, titel=titel, gesteld=gesteld, vragenstellers=tuple(askers),
        gericht_aan=tuple(ministers), termijn=termijn or gesteld + dt.timedelta(days=TERM_DAYS),
        themas=tuple(themas), body=body, beantwoord=beantwoord, uitstel=tuple(sorted(uitstel, key=_postponement_order)),
        gerelateerd=tuple(gerelateerd), zichtbaarheid=zichtbaarheid, synthetisch=synthetisch,
        standpunten=tuple(positions), soort=soort, nummering=nummering, lines=doc.lines,
        **optional, **facts,
    ), []


def load_notes(notes_dir: Path) -> tuple[list[Note], list[Problem]]:
    """Read every `*.md` below `notes_dir` (sub-folders allowed), in a stable order.

    A note may be a link to a file elsewhere in the project (the folder holding `notes_dir`)."""
    notes: list[Note] = []
    problems: list[Problem] = []
    inside = notes_dir.resolve().parent
    paths, skipped = source_paths(notes_dir)
    problems += [Problem(folder.relative_to(notes_dir.parent).as_posix(), reason, line=1) for folder, reason in skipped]
    for path in paths:
        rel = path.relative_to(notes_dir.parent).as_posix()
        text = read_text(path, rel, inside)
        if isinstance(text, Problem):
            problems.append(text)
            continue
        note, found = parse_note(text, rel)
        problems.extend(found)
        if note:
            notes.append(note)
    return notes, problems
