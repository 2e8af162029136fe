"""A cache of each set's analysis (its packed search record, term statistics and, once it was
sampled, opening trigrams), keyed by the set's note, its audience and the code that analyses
it; and of the standard phrases learned from the sampled sets' trigrams, keyed by those trigrams.

Rendering a note's Markdown to read its text and analysing that text (tokenise, trim,
stem) are the slow parts of building the search index; the global BM25 pass is cheap. One
key per set, from the parsed note itself, makes a rebuild after one changed note read one
row per set, and analyse only that note. Any change to our code or to the libraries that
read text makes every key new: such a build is cold anyway (the page cache is keyed the
same way).

A set's terms are numbers into the cache's own term list, which holds each term once, and
they stay numbers in the build (`records.Analysis.terms` spells them): as strings, reading
the analyses of 10,000 sets (6.6 million terms) back took 3.3 s of a rebuild, and looking up
each of those strings again in the search index and similar sets took seconds more. The list
only grows (a term no set holds any more keeps its number), by the new terms of each change.
"""

from __future__ import annotations

import marshal
from array import array
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

import numpy as np

from kamervragen.read.notes import Note
from kamervragen.store import Store, code_digest, digest, fingerprint

_LIBRARIES = ("Markdown", "PyStemmer")  # what analysing a set uses besides our own code


TERMS = "termen"  # the key of the term list in its table
Stats = dict[str, tuple[array, array, int]]  # per field: term numbers, their counts, field length
Numbered = tuple[bytes, Stats, "str | None"]  # a set's analysis: packed record, statistics, trigrams
NUMBER = "I"  # array type of term numbers and counts: 4 bytes, where a list holds 8 per item


def encode(value: Any) -> bytes:
    """A set's analysis as a worker hands it over (terms as strings): marshal data."""
    return marshal.dumps(value)


def decode(data: bytes) -> Any:
    return marshal.loads(data)


def joined(arrays: Iterable[array]) -> np.ndarray:
    """The numbers of many arrays (term numbers or counts) as one numpy array, copied once."""
    return np.frombuffer(b"".join(arrays), dtype=NUMBER)


class Numbers:
    """Each term's number in `terms`; a term not yet there is added."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = terms
        self.index = dict(zip(terms, range(len(terms))))

    def __len__(self) -> int:
        return len(self.terms)

    def stats(self, fields: dict[str, tuple[list[str], list[int], int]]) -> Stats:
        """`records.field_terms`'s statistics with each term as its number."""
        return {name: (self._numbers(found), array(NUMBER, counts), length)
                for name, (found, counts, length) in fields.items()}

    def _numbers(self, found: list[str]) -> array:
        numbers = list(map(self.index.get, found))  # a plain dict's lookups, in C: 6.6 million a cold build
        if None in numbers:
            for k, term in enumerate(found):
                if numbers[k] is None:
                    numbers[k] = self.index.setdefault(term, len(self.terms))
                    if numbers[k] == len(self.terms):
                        self.terms.append(term)
        return array(NUMBER, numbers)


class TermCache:
    """Each set's analysis in a cache file, by `key`; `numbers` numbers the terms of what it
    keeps, and of what the build analyses besides."""

    def __init__(self, path: Path) -> None:
        self.store = Store(path, ("sets", "phrases", "terms"))
        data = self.store.get("terms", TERMS)
        self.numbers = Numbers(marshal.loads(data) if data else [])
        self.known = len(self.numbers)  # how many terms the file holds
        self.hits = 0  # sets found
        self.misses = 0  # sets analysed and kept

    def key(self, note: Note, internal: bool) -> str:
        return digest(code_digest(*_LIBRARIES), "intern" if internal else "openbaar", fingerprint(note))

    def find(self, key: str) -> Numbered | None:
        """The set's analysis as `keep` was given it, or None."""
        data = self.store.get("sets", key)
        if data is None:
            return None
        packed, fields, grams, terms = marshal.loads(data)
        if terms > len(self.numbers):
            return None  # kept by a build whose term list was not saved: analyse it again
        self.hits += 1
        return packed, {name: (_array(numbers), _array(counts), length)
                        for name, (numbers, counts, length) in fields.items()}, grams

    def keep(self, key: str, value: Numbered) -> None:
        """Keep a set's analysis (its terms numbered by `numbers`)."""
        self.misses += 1
        self.amend(key, value)

    def amend(self, key: str, value: Numbered) -> None:
        """Keep a found set's analysis again, with what it lacked added (not counted as analysed)."""
        packed, stats, grams = value
        self.store.put("sets", key, marshal.dumps((packed, {
            name: (numbers.tobytes(), counts.tobytes(), length) for name, (numbers, counts, length) in stats.items()},
            grams, len(self.numbers))))  # the term list it needs, at most

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
        if len(self.numbers) > self.known:  # in the same transaction as the sets that use them
            self.store.put("terms", TERMS, marshal.dumps(self.numbers.terms))
        self.store.close()


class NoCache(TermCache):
    """A build without a cache file: nothing is found, nothing is kept."""

    def __init__(self) -> None:
        self.numbers = Numbers([])
        self.hits = self.misses = 0

    def key(self, note: Note, internal: bool) -> str:
        return ""

    def find(self, key: str) -> Numbered | None:
        return None

    def keep(self, key: str, value: Numbered) -> None:
        self.misses += 1

    def amend(self, key: str, value: Numbered) -> None:
        pass

    def phrases(self, grams_per_set: Sequence[str], learn: Callable[[Sequence[str]], list[str]]) -> list[str]:
        return learn(grams_per_set)

    def close(self) -> None:
        pass


def _array(data: bytes) -> array:
    numbers = array(NUMBER)
    numbers.frombytes(data)
    return numbers
