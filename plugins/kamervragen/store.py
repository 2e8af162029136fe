"""A cache file kept across builds: values by a hash of everything they are made from.

CI restores `.cache/` before each build, so a rebuild finds what the last one made. A value
is found only under the hash of its inputs (and of the code that made it), so a cache can
make a build faster but never different. Each build marks the keys it used; closing the
file drops the rest, so it holds about one build's worth.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import pickle
import sqlite3
import weakref
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

T = TypeVar("T")

PACKAGE = Path(__file__).parent  # kamervragen/


def digest(*parts: str | bytes) -> str:
    """sha256 of the parts, kept apart so ('ab', 'c') and ('a', 'bc') differ."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


class Uncacheable(TypeError):
    """A value whose content cannot be fingerprinted (a page with one is rendered every time)."""


def fingerprint(*parts: Any) -> str:
    """Hash of values by their pickle (a page's inputs, a note): equal bytes mean equal
    content, field by field. The pickler's memo is off, so bytes do not depend on which equal
    values share an object. Sets of strings would pickle in an order that changes per
    process; that would only cost a miss, and views and notes hold none. An object of a class
    marked `fingerprinted` stands in it by its own fingerprint."""
    return _hash(parts, {**copyreg.dispatch_table, **_STAND_INS})


def _hash(value: Any, dispatch: dict[type, Any] | None) -> str:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    if dispatch is not None:
        pickler.dispatch_table = dispatch
    try:
        pickler.dump(value)
    except (pickle.PicklingError, TypeError, AttributeError, ValueError, RecursionError) as err:
        raise Uncacheable(f"geen vaste vingerafdruk: {err}") from err
    return hashlib.sha256(buffer.getbuffer()).hexdigest()


_STAND_INS: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
_made: dict[int, tuple[weakref.ref[Any], str]] = {}  # by id(): the object (while it lives), its fingerprint


def fingerprinted(cls: type[T]) -> type[T]:
    """Class decorator: an object of the class is pickled once, however many fingerprints it
    is part of. A note is in the key of its analysis and of its page: the fingerprints of
    1,000 sets and their pages took 0.24-0.27 s of processor time so, 0.33-0.48 s pickling
    each note in full every time."""
    _STAND_INS[cls] = _stand_in
    return cls


class _StandIn:
    """What a `fingerprinted` object is pickled as in a fingerprint: its class and fingerprint."""


def known(obj: Any, fingerprint: str) -> None:
    """Take `fingerprint` for a `fingerprinted` object's own, when a cache key already names
    all it is made from (a note read from the note cache: its text, path and our code), so
    it is not pickled for one (1 s a build at 10,000 sets)."""
    key = id(obj)
    _made[key] = (weakref.ref(obj, lambda _, key=key: _made.pop(key, None)), fingerprint)


def _stand_in(obj: Any) -> tuple[Any, ...]:
    entry = _made.get(id(obj))
    if entry is None or entry[0]() is not obj:
        known(obj, _hash(obj, None))
        entry = _made[id(obj)]
    return _StandIn, (type(obj).__qualname__, entry[1])


@cache
def code_digest(*libraries: str) -> str:
    """Our whole package (reading it costs milliseconds, and no change to it can be missed) and
    the installed versions of `libraries`: what a cached value made by our code depends on."""
    return digest(files_digest([PACKAGE]), *(f"{name}=={metadata.version(name)}" for name in libraries))


def files_digest(roots: Iterable[Path], leave_out: str | None = None) -> str:
    """Hash of the names and bytes of every file below the given folders (templates, code,
    docs), but those whose path in their folder starts with `leave_out`."""
    h = hashlib.sha256()
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            rel = path.relative_to(root).as_posix()
            if leave_out is None or not rel.startswith(leave_out):
                h.update(f"{root.name}/{rel}\0".encode() + path.read_bytes() + b"\0")
    return h.hexdigest()


class Store:
    """SQLite file with one `key -> data` table per kind of value. A table it does not name
    is left from an older version of the code, and dropped."""

    def __init__(self, path: Path, tables: tuple[str, ...]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path)
        self.tables = tables
        for (name,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
            if name not in tables:
                self.db.execute(f'DROP TABLE "{name}"')
        for table in tables:
            self.db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, data BLOB)")
        self.used: set[str] = set()  # keys this build found or kept, in any table

    def get(self, table: str, key: str) -> bytes | None:
        self.used.add(key)
        row = self.db.execute(f"SELECT data FROM {table} WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def has(self, table: str, key: str) -> bool:
        return self.db.execute(f"SELECT 1 FROM {table} WHERE key = ?", (key,)).fetchone() is not None

    def put(self, table: str, key: str, data: bytes) -> None:
        self.used.add(key)
        self.db.execute(f"INSERT OR REPLACE INTO {table} VALUES (?, ?)", (key, data))

    def close(self, prune: bool = True) -> None:
        """Commit and close; with `prune`, first drop the rows this build did not use."""
        if prune:
            self.db.execute("CREATE TEMP TABLE used (key TEXT PRIMARY KEY)")
            self.db.executemany("INSERT OR IGNORE INTO used VALUES (?)", [(k,) for k in self.used])
            for table in self.tables:
                self.db.execute(f"DELETE FROM {table} WHERE key NOT IN (SELECT key FROM used)")
        self.db.commit()
        self.db.close()
