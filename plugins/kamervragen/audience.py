"""The two audiences of one source: the public site and the ministry's internal site.

The public archive is built from public notes with internal blocks already removed (see
`model.Archive` and `read.body.Body.markdown`); this module names the audience, and holds the
last check that no internal block reached a public page.
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

    def __post_init__(self) -> None:
        if self.name not in AUDIENCES:
            raise ValueError(f"onbekend publiek {self.name!r}; kies uit {', '.join(AUDIENCES)}")

    @property
    def internal(self) -> bool:
        return self.name == "intern"

    def leaks(self, html: str) -> bool:
        """True when a public page holds a rendered internal block."""
        return not self.internal and bool(_INTERNAL_BLOCK.search(html))


PUBLIC = Audience("openbaar")
STAFF = Audience("intern")
