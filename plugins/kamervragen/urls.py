"""Every address of the site: one place for the URL scheme, in Python and (as `kv_urls`) in templates.

Pages are addressed by source path (`vragen/2026Z00186.md`); with directory URLs that is
served at `vragen/2026Z00186/`. Links written as relative source paths are resolved and
checked by the builder. Data files (feeds, open data, search, calendar) are addressed by
their path below the site root. No other module or template writes an address part.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from functools import lru_cache

from anyascii import anyascii

SETS = "vragen"
THEMES = "themas"
MEMBERS = "kamerleden"
PARTIES = "partijen"
MINISTERS = "bewindspersonen"
YEARS = "jaren"
OVERVIEW = "overzicht"
SEARCH = "zoeken"
PRECEDENTS = "precedenten"
STATISTICS = "statistieken"
DEADLINES = "termijnen"  # the staff's deadline board (internal build only)
PROBLEMS = "fouten"  # only in non-strict builds (serve): a page per note that cannot be read

# Data files, from the site root. Feeds sit at the root on purpose: Material treats every
# <link rel="alternate"> as a language version and fetches sitemap.xml next to it; beside the
# root sitemap that fetch succeeds (a feed in a sub-folder made every page view request a
# missing file).
FEED = "feed.xml"
CALENDAR = "termijnen.ics"
ROBOTS = "robots.txt"
SITEMAP = "sitemap.xml"
OPEN_DATA_JSON = "data/vragen.json"
OPEN_DATA_CSV = "data/vragen.csv"
OPEN_DATA_SCHEMA = "data/vragen.schema.json"
SEARCH_DATA = "search/"  # the search index's folder: catalogue, shards, set texts


def src(section: str, slug: str | None = None, page: int = 1) -> str:
    """Source path of a section's index (slug None) or of one item, page `page` of a listing."""
    base = f"{section}/{slug}" if slug else section
    if page > 1:
        return f"{base}/pagina/{page}.md"
    return f"{base}.md" if slug else f"{section}/index.md"


def url(src_uri: str) -> str:
    """Directory URL of a source path: `vragen/2026Z00186.md` -> `vragen/2026Z00186/`."""
    stem = src_uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[:-5]
    return f"{stem}/" if stem and not stem.endswith("/") else stem


def section_url(section: str) -> str:
    """A section's index page: 'zoeken' -> 'zoeken/'."""
    return url(src(section))


def set_src(kenmerk: str) -> str:
    return src(SETS, kenmerk)


def set_url(kenmerk: str) -> str:
    """A set's page, 'vragen/2026Z00186/'."""
    return url(set_src(kenmerk))


def short_url(kenmerk: str) -> str:
    """A set's short permanent link, /2026Z00186/ (a static file, not a page)."""
    return f"{kenmerk}/"


def short_file(kenmerk: str) -> str:
    """The file that serves the short link."""
    return short_url(kenmerk) + "index.html"


def theme_feed(slug: str) -> str:
    return f"feed-{slug}.xml"


def search_file(name: str) -> str:
    """A file of the search index by its name within the index's folder ('catalogue.json')."""
    return SEARCH_DATA + name


def absolute(site_url: str | None, path: str) -> str | None:
    """The full address of a path below the site root; None without a known site address."""
    return base(site_url) + path if site_url else None


def base(site_url: str) -> str:
    """The site's address with exactly one closing slash."""
    return site_url.rstrip("/") + "/"


def relative_url(target_url: str, from_url: str) -> str:
    """Relative link between two directory URLs: ('vragen/X/', 'X/') -> '../vragen/X/'."""
    rel = posixpath.relpath(target_url or ".", from_url or ".")
    return "./" if rel == "." else f"{rel}/"


def relative(target_src: str, from_src: str) -> str:
    """Relative source path from one page to another, as Markdown links want it."""
    return posixpath.relpath(target_src, posixpath.dirname(from_src) or ".")


@lru_cache(maxsize=65536)  # a few thousand names, each on hundreds of pages
def slugify(text: str) -> str:
    """URL slug in ASCII: 'Ünal' -> 'unal', "'t Hart" -> 't-hart', 'ΚΚΕ' -> 'kke', 'КПРФ' -> 'kprf'.

    anyascii transliterates every script, so names in Greek or Cyrillic get slugs of their own
    (dropping what is not ASCII made both 'x'). A name with nothing to transliterate, or one
    that would take a section's own page ('index'), gets a short hash of itself."""
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(text).lower()).strip("-")
    if slug and slug != "index":
        return slug
    return "-".join(filter(None, [slug, hashlib.sha256(text.encode()).hexdigest()[:8]]))


def item_url(section: str, name: str) -> str:
    """URL of a member, party, minister or year page (by name) or a theme page (by slug)."""
    return url(src(section, slugify(name)))


class TemplateUrls:
    """The addresses templates link to, as the template global `kv_urls` (used with `| url`)."""

    search = section_url(SEARCH)
    overview = section_url(OVERVIEW)
    themes = section_url(THEMES)
    years = section_url(YEARS)
    members = section_url(MEMBERS)
    deadlines = section_url(DEADLINES)
    feed = FEED
    theme_feed = staticmethod(theme_feed)
