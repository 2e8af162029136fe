"""The archive model: validated notes for one audience, with themes, people and links.

An archive is built for one audience. The public archive is made from public notes with
internal blocks already removed, so everything derived from it (lists, counts, backlinks,
related sets) can hold no trace of internal content.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from kamervragen.audience import Audience
from kamervragen.read.notes import Note, ParseAll, Position, load_notes, parse_notes
from kamervragen.read.schema import kenmerken_in
from kamervragen import urls
from kamervragen.urls import slugify
from kamervragen.problems import Problem
from kamervragen.read.themes import Theme, load_themes

RELATED_LIMIT = 5


@dataclass
class Group:
    """Sets sharing one value (a member, party, minister or year), newest first."""

    slug: str
    name: str
    notes: list[Note] = field(default_factory=list)
    parties: set[str] = field(default_factory=set)


def _group(pairs: list[tuple[str, Note]], key=slugify) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    for name, note in pairs:
        group = groups.setdefault(key(name), Group(key(name), name))
        if not group.notes or group.notes[-1] is not note:
            group.notes.append(note)
    return dict(sorted(groups.items(), key=lambda kv: kv[1].name.lower()))


def _unknown_theme(slug: str, themes: dict[str, Theme]) -> str:
    """Message for a slug not in the register, with the closest known slugs."""
    close = difflib.get_close_matches(slug, list(themes), n=3, cutoff=0.6)
    hint = (f"; bedoelde u {' of '.join(repr(c) for c in close)}?" if close
            else "; zet het thema eerst in het themaregister, of kies een slug die erin staat")
    return f"thema '{slug}' staat niet in het themaregister{hint}"


def _names(note: Note) -> list[tuple[str, str, tuple[Any, ...]]]:
    """(section, name, path in the front matter) of every person, party and minister of a set."""
    out = []
    for i, asker in enumerate(note.vragenstellers):
        out += [(urls.MEMBERS, asker.naam, ("vragenstellers", i, "naam")),
                (urls.PARTIES, asker.partij, ("vragenstellers", i, "partij"))]
    out += [(urls.MINISTERS, name, ("gericht_aan", i)) for i, name in enumerate(note.gericht_aan)]
    out += [(urls.MINISTERS, name, ("beantwoord_door", i)) for i, name in enumerate(note.answerers)]
    return out


def _name_collisions(notes: list[Note]) -> list[Problem]:
    """Different names that would share one page ('Ünal' and 'Unal'): never merged, always reported."""
    problems: list[Problem] = []
    first: dict[tuple[str, str], tuple[str, Note, tuple[Any, ...]]] = {}
    for note in notes:
        for section, name, where in _names(note):
            slug = slugify(name)
            other, other_note, other_where = first.setdefault((section, slug), (name, note, where))
            if other != name:
                problems.append(Problem(
                    note.path, f"'{name}' en '{other}' ({other_note.path}:{other_note.line(*other_where)}) krijgen "
                    f"hetzelfde adres {section}/{slug}/; schrijf één naam overal op dezelfde manier",
                    key=where[0], line=note.line(*where)))
    return problems


def check_references(notes: list[Note], themes: dict[str, Theme]) -> tuple[list[Note], list[Problem]]:
    """Cross-note rules: unique kenmerk, known themes, `gerelateerd` naming existing sets."""
    problems: list[Problem] = []
    by_kenmerk: dict[str, Note] = {}
    for note in notes:
        first = by_kenmerk.get(note.kenmerk)
        if first:
            problems.append(Problem(note.path, f"'{note.kenmerk}' staat ook in {first.path}:{first.line('kenmerk')}; "
                                    "een kenmerk hoort bij één notitie", key="kenmerk", line=note.line("kenmerk"),
                                    fatal=True))
        else:
            by_kenmerk[note.kenmerk] = note
    for note in by_kenmerk.values():
        for i, slug in enumerate(note.themas):
            if slug not in themes:
                problems.append(Problem(note.path, _unknown_theme(slug, themes), key="themas",
                                        line=note.line("themas", i)))
        for i, position in enumerate(note.standpunten):
            for j, slug in enumerate(position.themas):
                if slug not in themes:
                    problems.append(Problem(note.path, f"standpunt '{position.tekst}': {_unknown_theme(slug, themes)}",
                                            key="standpunten", line=note.line("standpunten", i, "themas", j)))
    problems += _name_collisions([n for n in by_kenmerk.values() if n.path not in {p.path for p in problems}])
    bad = {p.path for p in problems}
    while True:
        valid = {k: n for k, n in by_kenmerk.items() if n.path not in bad}
        found = [
            Problem(n.path, f"'{k}' " + ("verwijst naar de set zelf" if k == n.kenmerk else
                                         "staat in het archief, maar die notitie heeft een fout"),
                    key="gerelateerd", line=n.line("gerelateerd", i))
            for n in valid.values() for i, k in enumerate(n.gerelateerd)
            if k == n.kenmerk or (k in by_kenmerk and k not in valid)
        ]
        if not found:
            return list(valid.values()), problems
        problems.extend(found)
        bad |= {p.path for p in found}


class Archive:
    """All sets one audience may see, with every index the pages need."""

    def __init__(self, notes: list[Note], themes: dict[str, Theme], audience: Audience) -> None:
        self.audience = audience
        self.themes = themes
        self.known = {n.kenmerk for n in notes}  # every valid set, internal ones too (never shown publicly)
        visible = [n for n in notes if self.internal or not n.internal]
        self.notes = sorted(visible, key=lambda n: (n.date, n.kenmerk), reverse=True)
        self.by_kenmerk = {n.kenmerk: n for n in self.notes}

    @property
    def internal(self) -> bool:
        return self.audience.internal

    @cached_property
    def theme_terms(self) -> tuple[tuple[str, str], ...]:
        """(name or abbreviation, theme slug) for every way a theme is named in text."""
        return tuple((term, t.slug) for t in self.themes.values() for term in t.terms)

    def text(self, note: Note) -> str:
        """A set's body text as this audience sees it."""
        return note.body.text(self.internal)

    def positions(self, note: Note) -> list[Position]:
        """The positions of a set this audience may see."""
        return [p for p in note.standpunten if self.internal or not p.intern]

    @cached_property
    def positions_by_theme(self) -> dict[str, list[tuple[Note, Position]]]:
        """Per theme, every visible position with its set, newest first: the register."""
        out: dict[str, list[tuple[Note, Position]]] = {slug: [] for slug in self.themes}
        for note in self.notes:
            for position in self.positions(note):
                for slug in position.themas:
                    out[slug].append((note, position))
        return out

    def related_kenmerken(self, note: Note) -> list[str]:
        return [k for k in note.gerelateerd if k in self.by_kenmerk]

    def external_kenmerken(self, note: Note) -> list[str]:
        """Related sets outside this archive (other departments' sets): linked to the Tweede Kamer."""
        return [k for k in note.gerelateerd if k not in self.known]

    @cached_property
    def by_theme(self) -> dict[str, list[Note]]:
        out: dict[str, list[Note]] = {slug: [] for slug in self.themes}
        for note in self.notes:
            for slug in note.themas:
                out[slug].append(note)
        return out

    @cached_property
    def members(self) -> dict[str, Group]:
        groups = _group([(a.naam, n) for n in self.notes for a in n.vragenstellers])
        for note in self.notes:
            for asker in note.vragenstellers:
                groups[slugify(asker.naam)].parties.add(asker.partij)
        return groups

    @cached_property
    def parties(self) -> dict[str, Group]:
        return _group([(a.partij, n) for n in self.notes for a in n.vragenstellers])

    @cached_property
    def ministers(self) -> dict[str, Group]:
        pairs = [(m, n) for n in self.notes for m in dict.fromkeys((*n.gericht_aan, *n.answerers))]
        return _group(pairs)

    @cached_property
    def years(self) -> dict[str, Group]:
        groups = _group([(str(n.gesteld.year), n) for n in self.notes], key=str)
        return dict(sorted(groups.items(), reverse=True))

    @cached_property
    def backlinks(self) -> dict[str, list[Note]]:
        """Sets that mention a set in their text or name it in `gerelateerd`."""
        out: dict[str, list[Note]] = defaultdict(list)
        for note in self.notes:
            cited = set(kenmerken_in(self.text(note))) | set(note.gerelateerd)
            for kenmerk in sorted(cited - {note.kenmerk}):
                if kenmerk in self.by_kenmerk:
                    out[kenmerk].append(note)
        return out

    @cached_property
    def _theme_neighbours(self) -> dict[frozenset[str], list[Note]]:
        """Per combination of themes, the sets sharing most themes with it, newest first.

        Sets are grouped by their theme combination (there are few), so this costs
        combinations squared, not sets squared: it stays cheap at 10,000 notes.
        """
        groups: dict[frozenset[str], list[Note]] = defaultdict(list)
        for note in self.notes:  # newest first already
            groups[frozenset(note.themas)].append(note)
        explicit = max((len(n.gerelateerd) + len(self._referred_by.get(n.kenmerk, [])) for n in self.notes), default=0)
        keep = RELATED_LIMIT + 1 + explicit
        out = {}
        for mine in groups:
            candidates = [(len(mine & other), n) for other, notes in groups.items() if mine & other
                          for n in notes[:keep]]
            candidates.sort(key=lambda c: (-c[0], -c[1].date.toordinal(), c[1].kenmerk))
            out[mine] = [n for _, n in candidates[:keep]]
        return out

    @cached_property
    def _referred_by(self) -> dict[str, list[Note]]:
        out: dict[str, list[Note]] = defaultdict(list)
        for note in self.notes:
            for kenmerk in note.gerelateerd:
                out[kenmerk].append(note)
        return out

    def related(self, note: Note) -> list[Note]:
        """Explicitly related sets (both directions) first, then up to five sharing the most themes."""
        explicit = [self.by_kenmerk[k] for k in self.related_kenmerken(note)]
        explicit += [n for n in self._referred_by.get(note.kenmerk, []) if n not in explicit]
        skip = {note.kenmerk, *(n.kenmerk for n in explicit)}
        shared = [n for n in self._theme_neighbours[frozenset(note.themas)] if n.kenmerk not in skip]
        return explicit + shared[:RELATED_LIMIT]


def load_archive(notes_dir: Path, themes_file: Path, audience: Audience,
                 parse: ParseAll = parse_notes) -> tuple[Archive, list[Problem]]:
    """Read, validate and index everything; problems name file, key and line. `parse` parses
    the notes (parse_notes; in worker processes, or from a cache: read/note_cache.py)."""
    root = notes_dir.parent
    themes, problems = load_themes(themes_file, themes_file.relative_to(root).as_posix()
                                   if themes_file.is_relative_to(root) else str(themes_file))
    notes, note_problems = load_notes(notes_dir, parse)
    valid, ref_problems = check_references(notes, themes)
    return Archive(valid, themes, audience), problems + note_problems + ref_problems
