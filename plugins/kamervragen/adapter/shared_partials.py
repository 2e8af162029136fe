"""Material's navigation and tabs, rendered once per folder for the pages outside the navigation.

Our pages hide the navigation sidebar, but Material renders the navigation into it all the
same (on a phone the menu drawer shows it): 3.5 ms a page, and the tabs 1 ms, a fifth of
rendering a set page. For a page outside the navigation, either partial is the same on every
page of one folder: no item is active, and its links are relative addresses, which depend
only on the page's parent folder (`mkdocs.utils.get_relative_url`) unless one of them lies
inside the page's own folder. Such a page, and every page in the navigation, gets the
partials rendered as Material renders them.

Our `partials/nav.html` and `partials/tabs.html` call `SharedPartials`; the template each
stands in for is the next one by that name in the theme's folders (Material's own, or a
theme's that ours comes before).
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import Environment, Template, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from mkdocs.structure.nav import Link, Navigation
from mkdocs.structure.pages import Page

SHARED = ("partials/nav.html", "partials/tabs.html")


class SharedPartials:
    """A partial of `SHARED` for a page, from an earlier page in the same folder when it can."""

    def __init__(self, env: Environment, dirs: list[str], own: Path) -> None:
        later = [Path(d) for d in dirs[dirs.index(str(own)) + 1:]]
        # The partials the theme has (a theme that has neither never includes ours).
        found = {name: next((d / name for d in later if (d / name).is_file()), None) for name in SHARED}
        self.templates: dict[str, Template] = {name: env.from_string(path.read_text(encoding="utf-8"))
                                               for name, path in found.items() if path is not None}
        self.made: dict[tuple[str, tuple[str, ...]], Markup] = {}
        self.inside: frozenset[tuple[str, ...]] | None = None  # folders that hold an address of the nav

    @pass_context
    def __call__(self, context: Context, name: str) -> Markup:
        key = self._key(context.get("page"), context.get("nav"), context.get("config"))
        if key is None:
            return Markup(self.templates[name].render(context.get_all()))
        if (name, key) not in self.made:
            self.made[name, key] = Markup(self.templates[name].render(context.get_all()))
        return self.made[name, key]

    def _key(self, page: Page | None, nav: Navigation | None, config: Any) -> tuple[str, ...] | None:
        """The page's parent folder, or None when its partial must be its own."""
        if page is None or nav is None or page.url.endswith(".html") or page in nav.pages:
            return None
        if self.inside is None:
            self.inside = _folders_holding(nav, config)
        parts = tuple(part for part in page.url.split("/") if part)
        return None if not parts or parts in self.inside else parts[:-1]


def _folders_holding(nav: Navigation, config: Any) -> frozenset[tuple[str, ...]]:
    """Every folder that holds an address the partials link to (the navigation's pages and
    links, the home page, the logo): a page in one of them gets its own partials."""
    addresses = [page.url for page in nav.pages] + [link.url for link in _links(nav.items)]
    addresses += [nav.homepage.url if nav.homepage else "", config.extra.get("homepage") or "",
                  config.theme.get("logo") or ""]
    out = set()
    for address in map(str, addresses):
        split = urlsplit(address)
        if split.scheme or split.netloc or address.startswith("/"):  # written as it is on every page
            continue
        parts = [part for part in posixpath.normpath(split.path).split("/") if part not in ("", ".")]
        out.update(tuple(parts[:n]) for n in range(1, len(parts) + 1))
    return frozenset(out)


def _links(items: list[Any]) -> list[Link]:
    found: list[Link] = []
    for item in items:
        if isinstance(item, Link):
            found.append(item)
        found += _links(getattr(item, "children", None) or [])
    return found
