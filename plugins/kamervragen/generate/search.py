"""The search data: a lunr index split by term, a small catalogue, and per-set texts.

lunr scores a document as dot(query vector, field vector) / |query vector|, with BM25 field
weights fixed at build time, so only the weights of a query's own terms matter. The index
is therefore written in shards of consecutive terms; the browser fetches the shards its
query needs, assembles a partial serialized index and loads it with `lunr.Index.load`,
getting exactly the scores of the whole index (tests compare with lunr.py).

Weights are computed here as lunr.py computes them (same formula, same rounding), with
numpy over all postings at once, from the term statistics of `analysis/records.py`.

Every file but the catalogue is stored gzip-compressed (`.json.gz`) and unpacked by the
browser (DecompressionStream), as Pagefind stores its fragments: the set texts and shards
are most of the site's bytes beyond the pages (17 MB per 1,000 sets as JSON, 7.5 MB packed),
and a host such as GitHub Pages limits a site's size, whatever it compresses in transit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from dataclasses import dataclass
from typing import Iterable

import numpy as np

from kamervragen.analysis import terms as analysis
from kamervragen import urls
from kamervragen.analysis.cache import Stats, joined
from kamervragen.analysis.records import FIELDS, Analysis, analyse, compact_json, pack
from kamervragen.analysis import vocabulary
from kamervragen.model import Archive
from kamervragen.read.notes import STATUS_LABELS
from kamervragen.read.schema import KENMERK_PATTERN
from kamervragen.site import Context, Output

K1, B = 1.2, 0.75
LUNR_VERSION = "2.3.9"
SHARD_BYTES = 24_000
# Shards are packed again in every build (their weights change with any set): gzip level 1
# packed 400 shards of 10,000 sets in 0.20 s, level 4 in 0.29 s and level 9 in 2.8 s, 2.4%
# and 7% smaller than level 1. Set records are packed once per change.
SHARD_LEVEL = 1
STATUSES = tuple(STATUS_LABELS)  # a set's status is its number here
EPOCH = dt.date(1970, 1, 1)  # dates are days since then, as JavaScript counts time
SET_FILE = "sets/KENMERK.json.gz"  # a set's texts, below the index's folder
_SLICE = 1 << 20  # postings weighed at a time: bounds the float temporaries to ~8 MB each


def _utf16_key(term: str) -> bytes:
    """lunr.js builds its token set in UTF-16 order; Python sorts by code point."""
    return term.encode("utf-16-be")


@dataclass
class Postings:
    """Every (term, field, doc) weight, sorted by term (UTF-16 order), field, doc. Kept as
    numpy arrays, turned into Python numbers a shard at a time: as lists, the postings of
    10,000 sets took more than a gigabyte."""

    terms: list[str]
    doc_ids: np.ndarray
    weights: np.ndarray  # unrounded; `of` and the shards round as lunr.py does
    bounds: np.ndarray  # postings of term t in field f: [bounds[t*F + f], bounds[t*F + f + 1])

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Postings of terms first..last (inclusive), all fields."""
        return int(self.bounds[first * len(FIELDS)]), int(self.bounds[(last + 1) * len(FIELDS)])

    def rows(self, first: int, last: int) -> list[list]:
        """Shard rows of terms first..last: [term, number, docs, weights, docs, weights, ...]."""
        lo, hi = self.span(first, last)
        docs, weights = self.doc_ids[lo:hi].tolist(), _round3(self.weights[lo:hi])
        cuts = (self.bounds[first * len(FIELDS):(last + 1) * len(FIELDS) + 1] - lo).tolist()
        out = []
        for i in range(first, last + 1):
            row: list = [self.terms[i], i]
            for f in range(len(FIELDS)):
                a, b = cuts[(i - first) * len(FIELDS) + f], cuts[(i - first) * len(FIELDS) + f + 1]
                row += [docs[a:b], weights[a:b]]
            out.append(row)
        return out

    def of(self, term: int, field: int) -> tuple[list[int], list[float]]:
        row = self.rows(term, term)[0]
        return row[2 + 2 * field], row[3 + 2 * field]


