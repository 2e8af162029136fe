"""Generating page contents from the archive: what each page says, not how it looks.

Each page is a `PageSpec`: its source path, title, template, Markdown (a set's body, a
theme's description) and a view object that the Jinja template renders. Listings are paged
so that no page lists thousands of sets.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader

from kamervragen import dates
from kamervragen.generate import deadlines
from kamervragen import official
from kamervragen import urls as paths
from kamervragen.generate import stats
from kamervragen.model import Archive, Group
from kamervragen.read.notes import KENMERK, Note, Position
from kamervragen.problems import Problem

HOME_LATEST = 10
TEMPLATES = Path(__file__).parents[1] / "templates"
SHORT_LINK_TEMPLATE = "kamervragen/redirect.html"


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
    url = set_url(note.kenmerk) + (f"#{anchor}" if anchor else "")
    return PositionItem(position.tekst, note.kenmerk, note.titel, note.date, url,
                        numbers_label(position.vragen), position.intern)


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


@dataclass
class PageSpec:
    """One generated page: the file the builder sees and what its template renders."""

    src: str
    title: str
    template: str
    view: dict[str, Any]
    markdown: str = ""
    hide: tuple[str, ...] = ("navigation",)  # Material's `hide`: which sidebars the page leaves out

    @property
    def url(self) -> str:
        return paths.url(self.src)

    def content(self) -> str:
        """The page file: front matter plus Markdown. Each value is written as JSON, which is
        valid YAML and quotes any title safely (40 times faster than PyYAML's dumper).

        Generated pages are not in the nav, so Material's navigation sidebar would be an empty
        column beside them (on a phone the menu still opens: Material ignores `hide` there)."""
        meta = {"title": self.title, "template": f"kamervragen/{self.template}.html", "hide": list(self.hide)}
        front = "".join(f"{json.dumps(key)}: {json.dumps(value)}\n" for key, value in meta.items())
        return "---\n" + front + "---\n\n" + self.markdown


def official_links(note: Note) -> list[Link]:
    """The set at the Tweede Kamer and, for an answer with an Aanhangsel number, its publication."""
    links = [Link("Deze vragen bij de Tweede Kamer",
                  official.case_page(note.kenmerk, note.documentnummers[0] if note.documentnummers else None))]
    if note.aanhangsel and note.vergaderjaar:
        links.append(Link(f"Aanhangsel van de Handelingen {note.vergaderjaar}, nr. {note.aanhangsel} "
                          "(officiële publicatie)", official.answer_publication(note.vergaderjaar, note.aanhangsel)))
    return links


def link(section: str, key: str, text: str | None = None, count: int | None = None, note: str = "") -> Link:
    """A link to a member, party, minister or year page (by name) or a theme page (by slug)."""
    return Link(text or key, paths.item_url(section, key), count, note)


def theme_links(archive: Archive, describe: bool = False) -> list[Link]:
    """Every theme by name, with its number of sets (and description)."""
    return [link(paths.THEMES, slug, t.naam, len(archive.by_theme[slug]), t.beschrijving if describe else "")
            for slug, t in sorted(archive.themes.items(), key=lambda kv: kv[1].naam.lower())]


def set_url(kenmerk: str) -> str:
    return paths.url(paths.src(paths.SETS, kenmerk))


def item(note: Note) -> SetItem:
    return SetItem(note.kenmerk, note.titel, set_url(note.kenmerk), note.date,
                   "beantwoord" if note.answered_on else "gesteld", note.status, note.status_label, note.askers_label)


class PageBuilder:
    """Makes every generated page of one archive."""

    def __init__(self, archive: Archive, per_page: int = 50, today: dt.date | None = None,
                 site_url: str | None = None, similar: dict[str, list[Note]] | None = None) -> None:
        self.archive = archive
        self.similar = similar or {}
        self.per_page = per_page
        self.today = today or dates.today()
        self.site_url = site_url

    def group_link(self, section: str, group: Group) -> Link:
        return link(section, group.slug, group.name, len(group.notes), ", ".join(sorted(group.parties)))

    def set_page(self, note: Note) -> PageSpec:
        a = self.archive
        view = {
            "note": note,
            "status_label": note.status_label,
            "askers": [(link(paths.MEMBERS, x.naam), link(paths.PARTIES, x.partij)) for x in note.vragenstellers],
            "ministers": [link(paths.MINISTERS, m) for m in note.gericht_aan],
            "answered_by": [link(paths.MINISTERS, name, holder) for name, holder in zip(note.answerers, note.beantwoord_door)],
            "postponements": [deadlines.postponement_label(p) for p in note.uitstel],
            "external": [Link(k, official.case_page(k)) for k in a.external_kenmerken(note)],
            "sources": official_links(note),
            "themes": [link(paths.THEMES, s, a.themes[s].naam) for s in note.themas],
            "year": link(paths.YEARS, str(note.gesteld.year)),
            "related": [item(n) for n in a.related(note)],
            "similar": [item(n) for n in self.similar.get(note.kenmerk, [])],
            "backlinks": [item(n) for n in a.backlinks.get(note.kenmerk, [])],
            "positions": [position_item(note, p) for p in a.positions(note)],
            "show_reference": a.internal,
        }
        return PageSpec(paths.src(paths.SETS, note.kenmerk), f"{note.titel} ({note.kenmerk})", "set", view,
                        markdown=note.body.markdown(a.internal))

    def listing(self, section: str, slug: str | None, title: str, notes: list[Note],
                template: str = "listing", markdown: str = "", view: dict[str, Any] | None = None) -> list[PageSpec]:
        """A paged list of sets; page 1 at the item's own path, further pages below it."""
        chunks = [notes[i:i + self.per_page] for i in range(0, len(notes), self.per_page)] or [[]]
        srcs = [paths.src(section, slug, n) for n in range(1, len(chunks) + 1)]
        urls = tuple(paths.url(s) for s in srcs)
        pages = []
        for n, (src, chunk) in enumerate(zip(srcs, chunks), start=1):
            page_title = title if n == 1 else f"{title} (pagina {n})"
            pages.append(PageSpec(src, page_title, template, {
                **(view or {}), "items": [item(x) for x in chunk], "total": len(notes),
                "pager": Pager(n, len(chunks), urls)}, markdown=markdown if n == 1 else ""))
        return pages

    def index(self, section: str, title: str, intro: str, links: list[Link]) -> PageSpec:
        return PageSpec(paths.src(section), title, "index", {"links": links}, markdown=intro)

    def pages(self) -> list[PageSpec]:
        a = self.archive
        out = [self.set_page(n) for n in a.notes]
        for slug, theme in a.themes.items():
            register = [position_item(n, p) for n, p in a.positions_by_theme[slug]]
            out += self.listing(paths.THEMES, slug, theme.naam, a.by_theme[slug], "theme",
                                markdown=theme.beschrijving + "\n", view={"theme": theme, "positions": register})
        out.append(self.index(paths.THEMES, "Thema's", "Alle thema's van het archief, met het aantal vragensets.",
                              theme_links(a, describe=True)))
        groups = [
            (paths.MEMBERS, a.members, "Kamerleden", "Kamerlid", "De Kamerleden die vragen stelden."),
            (paths.PARTIES, a.parties, "Partijen", "Partij", "De partijen van de vragenstellers."),
            (paths.MINISTERS, a.ministers, "Bewindspersonen", "Bewindspersoon",
             "De bewindspersonen aan wie vragen zijn gericht of die ze beantwoordden."),
            (paths.YEARS, a.years, "Jaren", "Jaar", "De vragensets per jaar waarin ze zijn gesteld."),
        ]
        for section, by_slug, title, kind, intro in groups:
            for group in by_slug.values():
                out += self.listing(section, group.slug, group.name, group.notes, view={"kind": kind})
            out.append(self.index(section, title, intro, [self.group_link(section, g) for g in by_slug.values()]))
        out += self.listing(paths.OVERVIEW, None, "Alle vragen", a.notes, view={"kind": "Overzicht"})
        # The search page puts its filters where the (one-entry) navigation would stand.
        out.append(PageSpec(paths.src(paths.SEARCH), "Zoeken", "search", {}, hide=("navigation", "toc")))
        out.append(PageSpec(paths.src(paths.PRECEDENTS), "Precedenten zoeken", "precedent", {}))
        out.append(PageSpec(stats.SRC, stats.TITLE, "stats", stats.build(a)))
        if a.internal:  # the deadline board is for staff only
            out.append(deadlines.page(a, self.today, self.site_url))
        return out

    def problem_pages(self, problems: list[Problem]) -> list[PageSpec]:
        """For a preview (`serve`): a page per note that cannot be read, saying why, where its
        set page would be (so a broken note never silently becomes a 404)."""
        by_path: dict[str, list[Problem]] = {}
        for problem in problems:
            by_path.setdefault(problem.path, []).append(problem)
        taken: set[str] = set()
        out = []
        for path, found in by_path.items():
            stem = path.rsplit("/", 1)[-1].removesuffix(".md")
            src = paths.src(paths.SETS, stem)
            if not KENMERK.match(stem) or stem in self.archive.by_kenmerk or src in taken:
                src = paths.src(paths.PROBLEMS, paths.slugify(path))
            taken.add(src)
            out.append(PageSpec(src, f"Fout in {path}", "problem", {"path": path, "problems": found}))
        return out

    def home(self) -> dict[str, Any]:
        """What the hand-written home page shows besides its own text."""
        a = self.archive
        return {
            "latest": [item(n) for n in a.notes[:HOME_LATEST]],
            "themes": [t for t in theme_links(a) if t.count],  # an empty theme is no way in
            "total": len(a.notes),
            "overview": paths.url(paths.src(paths.OVERVIEW)),
        }


def short_links(archive: Archive, site_name: str) -> dict[str, bytes]:
    """/<kenmerk>/ for every set: a small static file that forwards to the set's page.

    Not a page: it needs no Markdown, theme or navigation, and thousands of them would cost
    as much to build as the sets themselves. Robots skip it; the set's page is canonical.
    """
    template = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True).get_template(SHORT_LINK_TEMPLATE)
    out = {}
    for note in archive.notes:
        short = paths.short_url(note.kenmerk)
        out[short + "index.html"] = template.render(
            kenmerk=note.kenmerk, titel=note.titel, target=paths.relative_url(set_url(note.kenmerk), short),
            site_name=site_name,
            internal=archive.internal).encode("utf-8")
    return out
