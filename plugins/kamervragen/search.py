"""The search data: a lunr index split by term, a small catalogue, and per-set texts.

lunr scores a document as dot(query vector, field vector) / |query vector|, with BM25 field
weights fixed at build time, so only the weights of a query's own terms matter. The index
is therefore written in shards of consecutive terms; the browser fetches the shards its
query needs, assembles a partial serialized index and loads it with `lunr.Index.load`,
getting exactly the scores of the whole index (tests compare with lunr.py).

Weights are computed here as lunr.py computes them (same formula, same rounding), with
numpy over all postings at once; per-set term counts are cached by content hash.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

import numpy as np

from . import analysis, paths
from .cache import TermCache
from .model import Archive
from .notes import Note

FIELDS: tuple[tuple[str, float], ...] = (("titel", 10.0), ("tekst", 1.0))
K1, B = 1.2, 0.75
LUNR_VERSION = "2.3.9"
SHARD_BYTES = 24_000
STATUSES = ("open", "beantwoord", "te-laat", "uitgesteld")
_MD_MARKUP = [
    (re.compile(r"^(?:!!!|\?\?\?\+?)\s+\w+\s*(?:\"([^\"]*)\")?\s*$", re.M), r"\1"),  # admonition line -> title
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images -> their text
    (re.compile(r"<[^>]+>"), " "),  # inline HTML tags
    (re.compile(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+|\d+[.)]\s+)", re.M), ""),  # block markers
    (re.compile(r"(\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # emphasis and code spans
    (re.compile(r"\{[#.][^}]*\}"), ""),  # attribute lists
    (re.compile(r"\s+"), " "),
]


def plain(markdown: str) -> str:
    """Readable text of a Markdown snippet, for search snippets (never rendered as HTML)."""
    for pattern, repl in _MD_MARKUP:
        markdown = pattern.sub(repl, markdown)
    return markdown.strip()


@dataclass(frozen=True)
class SearchDoc:
    """One lunr document: a set, by its position in the catalogue."""

    ref: str
    fields: dict[str, str]


def documents(archive: Archive) -> list[SearchDoc]:
    """The text of each set per field, as this audience sees it."""
    docs = []
    for i, note in enumerate(archive.notes):
        extra = [note.aanleiding or "", *(f"{a.naam} {a.partij}" for a in note.vragenstellers)]
        docs.append(SearchDoc(str(i), {"titel": note.titel,
                                       "tekst": "\n".join([plain(archive.text(note)), *extra])}))
    return docs


def set_record(archive: Archive, note: Note) -> dict:
    """What a result shows: title, askers and the text per question and answer, for snippets."""
    body = note.body
    chunks = [body.head(), *body.sections]
    return {
        "titel": note.titel,
        "kenmerk": note.kenmerk,
        "vragenstellers": ", ".join(f"{a.naam} ({a.partij})" for a in note.vragenstellers),
        "delen": [[c.anchor, c.title, text] for c in chunks
                  if (text := plain(body.text(archive.internal, c)))],
    }


def field_terms(doc: SearchDoc) -> dict[str, tuple[list[str], list[int], int]]:
    """Per field: distinct terms, their frequencies, and the field length in terms."""
    out = {}
    for name, _ in FIELDS:
        found = analysis.terms(doc.fields[name])
        counts = Counter(found)
        out[name] = (list(counts), list(counts.values()), len(found))
    return out


def _utf16_key(term: str) -> bytes:
    """lunr.js builds its token set in UTF-16 order; Python sorts by code point."""
    return term.encode("utf-16-be")


@dataclass
class Postings:
    """Every (term, field, doc) weight, grouped by term in UTF-16 order."""

    terms: list[str]
    term_ids: np.ndarray
    field_ids: np.ndarray
    doc_ids: np.ndarray
    weights: list[float]
    bounds: np.ndarray  # postings of term t: [bounds[t], bounds[t + 1])


def weigh(stats: list[dict[str, tuple[list[str], list[int], int]]]) -> Postings:
    """BM25 weights exactly as lunr.py computes them, for all postings at once."""
    vocabulary = sorted({t for s in stats for f, _ in FIELDS for t in s[f][0]}, key=_utf16_key)
    index = {t: i for i, t in enumerate(vocabulary)}
    term_ids, field_ids, doc_ids, tfs, lengths = [], [], [], [], []
    for doc, s in enumerate(stats):
        for f, (name, _) in enumerate(FIELDS):
            found, counts, length = s[name]
            term_ids += [index[t] for t in found]
            tfs += counts
            field_ids += [f] * len(found)
            doc_ids += [doc] * len(found)
            lengths += [length] * len(found)
    t = np.array(term_ids, dtype=np.int64)
    fid = np.array(field_ids, dtype=np.int64)
    tf = np.array(tfs, dtype=np.float64)
    length = np.array(lengths, dtype=np.float64)
    n_docs = len(stats)
    # lunr counts documents per field, so a term in title and text counts twice.
    df = np.bincount(t, minlength=len(vocabulary))
    idf = np.array([math.log(1 + abs((n_docs - d + 0.5) / (d + 0.5))) for d in df.tolist()])
    avg = np.array([sum(s[name][2] for s in stats) / n_docs if n_docs else 1.0 for name, _ in FIELDS])
    boost = np.array([b for _, b in FIELDS])
    score = idf[t] * ((K1 + 1) * tf) / (K1 * (1 - B + B * (length / avg[fid])) + tf)
    score = score * boost[fid]
    order = np.lexsort((np.array(doc_ids), fid, t))
    weights = [round(w, 3) for w in score[order].tolist()]
    bounds = np.searchsorted(t[order], np.arange(len(vocabulary) + 1))
    return Postings(vocabulary, t[order], fid[order], np.array(doc_ids)[order], weights, bounds)


def _shards(postings: Postings) -> Iterable[tuple[str, list]]:
    """Consecutive terms grouped into shards of about SHARD_BYTES of JSON each."""
    rows: list = []
    size = 0
    first = ""
    for i, term in enumerate(postings.terms):
        lo, hi = int(postings.bounds[i]), int(postings.bounds[i + 1])
        fields = postings.field_ids[lo:hi].tolist()
        docs = postings.doc_ids[lo:hi].tolist()
        weights = postings.weights[lo:hi]
        row: list = [term, i]
        for f in range(len(FIELDS)):
            row.append([d for d, g in zip(docs, fields) if g == f])
            row.append([w for w, g in zip(weights, fields) if g == f])
        if not rows:
            first = term
        rows.append(row)
        size += 16 + len(term) + 12 * (hi - lo)
        if size >= SHARD_BYTES:
            yield first, rows
            rows, size = [], 0
    if rows:
        yield first, rows


def _json(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _values(archive: Archive, per_note) -> tuple[list[str], list[list[int]]]:
    """A facet: its distinct values (sorted) and each set's value numbers."""
    values = sorted({v for n in archive.notes for v in per_note(n)}, key=str.lower)
    number = {v: i for i, v in enumerate(values)}
    return values, [sorted({number[v] for v in per_note(n)}) for n in archive.notes]