def _round3(score: np.ndarray) -> list[float]:
    """Python's round(x, 3), as lunr.py rounds, vectorised: numpy's rounding differs only
    where x * 1000 lies within float error of a half, so those few are redone in Python."""
    rounded = np.round(score, 3)
    near_half = np.flatnonzero(np.abs(np.mod(score * 1000, 1) - 0.5) < 1e-6)
    out = rounded.tolist()
    for i in near_half.tolist():
        out[i] = round(float(score[i]), 3)
    return out


def weigh(stats: list[Stats], terms: list[str]) -> Postings:
    """BM25 weights exactly as lunr.py computes them, for all postings at once (the statistics
    name each term by its number in `terms`).

    Memory, not time, bounds this at scale (6.6 million postings at 10,000 sets): terms and
    counts are kept as 32-bit numbers, what depends only on a set's field is computed once per
    field, and the float arithmetic runs in slices. Each weight still goes through the same
    operations in the same order, so the result is the same to the bit."""
    n_fields = len(FIELDS)
    fields = [s[name] for s in stats for name, _ in FIELDS]  # doc-major
    per_field = np.fromiter((len(found) for found, _, _ in fields), dtype=np.int64, count=len(fields))
    total = int(per_field.sum())
    numbers = joined(found for found, _, _ in fields)
    present = np.zeros(len(terms), dtype=bool)
    present[numbers] = True
    used = np.flatnonzero(present)  # not np.unique, which sorts all postings (1.9 s at 10,000 sets)
    spelled = [terms[i] for i in used.tolist()]
    by_spelling = sorted(range(len(spelled)), key=lambda i: _utf16_key(spelled[i]))
    vocabulary = [spelled[i] for i in by_spelling]
    rank = np.empty(len(terms), dtype=np.int32)
    rank[used[by_spelling]] = np.arange(len(by_spelling), dtype=np.int32)
    t = rank[numbers]
    del numbers
    tf = joined(counts for _, counts, _ in fields).astype(np.int32)
    pair = np.repeat(np.arange(len(per_field), dtype=np.int32), per_field)  # doc * n_fields + field
    n_docs = len(stats)
    # lunr counts documents per field, so a term in title and text counts twice.
    df = np.bincount(t, minlength=len(vocabulary))
    idf = np.array([math.log(1 + abs((n_docs - d + 0.5) / (d + 0.5))) for d in df.tolist()])
    avg = np.array([sum(s[name][2] for s in stats) / n_docs if n_docs else 1.0 for name, _ in FIELDS])
    boost = np.array([b for _, b in FIELDS])
    # Same operations in the same order as lunr.py's Builder._create_field_vectors; the
    # length normalisation depends only on the field of a set.
    length = np.array([n for _, _, n in fields], dtype=np.float64)
    norm = K1 * (1 - B + B * (length / avg[np.arange(len(fields)) % n_fields]))
    score = np.empty(total, dtype=np.float64)
    for lo in range(0, total, _SLICE):
        part = slice(lo, lo + _SLICE)
        tf_s = tf[part].astype(np.float64)
        score[part] = idf[t[part]] * ((K1 + 1) * tf_s) / (norm[pair[part]] + tf_s) * boost[pair[part] % n_fields]
    del tf
    # Postings come set by set, so a stable sort by (term, field) leaves each list by set.
    key = t.astype(np.int32 if len(vocabulary) * n_fields < 2**31 else np.int64, copy=False) * n_fields \
        + pair % n_fields
    del t
    bounds = np.concatenate(([0], np.cumsum(np.bincount(key, minlength=len(vocabulary) * n_fields))))
    order = np.argsort(key, kind="stable")
    del key
    docs = pair[order] // n_fields
    del pair
    return Postings(vocabulary, docs, score[order], bounds)


def _shards(postings: Postings) -> Iterable[tuple[str, list]]:
    """Consecutive terms grouped into shards of about SHARD_BYTES of JSON each."""
    counts = np.diff(postings.bounds[::len(FIELDS)]).tolist()  # postings per term, all fields
    first, size = 0, 0
    for i, term in enumerate(postings.terms):
        size += 16 + len(term) + 12 * counts[i]
        if size >= SHARD_BYTES or i == len(postings.terms) - 1:
            yield postings.terms[first], postings.rows(first, i)
            first, size = i + 1, 0


