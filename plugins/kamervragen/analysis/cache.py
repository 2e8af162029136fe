"""A cache of per-set term statistics, keyed by a hash of the set's indexed text.

Analysing text (tokenise, trim, stem) is the slow part of building the search index; the
global BM25 pass is cheap. After one note changes, only that note is analysed again.
"""

from __future__ import annotations

import hashlib
import json
import marshal
import sqlite3
from pathlib import Path
from typing import Any, Callable

from kamervragen.analysis import terms as analysis

# Bump when the analysis changes, so old statistics are not reused.
VERSION = "1:" + ",".join(analysis.INDEX_PIPELINE)


class TermCache:
    """SQLite file of analysed field statistics; rows unused by a build are dropped after it."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("CREATE TABLE IF NOT EXISTS stats (key TEXT PRIMARY KEY, data BLOB)")
        self.used: set[str] = set()
        self.hits = self.misses = 0

    def get_or_compute(self, doc: Any, compute: Callable[[Any], Any]) -> Any:
        key = hashlib.sha256((VERSION + json.dumps(doc.fields, sort_keys=True)).encode()).hexdigest()
        self.used.add(key)
        row = self.db.execute("SELECT data FROM stats WHERE key = ?", (key,)).fetchone()
        if row:
            self.hits += 1
            return marshal.loads(row[0])
        self.misses += 1
        value = compute(doc)
        self.db.execute("INSERT OR REPLACE INTO stats VALUES (?, ?)", (key, marshal.dumps(value)))
        return value

    def close(self) -> None:
        close_keeping_used(self.db, "stats", self.used)


def close_keeping_used(db: sqlite3.Connection, table: str, used: set[str], prune: bool = True) -> None:
    """Commit and close a cache file; with `prune`, first drop the rows of `table` (keyed by
    `key`) this build did not use, so the file does not grow without bound."""
    if prune:
        db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
        db.executemany("INSERT OR IGNORE INTO used VALUES (?)", [(k,) for k in used])
        db.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM used)")
    db.commit()
    db.close()
