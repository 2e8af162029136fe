"""What a build makes: a Site of pages and data files, and the protocol of the generators.

The core's pipeline (`build.build`) reads the notes into an Archive, analyses the text once and
runs each generator on one `Context`. A generator returns an `Output`: pages (each a source
path, a template and the view that template renders) and files (path below the site root ->
bytes). A builder (the MkDocs adapter) renders the pages and writes the files; nothing here
knows which builder that is.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from kamervragen import urls
from kamervragen.analysis.records import Analysis
from kamervragen.model import Archive
from kamervragen.options import Options
from kamervragen.problems import Problem
from kamervragen.read.notes import Note

TEMPLATES = Path(__file__).parent / "templates"  # the Jinja templates of every page and file


@dataclass
class Page:
    """One generated page: its source path and what its template renders."""

    src: str
    title: str
    template: str
    view: dict[str, Any]
    markdown: str = ""
    hide: tuple[str, ...] = ("navigation",)  # Material's `hide`: which sidebars the page leaves out
    # Makes `markdown` again from the archive (a set page's from its note): a builder may drop
    # a long text once it has what it needs of it, and ask for it when it renders the page.
    remake: Callable[[], str] | None = field(default=None, compare=False)

    @property
    def url(self) -> str:
        return urls.url(self.src)

    def meta(self) -> dict[str, Any]:
        """The page's front matter. Generated pages are not in the nav, so Material's navigation
        sidebar would be an empty column beside them (on a phone the menu still opens:
        Material ignores `hide` there)."""
        return {"title": self.title, "template": f"kamervragen/{self.template}.html", "hide": list(self.hide)}

    def text(self) -> str:
        """The page's Markdown, made again if a builder dropped it (see `remake`)."""
        return self.markdown or (self.remake() if self.remake is not None else "")

    def content(self) -> str:
        """The page file: front matter plus Markdown. Each value is written as JSON, which is
        valid YAML and quotes any title safely (40 times faster than PyYAML's dumper)."""
        front = "".join(f"{json.dumps(key)}: {json.dumps(value)}\n" for key, value in self.meta().items())
        return "---\n" + front + "---\n\n" + self.text()


@dataclass(frozen=True)
class Context:
    """Everything a generator may use: one audience's archive, analysed once, and the options."""

    archive: Archive
    options: Options
    today: dt.date  # one date for the deadline board, its calendar and statuses
    analysis: Analysis  # per set, in archive order: search record and term statistics
    similar: Mapping[str, list[Note]]  # per kenmerk, the sets most alike in content
    problems: list[Problem] = field(default_factory=list)  # notes left out (non-strict builds only)


@dataclass
class Output:
    """What one generator makes. `home` is what the hand-written home page shows besides its text."""

    pages: list[Page] = field(default_factory=list)
    files: dict[str, bytes] = field(default_factory=dict)
    home: dict[str, Any] = field(default_factory=dict)
    linked: bool = True  # False: no page links to the files; only scripts and typed addresses reach them


Unlinked = Callable[[dict[str, bytes]], None]  # takes files no page links to, as soon as they are made


Generator = Callable[[Context], Output]


@dataclass
class Site:
    """A whole build for one audience: the archive it shows, its pages and its data files."""

    archive: Archive
    problems: list[Problem]  # notes left out (a non-strict build only gets this far with any)
    pages: list[Page]
    files: dict[str, bytes]
    home: dict[str, Any]
    reanalysed: int  # sets whose terms were not in the term cache
