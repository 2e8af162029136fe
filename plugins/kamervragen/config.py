"""Options of the MkDocs plugin, declared with MkDocs' own config types (as Material's blog does)."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from .notes import AUDIENCES


class KamervragenConfig(Config):
    """`notes_dir` and `themes_file` are relative to mkdocs.yml."""

    notes_dir = c.Type(str, default="notes")
    themes_file = c.Type(str, default="notes/themas.yml")
    audience = c.Choice(AUDIENCES, default="openbaar")
    per_page = c.Type(int, default=50)
    search = c.Type(bool, default=True)
    cache_dir = c.Type(str, default=".cache/kamervragen")
