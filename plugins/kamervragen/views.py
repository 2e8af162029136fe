"""What pages show of a set, a position or another page: view items shared by the generators.

Plain data for the templates (which make every address relative); each generator builds its
own pages from these, so no generator needs another.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from kamervragen import official, urls
from kamervragen.dates import datum
from kamervragen.model import Archive
from kamervragen.read.notes import Note, Position, Postponement


@dataclass(frozen=True)
class Link:
    """A link to another page, by source path (the template makes it relative)."""

    text: str
    url: str
    count: int | None = None
    note: str = ""


@dataclass(frozen=True)
class SetItem:
    """A set as it appears in a list."""

    kenmerk: str
    titel: str
    url: str
    date: dt.date
    date_label: str               # what `date` is: "beantwoord" (the answer's) or "gesteld"
    status: str
    status_label: str
    askers: str


@dataclass(frozen=True)
class PositionItem:
    """A position in a register: the statement, where it was taken, and a link to the answer."""

    tekst: str
    kenmerk: str
    titel: str
    date: dt.date
    url: str
    vragen: str
    intern: bool


def numbers_label(numbers: tuple[int, ...]) -> str:
    """(2, 3, 4, 5, 6) -> 'vragen 2 t/m 6'; (3, 7) -> 'vragen 3 en 7'; (5,) -> 'vraag 5'."""
    runs: list[list[int]] = []
    for n in numbers:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    parts = [f"{r[0]} t/m {r[-1]}" if len(r) > 2 else ", ".join(map(str, r)) for r in runs]
    text = ", ".join(parts[:-1]) + (" en " if len(parts) > 1 else "") + parts[-1] if parts else ""
    single = len(numbers) == 1
    return f"{'vraag' if single else 'vragen'} {text}" if numbers else ""


def position_item(note: Note, position: Position) -> PositionItem:
    body = note.body
    first = str(position.vragen[0]) if position.vragen else None
    anchor = "" if first is None else f"antwoord-{first}" if first in body.numbers("antwoord") else f"vraag-{first}"
    url = urls.set_url(note.kenmerk) + (f"#{anchor}" if anchor else "")
    return PositionItem(position.tekst, note.kenmerk, note.titel, note.date, url,
                        numbers_label(position.vragen), position.intern)


def item(note: Note) -> SetItem:
    return SetItem(note.kenmerk, note.titel, urls.set_url(note.kenmerk), note.date,
                   "beantwoord" if note.answered_on else "gesteld", note.status, note.status_label, note.askers_label)


def link(section: str, key: str, text: str | None = None, count: int | None = None, note: str = "") -> Link:
    """A link to a member, party, minister or year page (by name) or a theme page (by slug)."""
    return Link(text or key, urls.item_url(section, key), count, note)


def theme_link(archive: Archive, slug: str) -> Link:
    """A theme by name; a slug no theme has (only in a broken archive) stays unlinked."""
    theme = archive.themes.get(slug)
    return link(urls.THEMES, slug, theme.naam) if theme else Link(slug, "")


def theme_links(archive: Archive, describe: bool = False) -> list[Link]:
    """Every theme by name, with its number of sets (and description)."""
    return [link(urls.THEMES, slug, t.naam, len(archive.by_theme[slug]), t.beschrijving if describe else "")
            for slug, t in sorted(archive.themes.items(), key=lambda kv: kv[1].naam.lower())]


def official_links(note: Note) -> list[Link]:
    """The set at the Tweede Kamer and, for an answer with an Aanhangsel number, its publication."""
    links = [Link("Deze vragen bij de Tweede Kamer",
                  official.case_page(note.kenmerk, note.documentnummers[0] if note.documentnummers else None))]
    if note.aanhangsel and note.vergaderjaar:
        links.append(Link(f"Aanhangsel van de Handelingen {note.vergaderjaar}, nr. {note.aanhangsel} "
                          "(officiële publicatie)", official.answer_publication(note.vergaderjaar, note.aanhangsel)))
    return links


def postponement_label(p: Postponement) -> str:
    """'28 oktober 2024', 'Aanhangsel 2024-2025 nr. 507', or both: how a notice is known."""
    number = f"Aanhangsel {p.vergaderjaar + ' ' if p.vergaderjaar else ''}nr. {p.aanhangsel}" if p.aanhangsel else ""
    return ", ".join(x for x in (datum(p.datum) if p.datum else "", number) if x)
