"""Options of the MkDocs plugin, declared with MkDocs' own config types (as Material's blog does)."""

from __future__ import annotations

import datetime

from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig

from kamervragen import options
from kamervragen.audience import AUDIENCES, Audience


class _PositiveInt(c.Type):
    """A whole number of at least 1 (a page of zero sets would never end)."""

    def __init__(self, default: int | None = None) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if number < 1:
            raise c.ValidationError(f"moet 1 of meer zijn, niet {number}")
        return number


class KamervragenConfig(Config):
    """`notes_dir` and `themes_file` are relative to mkdocs.yml."""

    notes_dir = c.Type(str, default=options.NOTES_DIR)
    themes_file = c.Type(str, default=options.THEMES_FILE)
    audience = c.Choice(AUDIENCES, default="openbaar")
    per_page = _PositiveInt(default=options.PER_PAGE)
    search = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=options.CACHE_DIR)
    # Keep finished pages in cache_dir and reuse those whose inputs did not change.
    page_cache = c.Type(bool, default=True)
    # The date the deadline board counts from; default the build's day (Dutch time). Set
    # it only to rebuild a board as it was, or in tests.
    today = c.Optional(c.Type(datetime.date))
    # Processes for what the caches lack (analysis, pages); default the machine's cores.
    workers = c.Optional(_PositiveInt())


def core_options(plugin: KamervragenConfig, config: MkDocsConfig) -> options.Options:
    """The core's options of a build: paths resolved against mkdocs.yml's folder, plus the
    site's own name and address (feeds, open data and the calendar need them)."""
    root = Path(config.config_file_path).parent
    return options.Options(
        notes_dir=(root / plugin.notes_dir).resolve(), themes_file=(root / plugin.themes_file).resolve(),
        audience=Audience(plugin.audience), per_page=plugin.per_page, search=plugin.search,
        cache_dir=(root / plugin.cache_dir).resolve(), today=plugin.today,
        site_url=config.site_url, site_name=config.site_name, workers=plugin.workers)
