"""Addresses of the official sources outside the archive: one place for their URL patterns.

- officielebekendmakingen.nl publishes an answer as Aanhangsel van de Handelingen, id
  `ah-tk-<vergaderjaar without dash>-<Aanhangsel number>` (ah-tk-20242025-604) (README.md,
  "Design notes");
- tweedekamer.nl has a page per set (zaak) by kenmerk, `did` naming one of its documents.
"""

from __future__ import annotations

PUBLICATIONS = "https://zoek.officielebekendmakingen.nl/"
CASES = "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail"


def answer_publication(vergaderjaar: str, aanhangsel: int) -> str:
    """'2024-2025', 604 -> https://zoek.officielebekendmakingen.nl/ah-tk-20242025-604.html"""
    return f"{PUBLICATIONS}ah-tk-{vergaderjaar.replace('-', '')}-{aanhangsel}.html"


def case_page(kenmerk: str, documentnummer: str | None = None) -> str:
    """The Tweede Kamer's page of a set: ?id=<kenmerk>, with &did=<documentnummer> when known."""
    return f"{CASES}?id={kenmerk}" + (f"&did={documentnummer}" if documentnummer else "")
