"""Dates written the Dutch way ("8 december 2025"), via Babel's CLDR data."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date


def datum(value: dt.date | None) -> str:
    """Long Dutch date; empty for no date."""
    return format_date(value, format="long", locale="nl") if value else ""


def dagen(n: int) -> str:
    return "1 dag" if n == 1 else f"{n} dagen"
