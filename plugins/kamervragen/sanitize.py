"""Sanitising rendered note HTML with nh3 (Ammonia), a kept library, not our own filter.

Note bodies are Markdown and may hold inline HTML. The safelist keeps what Markdown and
Material produce (tables, admonitions, heading anchors, code) and drops scripts, event
handlers, `javascript:` URLs, iframes and styles.
"""

from __future__ import annotations

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
