"""Printing figures: units, ratios and plain-text tables (1 KB = 1000 B, 1 MB = 1000 KB)."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import sys


def log(message: str) -> None:
    """Progress on stderr, so the report on stdout stays clean."""
    print(f"[{dt.datetime.now():%H:%M:%S}] {message}", file=sys.stderr, flush=True)


def machine(title: str) -> str:
    """A report's first words: what ran when, on how many cores, with which Python."""
    return f"{title} — {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, Python {platform.python_version()}"


def fmt_bytes(n: float | None) -> str:
    if n is None:
        return "—"
    if n < 1000:
        return f"{n:.0f} B"
    if n < 1_000_000:
        return f"{n / 1000:.1f} KB"
    if n < 1_000_000_000:
        return f"{n / 1e6:.1f} MB"
    return f"{n / 1e9:.2f} GB"


def fmt_ms(ms: float | None) -> str:
    if ms is None:
        return "—"
    return f"{ms:.0f} ms" if ms < 10_000 else f"{ms / 1000:.1f} s"


def fmt_num(x: float | None, digits: int = 1) -> str:
    return "—" if x is None else f"{x:.{digits}f}"


def fmt_ratio(a: float | None, b: float | None, digits: int = 1) -> str:
    """a / b as '2.5×'; '—' when either is unknown."""
    if a is None or b is None or b == 0:
        return "—"
    return f"{a / b:.{digits}f}×"


def table(headers: list[str], rows: list[list[str]], right: set[int] | None = None) -> str:
    """Columns padded to their widest cell; `right` columns (default: from the third) right-aligned."""
    right = right if right is not None else set(range(2, len(headers)))
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]

    def line(cells: list[str]) -> str:
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths)))

    return "\n".join([line(headers), "  ".join("-" * w for w in widths), *(line(r) for r in rows)])


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None
