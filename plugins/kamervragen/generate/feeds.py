"""Atom feeds of answered sets, made with feedgen (a kept library, not hand-written XML).

One feed of every answered set and one per theme, newest answer first. With a `site_url`
links and ids are absolute; without one, ids are URNs and links relative to the feed.
"""

from __future__ import annotations

import datetime as dt

from feedgen.feed import FeedGenerator

from kamervragen import urls
from kamervragen.model import Archive
from kamervragen.read.notes import Note
from kamervragen.site import Context, Output

LIMIT = 50


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=dt.timezone.utc)


def _feed(archive: Archive, site_url: str | None, site_name: str, path: str, title: str, notes: list[Note]) -> bytes:
    answered = sorted((n for n in notes if n.answered_on), key=lambda n: (n.answered_on, n.kenmerk), reverse=True)[:LIMIT]
    base = site_url or "./"  # feeds live at the site root
    fg = FeedGenerator()
    fg.id(site_url + path if site_url else f"urn:kamervragen-archief:{path}")
    fg.title(title)
    fg.author({"name": site_name})
    fg.language("nl")
    fg.link(href=base + path, rel="self")
    fg.link(href=base, rel="alternate")
    fg.updated(_moment(answered[0].answered_on) if answered else _moment(dt.date(2000, 1, 1)))
    for note in reversed(answered):  # feedgen puts the last added entry first
        entry = fg.add_entry()
        url = base + urls.set_url(note.kenmerk)
        entry.id(url if site_url else f"urn:kamervragen-archief:{note.kenmerk}")
        entry.title(f"{note.titel} ({note.kenmerk})")
        entry.link(href=url)
        entry.published(_moment(note.answered_on))
        entry.updated(_moment(note.answered_on))
        entry.summary(f"Vragen van {note.askers_label}, gesteld {note.gesteld.isoformat()}, beantwoord "
                      f"{note.answered_on.isoformat()} door {', '.join(note.beantwoord_door or note.gericht_aan)}.")
        for slug in note.themas:
            entry.category(term=slug, label=archive.themes[slug].naam)
    return fg.atom_str(pretty=True)


def build(archive: Archive, site_url: str | None, site_name: str) -> dict[str, bytes]:
    """Every feed, by path below the site root."""
    base = urls.base(site_url) if site_url else None
    files = {urls.FEED: _feed(archive, base, site_name, urls.FEED, f"{site_name}: beantwoorde vragen", archive.notes)}
    for slug, theme in archive.themes.items():
        files[urls.theme_feed(slug)] = _feed(archive, base, site_name, urls.theme_feed(slug),
                                             f"{site_name}: {theme.naam}", archive.by_theme[slug])
    return files


def generate(ctx: Context) -> Output:
    return Output(files=build(ctx.archive, ctx.options.site_url, ctx.options.site_name))
