"""Atom feeds of answered sets, made with feedgen (a kept library, not hand-written XML).

One feed of every answered set and one per theme, newest answer first. Atom needs
absolute identifiers, so feeds are made only when the site has a `site_url`.
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from .model import Archive
from .notes import Note
from .pages import set_url

LIMIT = 50
ALL = "feeds/beantwoord.xml"


def theme_feed(slug: str) -> str:
    return f"feeds/themas/{slug}.xml"


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.timezone.utc)


def _feed(archive: Archive, site_url: str, site_name: str, path: str, title: str, notes: list[Note]) -> bytes:
    answered = sorted((n for n in notes if n.beantwoord), key=lambda n: (n.beantwoord, n.kenmerk), reverse=True)[:LIMIT]
    fg = FeedGenerator()
    fg.id(site_url + path)
    fg.title(title)
    fg.author({"name": site_name})
    fg.language("nl")
    fg.link(href=site_url + path, rel="self")
    fg.link(href=site_url, rel="alternate")
    fg.updated(_moment(answered[0].beantwoord) if answered else _moment(dt.date(2000, 1, 1)))
    for note in reversed(answered):  # feedgen puts the last added entry first
        entry = fg.add_entry()
        url = site_url + set_url(note.kenmerk)
        entry.id(url)
        entry.title(f"{note.titel} ({note.kenmerk})")
        entry.link(href=url)
        entry.published(_moment(note.beantwoord))
        entry.updated(_moment(note.beantwoord))
        askers = ", ".join(f"{a.naam} ({a.partij})" for a in note.vragenstellers)
        entry.summary(f"Vragen van {askers}, gesteld {note.gesteld.isoformat()}, beantwoord "
                      f"{note.beantwoord.isoformat()} door {note.beantwoord_door or ', '.join(note.gericht_aan)}.")
        for slug in note.themas:
            entry.category(term=slug, label=archive.themes[slug].naam)
    return fg.atom_str(pretty=True)


def build(archive: Archive, site_url: str, site_name: str) -> dict[str, bytes]:
    """Every feed, by path below the site root."""
    base = site_url.rstrip("/") + "/"
    files = {ALL: _feed(archive, base, site_name, ALL, f"{site_name}: beantwoorde vragen", archive.notes)}
    for slug, theme in archive.themes.items():
        files[theme_feed(slug)] = _feed(archive, base, site_name, theme_feed(slug),
                                        f"{site_name}: {theme.naam}", archive.by_theme[slug])
    return files
