"""Similar sets by content: TF-IDF cosine over the search's own Dutch-stemmed terms.

Every set page lists the sets whose text is most alike, beside the explicit `gerelateerd`.
The input is the per-set field statistics that the search index already computes
(`records.field_terms`, possibly from the term cache), so no text is analysed twice.

Weighting, per set and term (the title counts three times as much as the text):

    w = (3 * g(tf in titel) + g(tf in tekst)) * idf,   g(0) = 0, g(tf) = 1 + ln tf
    idf = ln((N + 1) / df)   (df: sets holding the term in any field; > 0 even when df = N)

Each set's vector keeps its TOP_TERMS heaviest terms among those another set also holds,
plus its terms no other set holds; those never meet another vector, so only their share of
the norm is kept, not the terms. The similarity is the cosine of these vectors: exactly the
TF-IDF cosine when a set has at most TOP_TERMS shared terms, otherwise a close one that
ignores the light tail of a long text (which would cost most of the time and memory).
All similarities are one sparse matrix product X·Xᵀ, taken in row blocks of bounded size,
with the best k per row picked by numpy's partition: no Python loop over pairs, and memory
bounded by the block whatever the number of sets.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
from scipy import sparse

from kamervragen.analysis.cache import joined

FieldStats = Mapping[str, Sequence]  # field -> (its distinct terms' numbers, their counts, its length), as arrays

FIELD_WEIGHTS: dict[str, float] = {"titel": 3.0, "tekst": 1.0}
SIMILAR_LIMIT = 5
TOP_TERMS = 50
BLOCK_CELLS = 1 << 21  # dense similarity cells per block (16 MiB of float64)
CHUNK_POSTINGS = 1 << 18  # postings weighed and cut at a time


def term_weights(stats: Sequence[FieldStats]) -> sparse.csr_matrix:
    """Per set and term: 3 * g(tf in titel) + g(tf in tekst), before idf; columns by first use."""
    n = len(stats)
    parts = [(i, fields[name], boost) for i, fields in enumerate(stats)
             for name, boost in FIELD_WEIGHTS.items() if name in fields and len(fields[name][0])]
    lengths = np.array([len(field[0]) for _, field, _ in parts], dtype=np.int64)
    # Columns in order of the terms' first use, not by their numbers, which follow the history
    # of a term cache: a dot product sums in column order, and its last bits must not depend
    # on that history. First uses are found without sorting the postings (np.unique sorts
    # them: 1.9 s at 10,000 sets, this 0.05 s).
    numbers = joined(field[0] for _, field, _ in parts)
    first = np.full(int(numbers.max()) + 1 if len(numbers) else 0, len(numbers), dtype=np.int64)
    np.minimum.at(first, numbers, np.arange(len(numbers)))
    terms = np.flatnonzero(first < len(numbers))
    rank = np.empty(len(first), dtype=np.int32)
    rank[terms[np.argsort(first[terms])]] = np.arange(len(terms), dtype=np.int32)
    cols = rank[numbers]
    weights = joined(field[1] for _, field, _ in parts).astype(np.float64)
    np.log(weights, out=weights)
    weights += 1.0
    boosts = np.array([boost for _, _, boost in parts], dtype=np.float64)
    for boost in set(boosts.tolist()) - {1.0}:
        weights[np.repeat(boosts == boost, lengths)] *= boost
    per_set = np.bincount(np.array([i for i, _, _ in parts], dtype=np.int64), weights=lengths, minlength=n)
    indptr = np.concatenate(([0], np.cumsum(per_set))).astype(np.int64)
    # Parts come set by set, so this is CSR already; summing duplicates adds a term's title
    # and text weights (and sorts each row by term number).
    x = sparse.csr_matrix((weights, cols, indptr), shape=(n, len(terms)))
    x.sum_duplicates()
    return x


def _heaviest(rows: np.ndarray, data: np.ndarray, count: int, top: int) -> np.ndarray:
    """Mask of each row's `top` largest values (rows numbered 0..count-1, sorted); equal values
    by position, as the stable sort keeps it. One small sort per long row: a loop over sets."""
    ptr = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=count))))
    keep = np.ones(len(rows), dtype=bool)
    for i in np.flatnonzero(np.diff(ptr) > top).tolist():
        lo, hi = ptr[i], ptr[i + 1]
        keep[lo:hi] = False
        keep[lo + np.argsort(-data[lo:hi], kind="stable")[:top]] = True
    return keep


def vectors(stats: Sequence[FieldStats], top_terms: int = TOP_TERMS) -> sparse.csr_matrix:
    """The sets' truncated TF-IDF vectors, one row per set (in stats order).

    Only the kept shared terms are stored; each row is divided by the norm of those and of
    the set's own terms, so a row's norm is at most 1 and a dot product is a cosine.
    """
    x = term_weights(stats)
    n = x.shape[0]
    df = np.zeros(x.shape[1], dtype=np.int64)
    for lo in range(0, x.nnz, CHUNK_POSTINGS):  # bincount copies its input to int64
        df += np.bincount(x.indices[lo:lo + CHUNK_POSTINGS], minlength=x.shape[1])
    idf = np.log((n + 1) / np.maximum(df, 1))
    per_row = np.zeros(n, dtype=np.int64)
    pieces: list[tuple[np.ndarray, np.ndarray]] = []
    first = 0
    while first < n:  # rows in chunks of about CHUNK_POSTINGS postings: small temporaries
        last = int(np.searchsorted(x.indptr, x.indptr[first] + CHUNK_POSTINGS, side="right")) - 1
        last = min(n, max(last, first + 1))
        lo, hi = x.indptr[first], x.indptr[last]
        cols = x.indices[lo:hi]
        data = x.data[lo:hi] * idf[cols]
        rows = np.repeat(np.arange(last - first), np.diff(x.indptr[first:last + 1]))
        # Terms of this set alone never meet another set's: they only count in the norm.
        alone = df[cols] < 2
        # float64 explicitly: bincount of an empty selection is int64 even with float weights.
        norm2 = np.bincount(rows[alone], weights=data[alone] ** 2, minlength=last - first).astype(np.float64)
        shared = ~alone
        rows, cols, data = rows[shared], cols[shared], data[shared]
        keep = _heaviest(rows, data, last - first, top_terms)
        rows, cols, data = rows[keep], cols[keep], data[keep]
        norm2 += np.bincount(rows, weights=data ** 2, minlength=last - first)
        data /= np.sqrt(norm2)[rows]
        per_row[first:last] = np.bincount(rows, minlength=last - first)
        pieces.append((cols, data))
        first = last
    cols = np.concatenate([c for c, _ in pieces]) if pieces else np.zeros(0, dtype=np.int32)
    data = np.concatenate([d for _, d in pieces]) if pieces else np.zeros(0)
    indptr = np.concatenate(([0], np.cumsum(per_row)))
    return sparse.csr_matrix((data, cols, indptr), shape=x.shape)


def most_similar(stats: Sequence[FieldStats], k: int = SIMILAR_LIMIT, *, top_terms: int = TOP_TERMS,
                 block_cells: int = BLOCK_CELLS) -> list[list[tuple[int, float]]]:
    """Per set (same order as `stats`): up to k other sets with their cosine similarity.

    Best first; equal similarities by lower set number first. A set never lists itself,
    nor a set it shares no (kept) term with.
    """
    n = len(stats)
    result: list[list[tuple[int, float]]] = [[] for _ in range(n)]
    if n < 2 or k <= 0:
        return result
    x = vectors(stats, top_terms)
    xt = x.T.tocsr()
    kk = min(k, n)
    block = max(1, min(n, block_cells // n))
    for lo in range(0, n, block):
        hi = min(n, lo + block)
        sims = (x[lo:hi] @ xt).toarray()
        local = np.arange(hi - lo)
        sims[local, lo + local] = 0.0
        # The kk-th largest value per row; everything at least that large (and > 0) is a
        # candidate, so ties at the boundary are all seen and settled by set number.
        threshold = np.partition(sims, n - kk, axis=1)[:, n - kk]
        r, c = np.nonzero((sims >= threshold[:, None]) & (sims > 0.0))
        v = sims[r, c]
        order = np.lexsort((c, -v, r))
        r, c, v = r[order], c[order], v[order]
        keep = np.arange(len(r)) - np.searchsorted(r, r, side="left") < k
        for row, col, value in zip((r[keep] + lo).tolist(), c[keep].tolist(), v[keep].tolist()):
            result[row].append((col, value))
    return result
