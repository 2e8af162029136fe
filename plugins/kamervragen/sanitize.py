"""Sanitising rendered note HTML with nh3 (Ammonia), a kept library, not our own filter.

Note bodies are Markdown and may hold inline HTML. The safelist keeps what Markdown and
Material produce (tables, admonitions, heading anchors, code) and drops scripts, event
handlers, `javascript:` URLs, iframes and styles. What it would drop from a note is
reported when the note is read (`dropped`), so nothing a note says disappears unsaid and
`kamervragen check` refuses what the build would cut.
"""

from __future__ import annotations

import re

import nh3

TAGS = set(nh3.ALLOWED_TAGS)
ATTRIBUTES = {
    **{tag: set(attrs) for tag, attrs in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": {"class", "id", "title", "lang", "aria-label", "aria-hidden"},
    "a": {"href", "hreflang", "title"},
    "time": {"datetime"},
    "details": {"open"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def clean(html: str) -> str:
    """Safe HTML: unknown tags and attributes removed, links limited to web and mail URLs."""
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
                     link_rel=None, strip_comments=True)


CONTENT_DROPPED = {"script", "style"}  # nh3 removes these with everything inside them
# Raw HTML as Python-Markdown passes it on: a tag name followed by a space, '/' or '>'
# (so no autolink such as <https://…> or <naam@example.nl>). Linear: no pattern backtracks.
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*+)(?=[\s/>])([^<>]*+)>")
_ATTRIBUTE = re.compile(r"""([^\s"'<>/=]++)(?:\s*+=\s*+("[^"]*+"|'[^']*+'|[^\s"'=<>`]++))?""")
_CODE_SPAN = re.compile(r"`[^`]*+`")
_LINK_TARGET = re.compile(r"\]\(\s*+<?([^\s)>]*+)")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*+):")


def _bad_url(url: str) -> bool:
    scheme = _SCHEME.match(url.strip())
    return bool(scheme) and scheme.group(1).lower() not in URL_SCHEMES


def dropped(line: str) -> list[str]:
    """What `clean` would silently remove from one line of a note's Markdown, one Dutch message
    each: elements (with their text, for scripts and styles), attributes and link targets.

    Code spans are left out: Markdown shows their HTML as text."""
    if "<" not in line and "](" not in line:
        return []  # most lines: no regex at all
    line = _CODE_SPAN.sub("", line)
    found: list[str] = []
    for tag in _TAG.finditer(line):
        name, rest = tag.group(1).lower(), tag.group(2)
        if name not in TAGS:
            inside = " met alles wat erin staat" if name in CONTENT_DROPPED else ""
            found.append(f"de site laat <{name}>{inside} weg; staat het er als tekst, zet het dan tussen "
                         f"backticks (`<{name}>`)")
            continue
        allowed = ATTRIBUTES.get(name, set()) | ATTRIBUTES["*"]
        for attribute in _ATTRIBUTE.finditer(rest):
            key, value = attribute.group(1).lower(), (attribute.group(2) or "").strip("\"'")
            if key not in allowed:
                found.append(f"de site laat het attribuut '{key}' van <{name}> weg "
                             f"(toegestaan: {', '.join(sorted(allowed))})")
            elif key in {"href", "src"} and _bad_url(value):
                found.append(_bad_link(value))
    found += [_bad_link(url.group(1)) for url in _LINK_TARGET.finditer(line) if _bad_url(url.group(1))]
    return list(dict.fromkeys(found))


def _bad_link(url: str) -> str:
    return (f"de site laat de link '{url[:60]}' weg: alleen adressen die beginnen met "
            f"{', '.join(f'{s}:' for s in sorted(URL_SCHEMES))} mogen")
