"""Similar sets by content: TF-IDF cosine over the search's own Dutch-stemmed terms.

Every set page lists the sets whose text is most alike, beside the explicit `gerelateerd`.
The input is the per-set field statistics that the search index already computes
(`search.field_terms`, possibly from the term cache), so no text is analysed twice.

Weighting, per set and term:

    w = (TITLE_WEIGHT * g(tf in titel) + g(tf in tekst)) * idf,  g(0) = 0, g(tf) = 1 + ln tf
    idf = ln((N + 1) / df)   (df: sets holding the term in any field; > 0 even when df = N)

Vectors are L2-normalised over *all* their terms, then cut to the set's TOP_TERMS heaviest
terms among those another set also holds (a term of one set alone adds nothing to any dot
product, so dropping those is exact; the cut itself makes each similarity a slightly lower
bound of the true cosine). The similarities are one sparse matrix product X·Xᵀ, taken in
row blocks of bounded size, with the best k per row picked by numpy's partition: no Python
loop over pairs, and memory bounded by the block whatever the number of sets.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np
from scipy import sparse

FieldStats = Mapping[str, Sequence]  # field -> (distinct terms, their counts, field length)

FIELD_WEIGHTS: dict[str, float] = {"titel": 3.0, "tekst": 1.0}
SIMILAR_LIMIT = 5
TOP_TERMS = 50
BLOCK_CELLS = 1 << 22  # dense similarity cells per block (~32 MB of float64)


def vectors(stats: Sequence[FieldStats], top_terms: int = TOP_TERMS) -> sparse.csr_matrix:
    """The sets' truncated, L2-normalised TF-IDF vectors, one row per set (in stats order)."""
    n = len(stats)
    index: dict[str, int] = {}
    add = index.setdefault
    row_parts: list[np.ndarray] = []
    col_parts: list[np.ndarray] = []
    weight_parts: list[np.ndarray] = []
    for i, fields in enumerate(stats):
        for name, boost in FIELD_WEIGHTS.items():
            if name not in fields:
                continue
            found, counts = fields[name][0], fields[name][1]
            if not found:
                continue
            col_parts.append(np.array([add(t, len(index)) for t in found], dtype=np.int32))
            row_parts.append(np.full(len(found), i, dtype=np.int32))
            weight_parts.append(boost * (1.0 + np.log(np.asarray(counts, dtype=np.float64))))
    if not col_parts:
        return sparse.csr_matrix((n, 0), dtype=np.float64)
    rows = np.concatenate(row_parts)
    cols = np.concatenate(col_parts)
    weights = np.concatenate(weight_parts)
    del row_parts, col_parts, weight_parts
    # Summing duplicates adds a term's title and text weights; it also sorts each row.
    x = sparse.csr_matrix((weights, (rows, cols)), shape=(n, len(index)), dtype=np.float64)
    x.sum_duplicates()
    del rows, cols, weights
    df = np.bincount(x.indices, minlength=x.shape[1])
    x.data *= np.log((n + 1) / df)[x.indices]
    norm = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    row_of = np.repeat(np.arange(n, dtype=np.int32), np.diff(x.indptr))
    shared = df[x.indices] >= 2
    rows, cols, data = row_of[shared], x.indices[shared], x.data[shared]
    # Heaviest terms first within each row; equal weights by term number (first seen first).
    order = np.lexsort((cols, -data, rows))
    rows, cols, data = rows[order], cols[order], data[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
    keep = rank < top_terms
    rows, cols, data = rows[keep], cols[keep], data[keep]
    data = data / norm[rows]
    out = sparse.csr_matrix((data, (rows, cols)), shape=x.shape, dtype=np.float64)
    out.sum_duplicates()
    return out


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
