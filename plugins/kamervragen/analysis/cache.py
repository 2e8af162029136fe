"""A cache of per-set term statistics, search text and opening phrases, keyed by hashes of
what they come from.

Analysing text (tokenise, trim, stem) and rendering a note's Markdown to read its text are
the slow parts of building the search index; the global BM25 pass is cheap. After one note
changes, only that note is rendered and analysed again.
"""

from __future__ import annotations

import json
import marshal
from collections import Counter
from pathlib import Path
from typing import Any

from kamervragen.analysis import markdown_text, terms as analysis, vocabulary
from kamervragen.store import Store, digest

# What each table holds, by the version of the code that makes it: analysed field statistics,
# the readable text of a set's Markdown pieces, and the trigrams that open a set's parts.
VERSIONS = {
    "stats": "1:" + ",".join(analysis.INDEX_PIPELINE),
    "texts": markdown_text.VERSION,
    "grams": vocabulary.VERSION,
}


class TermCache:
    """One cache file of each kind in VERSIONS, by what a value is made from (JSON values)."""

    def __init__(self, path: Path) -> None:
        self.store = Store(path, tuple(VERSIONS))
        self.found: Counter[str] = Counter()
        self.made: Counter[str] = Counter()

    def key(self, kind: str, made_from: Any) -> str:
        return digest(VERSIONS[kind], json.dumps(made_from, sort_keys=True))

    def find(self, kind: str, key: str) -> Any | None:
        data = self.store.get(kind, key)
        self.found[kind] += data is not None
        return None if data is None else marshal.loads(data)

    def keep(self, kind: str, key: str, value: Any) -> None:
        self.made[kind] += 1
        self.store.put(kind, key, marshal.dumps(value))

    @property
    def hits(self) -> int:
        """Sets whose term statistics were found."""
        return self.found["stats"]

    @property
    def misses(self) -> int:
        """Sets whose term statistics were made."""
        return self.made["stats"]

    @property
    def rendered(self) -> int:
        """Sets whose text was rendered, not found."""
        return self.made["texts"]

    def close(self) -> None:
        self.store.close()


class NoCache(TermCache):
    """A build without a cache file: nothing is found, nothing is kept."""

    def __init__(self) -> None:
        self.found, self.made = Counter(), Counter()

    def key(self, kind: str, made_from: Any) -> str:
        return ""

    def find(self, kind: str, key: str) -> Any | None:
        return None

    def keep(self, kind: str, key: str, value: Any) -> None:
        self.made[kind] += 1

    def close(self) -> None:
        pass
