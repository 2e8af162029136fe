"""Where each generated page lives: one place for the site's URL scheme.

Pages are addressed by source path (`vragen/2026Z00186.md`); with directory URLs that is
served at `vragen/2026Z00186/`. Links written as relative source paths are resolved and
checked by the builder.
"""

from __future__ import annotations

import hashlib
import posixpath
import re

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
PROBLEMS = "fouten"  # only in non-strict builds (serve): a page per note that cannot be read


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


def short_url(kenmerk: str) -> str:
    """A set's short permanent link, /2026Z00186/ (a static file, not a page)."""
    return f"{kenmerk}/"


def relative_url(target_url: str, from_url: str) -> str:
    """Relative link between two directory URLs: ('vragen/X/', 'X/') -> '../vragen/X/'."""
    rel = posixpath.relpath(target_url or ".", from_url or ".")
    return "./" if rel == "." else f"{rel}/"


def relative(target_src: str, from_src: str) -> str:
    """Relative source path from one page to another, as Markdown links want it."""
    return posixpath.relpath(target_src, posixpath.dirname(from_src) or ".")


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
