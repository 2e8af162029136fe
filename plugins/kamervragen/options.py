"""The options of a build, with their defaults: one place for both the MkDocs plugin's config
(`adapter/config.py` declares its options with these defaults) and the staff command line."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from kamervragen.audience import Audience

NOTES_DIR = "notes"
THEMES_NAME = "themas.yml"  # the registry's name in the notes folder (the command line's default too)
THEMES_FILE = f"{NOTES_DIR}/{THEMES_NAME}"
CACHE_DIR = ".cache/kamervragen"
PER_PAGE = 50


@dataclass(frozen=True)
class Options:
    """What one build needs besides the notes; paths are absolute (the adapter resolves them)."""

    notes_dir: Path
    themes_file: Path
    audience: Audience = Audience("openbaar")
    per_page: int = PER_PAGE
    search: bool = True
    cache_dir: Path | None = None  # None: no term cache (tests, one-off builds)
    today: dt.date | None = None  # None: the build's own day in the Netherlands (dates.today)
    site_url: str | None = None
    site_name: str = "Kamervragen-archief"
    workers: int | None = None  # processes for work that is not cached; None: the machine's cores
