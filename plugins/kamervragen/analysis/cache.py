"""A cache of per-set term statistics, search text and opening phrases, keyed by hashes of
what they come from.

Analysing text (tokenise, trim, stem) and rendering a note's Markdown to read its text are
the slow parts of building the search index; the global BM25 pass is cheap. After one note
changes, only that note is rendered and analysed again.
"""

from __future__ import annotations

import json
import marshal
from pathlib import Path
from typing import Any

from kamervragen.analysis import markdown_text, terms as analysis, vocabulary
from kamervragen.store import Store, digest

# Bump when the analysis changes, so old statistics are not reused.
VERSION = "1:" + ",".join(analysis.INDEX_PIPELINE)


class TermCache:
    """Analysed field statistics (`stats`), the readable text of sets' Markdown (`texts`) and
    the phrases that open a set's parts (`grams`), in one cache file."""

    def __init__(self, path: Path) -> None:
        self.store = Store(path, ("stats", "texts", "grams"))
        self.hits = self.misses = 0  # of term statistics
        self.rendered = 0  # sets whose text was rendered, not found

    def find_stats(self, fields: dict[str, str]) -> Any | None:
        """The term statistics of a search document's fields, if known."""
        found = self._find("stats", VERSION, json.dumps(fields, sort_keys=True))
        self.hits += found is not None
        return found

    def keep_stats(self, fields: dict[str, str], stats: Any) -> None:
        self.misses += 1
        self._keep("stats", stats, VERSION, json.dumps(fields, sort_keys=True))

    def find_texts(self, made_from: Any) -> list[str] | None:
        """The readable text of a set's Markdown pieces, by what they are `made_from` (JSON values)."""
        return self._find("texts", markdown_text.VERSION, json.dumps(made_from))

    def keep_texts(self, made_from: Any, texts: list[str]) -> None:
        self.rendered += 1
        self._keep("texts", texts, markdown_text.VERSION, json.dumps(made_from))

    def find_grams(self, texts: list[str]) -> list[str] | None:
        """vocabulary.opening_grams of a set's texts, if known."""
        return self._find("grams", vocabulary.VERSION, json.dumps(texts))

    def keep_grams(self, texts: list[str], grams: list[str]) -> None:
        self._keep("grams", grams, vocabulary.VERSION, json.dumps(texts))

    def _find(self, table: str, *made_from: str) -> Any | None:
        data = self.store.get(table, digest(*made_from))
        return None if data is None else marshal.loads(data)

    def _keep(self, table: str, value: Any, *made_from: str) -> None:
        self.store.put(table, digest(*made_from), marshal.dumps(value))

    def close(self) -> None:
        self.store.close()