def _values(archive: Archive, per_note) -> tuple[list[str], list[list[int]]]:
    """A facet: its distinct values (sorted) and each set's value numbers."""
    values = sorted({v for n in archive.notes for v in per_note(n)}, key=str.lower)
    number = {v: i for i, v in enumerate(values)}
    return values, [sorted({number[v] for v in per_note(n)}) for n in archive.notes]


def _deltas(numbers: list[int]) -> list[int]:
    """The first number, then each minus the one before: the sets are sorted by date, so the
    gaps are small numbers that take a few bytes where the full ones take many."""
    return numbers[:1] + [b - a for a, b in zip(numbers, numbers[1:])]


def _kenmerk_number(kenmerk: str) -> int:
    """2026Z00186 as 202600186: year and number as one integer (kv-search-core.js reverses it)."""
    year, number = kenmerk.split("Z")
    return int(year) * 100_000 + int(number)


def _hashed(*parts: bytes) -> str:
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part)
    return digest.hexdigest()[:16]


def build(archive: Archive, analysed: Analysis | None = None) -> dict[str, bytes]:
    """All search files, by path below the site root.

    The catalogue is fetched before the first result shows, so it holds only what a result
    needs (kenmerk, date, status), compactly; the facets go in a file of their own that the
    page fetches when it shows the filters or a filter is chosen. Files whose contents refer
    to sets by number carry a hash of their contents in their names, so a browser never
    mixes them with a catalogue of another build."""
    analysed = analysed or analyse(archive)
    postings = weigh(analysed.stats, analysed.terms)
    files: dict[str, bytes] = {}
    # Every weight depends on the number of sets and the average field lengths, so any
    # change changes every shard: one hash over all of them names the lot.
    shards = [(first, pack(rows, SHARD_LEVEL)) for first, rows in _shards(postings)]
    version = _hashed(*(data for _, data in shards))
    shard_file = f"shards/{version}-NUMMER.json.gz"
    for n, (_, data) in enumerate(shards):
        files[urls.search_file(shard_file.replace("NUMMER", str(n)))] = data
    facets = {
        "thema": _values(archive, lambda n: [archive.themes[s].naam for s in n.themas]),
        "partij": _values(archive, lambda n: [a.partij for a in n.vragenstellers]),
        "lid": _values(archive, lambda n: [a.naam for a in n.vragenstellers]),
        "minister": _values(archive, lambda n: [*n.gericht_aan, *n.answerers]),
        "jaar": _values(archive, lambda n: [str(n.gesteld.year)]),
    }
    facet_data = pack({"values": {key: values for key, (values, _) in facets.items()},
                       "sets": {key: ids for key, (_, ids) in facets.items()}})
    facet_file = f"facetten-{_hashed(facet_data)}.json.gz"
    files[urls.search_file(facet_file)] = facet_data
    catalogue = {
        "version": LUNR_VERSION,
        "fields": [name for name, _ in FIELDS],
        "pipeline": list(analysis.SEARCH_PIPELINE),
        "shards": {"first": [first for first, _ in shards], "file": shard_file},
        "sets": {
            "kenmerk": _deltas([_kenmerk_number(n.kenmerk) for n in archive.notes]),
            "datum": _deltas([(n.date - EPOCH).days for n in archive.notes]),
            "status": [STATUSES.index(n.status) for n in archive.notes],
        },
        "statussen": STATUS_LABELS,
        "kenmerkpatroon": KENMERK_PATTERN,
        "facetten": facet_file,
        "setUrl": urls.set_url("KENMERK"),
        "setFile": SET_FILE,
        "synoniemen": vocabulary.synonym_groups(archive.themes),
        "standaardtekst": analysed.phrases,
    }
    files[urls.search_file("catalogue.json")] = compact_json(catalogue)
    for note, packed in zip(archive.notes, analysed.files):  # packed as the analysis made them
        files[urls.search_file(SET_FILE.replace("KENMERK", note.kenmerk))] = packed
    return files


def generate(ctx: Context) -> Output:
    return Output(files=build(ctx.archive, ctx.analysis) if ctx.options.search else {}, linked=False)
