"""A cache of per-set term statistics and search text, keyed by hashes of what they come from.

Analysing text (tokenise, trim, stem) and rendering a note's Markdown to read its text are
the slow parts of building the search index; the global BM25 pass is cheap. After one note
changes, only that note is rendered and analysed again.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import sqlite3
from pathlib import Path
from typing import Any, Callable

from kamervragen.analysis import markdown_text, terms as analysis

# Bump when the analysis changes, so old statistics are not reused.
VERSION = "1:" + ",".join(analysis.INDEX_PIPELINE)


class TermCache:
    """SQLite file of analysed field statistics (`stats`) and of the readable text of sets'
    Markdown (`texts`); rows unused by a build are dropped after it."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        for table in ("stats", "texts"):
            self.db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, data BLOB)")
        self.used: set[str] = set()
        self.used_texts: set[str] = set()
        self.hits = self.misses = 0  # of term statistics
        self.rendered = 0  # sets whose text was rendered, not found

    def get_or_compute(self, doc: Any, compute: Callable[[Any], Any]) -> Any:
        """The term statistics of a search document (`compute(doc)` when they are new)."""
        found, value = self._get_or_compute("stats", self.used, VERSION + json.dumps(doc.fields, sort_keys=True),
                                            lambda: compute(doc))
        self.hits += found
        self.misses += not found
        return value

    def texts(self, made_from: Any, render: Callable[[], list[str]]) -> list[str]:
        """The readable text of a set's Markdown pieces, by what they are `made_from` (JSON
        values); `render()` when that is new."""
        found, value = self._get_or_compute("texts", self.used_texts,
                                            markdown_text.VERSION + json.dumps(made_from), render)
        self.rendered += not found
        return value

    def _get_or_compute(self, table: str, used: set[str], content: str, compute: Callable[[], Any]) -> tuple[bool, Any]:
        key = hashlib.sha256(content.encode()).hexdigest()
        used.add(key)
        row = self.db.execute(f"SELECT data FROM {table} WHERE key = ?", (key,)).fetchone()
        if row:
            return True, marshal.loads(row[0])
        value = compute()
        self.db.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", (key, marshal.dumps(value)))
        return False, value

    def close(self) -> None:
        _drop_unused(self.db, "texts", self.used_texts)
        close_keeping_used(self.db, "stats", self.used)


def close_keeping_used(db: sqlite3.Connection, table: str, used: set[str], prune: bool = True) -> None:
    """Commit and close a cache file; with `prune`, first drop the rows of `table` (keyed by
    `key`) this build did not use, so the file does not grow without bound."""
    if prune:
        _drop_unused(db, table, used)
    db.commit()
    db.close()


def _drop_unused(db: sqlite3.Connection, table: str, used: set[str]) -> None:
    db.execute(f"CREATE TEMP TABLE used_{table} (key TEXT PRIMARY KEY)")
    db.executemany(f"INSERT OR IGNORE INTO used_{table} VALUES (?)", [(k,) for k in used])
    db.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM used_{table})")
