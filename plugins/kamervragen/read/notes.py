"""Loading and validating notes: one Markdown file with YAML front matter per question set.

Every problem in every file is collected (not only the first), so staff fix a batch of
notes in one go; a note with a problem is left out of the archive and named in the report.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from kamervragen.problems import Problem
from kamervragen.read.body import Body, parse_body
from kamervragen.read.schema import NOTE, Reader, Values
from kamervragen.read.source import line_at, read_text, source_paths, split_front_matter
from kamervragen.store import fingerprinted

TERM_DAYS = 21
POSTPONEMENT_DAYS = 21  # each postponement notice gives three more weeks (README.md, "Design notes")
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


@fingerprinted
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


def _postponement_order(p: Postponement) -> tuple:
    """Dated notices by date; notices known only by number after them, by number."""
    return (p.datum is None, p.datum or dt.date.min, p.aanhangsel or 0)


def _check_facts(reader: Reader, v: Values) -> None:
    """The rules that join two fields, which a table of single fields cannot say."""
    gesteld = v["gesteld"]
    for key in ("termijn", "beantwoord", "ontvangen"):
        if gesteld and v[key] and v[key] < gesteld:
            reader.say(v, key, f"{v[key].isoformat()} ligt vóór de datum van de vragen ({gesteld.isoformat()})")
    if v["nummering"] and not v["opmerking"]:
        reader.say(v, "nummering", "leg in 'opmerking' uit wat er in het origineel anders is")
    if v["aanhangsel"] and not v["vergaderjaar"]:
        reader.say(v, "vergaderjaar", "hoort bij 'aanhangsel': het nummer telt per vergaderjaar (zoals 2024-2025)")
    for item in v["controleren"]:
        reader.say(v, "controleren", f"nog te controleren: {item} (haal het punt weg als het is opgelost)")


KEYS = NOTE.keys
_BUILT = {"vragenstellers", "termijn", "uitstel", "standpunten", "controleren"}  # not copied to the Note as they are


def parse_note(text: str, rel: str) -> tuple[Note | None, list[Problem]]:
    """Validate one note's text; return the note (None when anything is wrong) and the problems."""
    split = split_front_matter(text, rel)
    if isinstance(split, Problem):
        return None, [split]
    doc, body_text, body_line = split
    if not isinstance(doc.data, dict):
        return None, [Problem(rel, "de front matter moet sleutels met waarden bevatten (kenmerk: …, titel: …)", line=2)]
    reader = Reader(rel, doc, end_line=body_line - 1)
    v = reader.mapping(NOTE, doc.data, Values(()))
    _check_facts(reader, v)
    body, body_problems = parse_body(body_text, rel, body_line, original_numbering=v["nummering"] == "origineel",
                                     allow_empty=v["soort"] == "mondeling")
    questions = set(body.numbers("vraag"))
    for position in v["standpunten"]:
        missing = [str(n) for n in position["vragen"] if str(n) not in questions]
        if missing:
            reader.say(position, "vragen", f"noemt vraag {', '.join(missing)}, die niet in de tekst staat")
    problems = reader.problems + body_problems
    answered_key = "beantwoord" if v["beantwoord"] else "ontvangen"
    if (v["beantwoord"] or v["ontvangen"]) and v["nummering"] != "origineel":
        for number in [n for n in body.numbers("vraag") if body.answer_for(n) is None]:
            problems.append(Problem(rel, f"de set is beantwoord, maar 'Vraag {number}' heeft geen 'Antwoord {number}' "
                                    f"(ook geen gecombineerd antwoord als 'Antwoord op vragen {number} en …')",
                                    key=answered_key, line=doc.line(answered_key)))
    if problems:
        return None, problems
    return Note(
        path=rel, body=body, lines=doc.lines, **{key: value for key, value in v.items() if key not in _BUILT},
        vragenstellers=tuple(Asker(**a) for a in v["vragenstellers"]),
        termijn=v["termijn"] or v["gesteld"] + dt.timedelta(days=TERM_DAYS),
        uitstel=tuple(sorted((Postponement(**p) for p in v["uitstel"]), key=_postponement_order)),
        standpunten=tuple(Position(p["standpunt"], p["vragen"], p["themas"], p["zichtbaarheid"] == "intern")
                          for p in v["standpunten"]),
    ), []


Parsed = tuple[Note | None, list[Problem]]
ParseAll = Callable[[list[tuple[str, str]]], list[Parsed]]  # (text, path) of many notes -> what parse_note gives
CHUNK = 10_000  # notes read, then parsed together: at most their texts (about 100 MB) are held at once


def parse_notes(items: list[tuple[str, str]]) -> list[Parsed]:
    """parse_note of each (text, path), in this process."""
    return [parse_note(text, rel) for text, rel in items]


def load_notes(notes_dir: Path, parse: ParseAll = parse_notes) -> tuple[list[Note], list[Problem]]:
    """Read every `*.md` below `notes_dir` (sub-folders allowed), in a stable order, parsed by
    `parse` (parse_notes, or in worker processes, or from a cache) CHUNK at a time.

    A note may be a link to a file elsewhere in the project (the folder holding `notes_dir`)."""
    notes: list[Note] = []
    problems: list[Problem] = []
    inside = notes_dir.resolve().parent
    paths, skipped = source_paths(notes_dir)
    problems += [Problem(folder.relative_to(notes_dir.parent).as_posix(), reason, line=1) for folder, reason in skipped]
    for start in range(0, len(paths), CHUNK):
        read: list[tuple[str, str] | Problem] = []  # in the order of the paths, as the problems are reported
        for path in paths[start:start + CHUNK]:
            rel = path.relative_to(notes_dir.parent).as_posix()
            text = read_text(path, rel, inside)
            read.append(text if isinstance(text, Problem) else (text, rel))
        parsed = iter(parse([item for item in read if not isinstance(item, Problem)]))
        for item in read:
            note, found = ((None, [item]) if isinstance(item, Problem) else next(parsed))
            problems.extend(found)
            if note:
                notes.append(note)
    return notes, problems


def find_note(notes_dir: Path, kenmerk: str) -> Path | None:
    """The note that already has this kenmerk, by its file name or its front matter as this
    reader reads it. A file that cannot be read or parsed is skipped: that is `check`'s to report."""
    for path in source_paths(notes_dir)[0]:
        if path.stem == kenmerk:
            return path
        text = read_text(path, path.as_posix())
        split = split_front_matter(text, path.as_posix()) if isinstance(text, str) else text
        front = split[0].data if not isinstance(split, Problem) else None
        if isinstance(front, dict) and front.get("kenmerk") == kenmerk:
            return path
    return None
