"""The archive's own pages: a page per set, paged listings per theme, person, party, minister
and year, their index pages, the overview, and the search and precedent pages.

What each page says, not how it looks: each `Page` names its template and carries the view
that template renders. Listings are paged so that no page lists thousands of sets.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from kamervragen import official, urls
from kamervragen.model import Archive, Group
from kamervragen.read.notes import Note
from kamervragen.site import Context, Output, Page
from kamervragen.views import (Link, SetItem, item, link, official_links, position_item, postponement_label,
                               theme_link, theme_links)

HOME_LATEST = 10


@dataclass(frozen=True)
class Pager:
    """Position of a page in a paged listing."""

    number: int
    total: int
    urls: tuple[str, ...]

    @property
    def prev(self) -> str | None:
        return self.urls[self.number - 2] if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return self.urls[self.number] if self.number < self.total else None


class Items:
    """`item` of each set, made once per build: a set is shown on about twenty pages (its
    listings, and the related and similar sets of others); at 10,000 sets 190,000 items took 9 s."""

    def __init__(self) -> None:
        self.made: dict[str, SetItem] = {}

    def __call__(self, note: Note) -> SetItem:
        found = self.made.get(note.kenmerk)  # a kenmerk names one set in an archive
        if found is None:
            found = self.made[note.kenmerk] = item(note)
        return found


def set_page(archive: Archive, note: Note, similar: list[Note], item: Callable[[Note], SetItem] = item) -> Page:
    a = archive
    view = {
        "note": note,
        "status_label": note.status_label,
        "askers": [(link(urls.MEMBERS, x.naam), link(urls.PARTIES, x.partij)) for x in note.vragenstellers],
        "ministers": [link(urls.MINISTERS, m) for m in note.gericht_aan],
        "answered_by": [link(urls.MINISTERS, name, holder) for name, holder in zip(note.answerers, note.beantwoord_door)],
        "postponements": [postponement_label(p) for p in note.uitstel],
        "external": [Link(k, official.case_page(k)) for k in a.external_kenmerken(note)],
        "sources": official_links(note),
        "themes": [theme_link(a, s) for s in note.themas],
        "year": link(urls.YEARS, str(note.gesteld.year)),
        "related": [item(n) for n in a.related(note)],
        "similar": [item(n) for n in similar],
        "backlinks": [item(n) for n in a.backlinks.get(note.kenmerk, [])],
        "positions": [position_item(note, p) for p in a.positions(note)],
        "show_reference": a.internal,
    }
    return Page(urls.set_src(note.kenmerk), f"{note.titel} ({note.kenmerk})", "set", view,
                markdown=note.body.markdown(a.internal), remake=functools.partial(note.body.markdown, a.internal))


def listing(section: str, slug: str | None, title: str, notes: list[Note], per_page: int,
            template: str = "listing", markdown: str = "", view: dict[str, Any] | None = None,
            item: Callable[[Note], SetItem] = item) -> list[Page]:
    """A paged list of sets; page 1 at the item's own path, further pages below it."""
    chunks = [notes[i:i + per_page] for i in range(0, len(notes), per_page)] or [[]]
    srcs = [urls.src(section, slug, n) for n in range(1, len(chunks) + 1)]
    pager_urls = tuple(urls.url(s) for s in srcs)
    pages = []
    for n, (src, chunk) in enumerate(zip(srcs, chunks), start=1):
        page_title = title if n == 1 else f"{title} (pagina {n})"
        pages.append(Page(src, page_title, template, {
            **(view or {}), "items": [item(x) for x in chunk], "total": len(notes),
            "pager": Pager(n, len(chunks), pager_urls)}, markdown=markdown if n == 1 else ""))
    return pages


def index(section: str, title: str, intro: str, links: list[Link]) -> Page:
    return Page(urls.src(section), title, "index", {"links": links}, markdown=intro)


def group_link(section: str, group: Group) -> Link:
    return link(section, group.slug, group.name, len(group.notes), ", ".join(sorted(group.parties)))


def pages(archive: Archive, per_page: int, similar: Mapping[str, list[Note]]) -> list[Page]:
    a = archive
    items = Items()
    out = [set_page(a, n, similar.get(n.kenmerk, []), items) for n in a.notes]
    for slug, theme in a.themes.items():
        register = [position_item(n, p) for n, p in a.positions_by_theme[slug]]
        out += listing(urls.THEMES, slug, theme.naam, a.by_theme[slug], per_page, "theme",
                       markdown=theme.beschrijving + "\n", view={"theme": theme, "positions": register}, item=items)
    out.append(index(urls.THEMES, "Thema's", "Alle thema's van het archief, met het aantal vragensets.",
                     theme_links(a, describe=True)))
    groups = [
        (urls.MEMBERS, a.members, "Kamerleden", "Kamerlid", "De Kamerleden die vragen stelden."),
        (urls.PARTIES, a.parties, "Partijen", "Partij", "De partijen van de vragenstellers."),
        (urls.MINISTERS, a.ministers, "Bewindspersonen", "Bewindspersoon",
         "De bewindspersonen aan wie vragen zijn gericht of die ze beantwoordden."),
        (urls.YEARS, a.years, "Jaren", "Jaar", "De vragensets per jaar waarin ze zijn gesteld."),
    ]
    for section, by_slug, title, kind, intro in groups:
        for group in by_slug.values():
            out += listing(section, group.slug, group.name, group.notes, per_page, view={"kind": kind}, item=items)
        out.append(index(section, title, intro, [group_link(section, g) for g in by_slug.values()]))
    out += listing(urls.OVERVIEW, None, "Alle vragen", a.notes, per_page, view={"kind": "Overzicht"}, item=items)
    # The search page puts its filters where the (one-entry) navigation would stand.
    out.append(Page(urls.src(urls.SEARCH), "Zoeken", "search", {}, hide=("navigation", "toc")))
    out.append(Page(urls.src(urls.PRECEDENTS), "Precedenten zoeken", "precedent", {}))
    return out


def home(archive: Archive) -> dict[str, Any]:
    """What the hand-written home page shows besides its own text."""
    return {
        "latest": [item(n) for n in archive.notes[:HOME_LATEST]],
        "themes": [t for t in theme_links(archive) if t.count],  # an empty theme is no way in
        "total": len(archive.notes),
        "overview": urls.section_url(urls.OVERVIEW),
    }


def generate(ctx: Context) -> Output:
    return Output(pages=pages(ctx.archive, ctx.options.per_page, ctx.similar), home=home(ctx.archive))
