"""A cache of each set's analysis (its packed search record, term statistics and, once it was
sampled, opening trigrams), keyed by the set's note, its audience and the code that analyses
it; and of the standard phrases learned from the sampled sets' trigrams, keyed by those trigrams.

Rendering a note's Markdown to read its text and analysing that text (tokenise, trim,
stem) are the slow parts of building the search index; the global BM25 pass is cheap. One
key per set, from the parsed note itself, makes a rebuild after one changed note read one
row per set, and analyse only that note. Any change to our code or to the libraries that
read text makes every key new: such a build is cold anyway (the page cache is keyed the
same way).
"""

from __future__ import annotations

import marshal
from pathlib import Path
from typing import Any, Callable, Sequence

from kamervragen.read.notes import Note
from kamervragen.store import Store, code_digest, digest, fingerprint

_LIBRARIES = ("Markdown", "PyStemmer")  # what analysing a set uses besides our own code


def encode(value: Any) -> bytes:
    """A set's analysis as the cache keeps it: marshal data, in which an interned string is
    read back interned."""
    return marshal.dumps(value)


def decode(data: bytes) -> Any:
    return marshal.loads(data)


class TermCache:
    """Each set's analysis in a cache file, by `key` (values as marshal data)."""

    def __init__(self, path: Path) -> None:
        self.store = Store(path, ("sets", "phrases"))
        self.hits = 0  # sets found
        self.misses = 0  # sets analysed and kept

    def key(self, note: Note, internal: bool) -> str:
        return digest(code_digest(*_LIBRARIES), "intern" if internal else "openbaar", fingerprint(note))

    def find(self, key: str) -> Any | None:
        data = self.store.get("sets", key)
        if data is None:
            return None
        self.hits += 1
        return decode(data)

    def keep(self, key: str, data: bytes) -> None:
        """Keep a set's analysis, as `encode` wrote it."""
        self.misses += 1
        self.store.put("sets", key, data)

    def amend(self, key: str, value: Any) -> None:
        """Keep a found set's analysis again, with what it lacked added (not counted as analysed)."""
        self.store.put("sets", key, encode(value))

    def phrases(self, grams_per_set: Sequence[str], learn: Callable[[Sequence[str]], list[str]]) -> list[str]:
        """`learn(grams_per_set)`, done again only when a sampled set's opening trigrams changed:
        counting them cost 2-4 s in every build, and most edits leave a set's openings as they were."""
        key = digest(code_digest(*_LIBRARIES), *grams_per_set)
        data = self.store.get("phrases", key)
        if data is not None:
            return marshal.loads(data)
        learned = learn(grams_per_set)
        self.store.put("phrases", key, marshal.dumps(learned))
        return learned

    def close(self) -> None:
        self.store.close()


class NoCache(TermCache):
    """A build without a cache file: nothing is found, nothing is kept."""

    def __init__(self) -> None:
        self.hits = self.misses = 0

    def key(self, note: Note, internal: bool) -> str:
        return ""

    def find(self, key: str) -> Any | None:
        return None

    def keep(self, key: str, data: bytes) -> None:
        self.misses += 1

    def amend(self, key: str, value: Any) -> None:
        pass

    def phrases(self, grams_per_set: Sequence[str], learn: Callable[[Sequence[str]], list[str]]) -> list[str]:
        return learn(grams_per_set)

    def close(self) -> None:
        pass