def build(archive: Archive, cache: TermCache | None = None) -> dict[str, bytes]:
    """All search files, by path below the site root."""
    docs = documents(archive)
    stats = [cache.get_or_compute(d, field_terms) if cache else field_terms(d) for d in docs]
    postings = weigh(stats)
    files: dict[str, bytes] = {}
    firsts, names = [], []
    for first, rows in _shards(postings):
        data = _json(rows)
        name = f"search/shards/{hashlib.sha1(data).hexdigest()[:16]}.json"
        files[name] = data
        firsts.append(first)
        names.append(name.removeprefix("search/"))
    facets = {
        "thema": _values(archive, lambda n: [archive.themes[s].naam for s in n.themas]),
        "partij": _values(archive, lambda n: [a.partij for a in n.vragenstellers]),
        "lid": _values(archive, lambda n: [a.naam for a in n.vragenstellers]),
        "minister": _values(archive, lambda n: [*n.gericht_aan, *filter(None, [n.beantwoord_door])]),
        "jaar": _values(archive, lambda n: [str(n.gesteld.year)]),
    }
    catalogue = {
        "version": LUNR_VERSION,
        "fields": [name for name, _ in FIELDS],
        "pipeline": list(analysis.SEARCH_PIPELINE),
        "shards": {"first": firsts, "files": names},
        "sets": {
            "kenmerk": [n.kenmerk for n in archive.notes],
            "datum": [n.date.isoformat() for n in archive.notes],
            "status": [STATUSES.index(n.status) for n in archive.notes],
            **{key: ids for key, (_, ids) in facets.items()},
        },
        "values": {"status": list(STATUSES), **{key: values for key, (values, _) in facets.items()}},
        "setUrl": paths.url(paths.src(paths.SETS, "KENMERK")),
    }
    files["search/catalogue.json"] = _json(catalogue)
    for note in archive.notes:
        files[f"search/sets/{note.kenmerk}.json"] = _json(set_record(archive, note))
    return files
