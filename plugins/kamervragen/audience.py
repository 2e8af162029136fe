"""The two audiences of one source: the public site and the ministry's internal site.

The public archive is built from public notes with internal blocks already removed (see
`model.Archive` and `body.Body.markdown`); this module holds what else differs per
audience, and the last check that no internal block reached a public page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A rendered admonition of class `intern`: never allowed in a public page.
_INTERNAL_BLOCK = re.compile(r'class="[^"]*\bintern\b')


AUDIENCES = ("openbaar", "intern")  # also the values of a note's `zichtbaarheid`


@dataclass(frozen=True)
class Audience:
    name: str  # one of AUDIENCES

    @property
    def internal(self) -> bool:
        return self.name == "intern"

    def robots_txt(self, site_url: str | None) -> str:
        """Search engines may index the public site only; the internal one is closed to them."""
        if self.internal:
            return "User-agent: *\nDisallow: /\n"
        sitemap = f"Sitemap: {site_url.rstrip('/')}/sitemap.xml\n" if site_url else ""
        return "User-agent: *\nAllow: /\n" + sitemap

    def leaks(self, html: str) -> bool:
        """True when a public page holds a rendered internal block."""
        return not self.internal and bool(_INTERNAL_BLOCK.search(html))
