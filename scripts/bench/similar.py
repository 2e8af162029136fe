"""The similar-sets benchmark for one N, in the calling process (so its peak memory is its own).

The synthetic notes, with near-duplicates (bench/corpus.py), are loaded as the public archive
and analysed as the search index does (records.documents, records.field_terms); then
`similar.most_similar` is timed on those statistics and its peak memory measured, and the
near-duplicate pairs are checked to be each other's first similar set.
"""

from __future__ import annotations

import resource
import statistics
import time
import tracemalloc
from pathlib import Path

from . import corpus


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def run_one(count: int, root: Path, seed: int, copies: int, repeats: int, again: bool, check: bool) -> dict:
    """Everything for one N, in this process (the package is imported here, not by the parent
    process that only starts one of these per N)."""
    from kamervragen import model
    from kamervragen.audience import PUBLIC
    from kamervragen.analysis import records
    from kamervragen.analysis import similar

    made = corpus.notes(root / f"n{count}", count, seed=seed, copies=copies, fresh=again)
    start = time.perf_counter()
    archive, problems = model.load_archive(made.notes, made.notes / "themas.yml", PUBLIC)
    loaded = time.perf_counter() - start
    assert not problems, problems[:3]
    start = time.perf_counter()
    stats = [records.field_terms(doc) for doc in records.documents(archive)]
    analysed = time.perf_counter() - start
    peak_before = _peak_mib()
    times, cpu = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = similar.most_similar(stats)
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    peak_after = _peak_mib()
    tracemalloc.start()
    similar.most_similar(stats)
    _, traced = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    x = similar.vectors(stats)
    postings = sum(len(s[f][0]) for s in stats for f in similar.FIELD_WEIGHTS)
    out = {
        "sets": len(archive.notes),
        "generated_s": made.seconds,
        "load_s": loaded,
        "analysis_s": analysed,
        "postings": postings,
        "kept_terms": x.nnz,
        "similar_s": times,
        "similar_cpu_s": cpu,
        "peak_rss_before_mib": peak_before,
        "peak_rss_after_mib": peak_after,
        "traced_peak_mib": traced / 2**20,
        "with_results": sum(1 for r in result if r),
        "mean_top1": statistics.fmean(r[0][1] for r in result if r) if any(result) else 0.0,
    }
    number = {n.kenmerk: i for i, n in enumerate(archive.notes)}
    pairs = [(number[a], number[b]) for a, b in made.pairs]
    out["copies"] = len(pairs)
    out["copies_first_both_ways"] = sum(1 for a, b in pairs if result[a][0][0] == b and result[b][0][0] == a)
    out["copy_similarity_min"] = min((min(result[a][0][1], result[b][0][1]) for a, b in pairs), default=0.0)
    others = [r[0][1] for i, r in enumerate(result) if r and i not in {x for p in pairs for x in p}]
    out["best_other_max"] = max(others, default=0.0)
    if check:
        start = time.perf_counter()
        full = similar.most_similar(stats, top_terms=10**9)
        out["untruncated_s"] = time.perf_counter() - start
        found = sum(len({j for j, _ in a} & {j for j, _ in b}) for a, b in zip(result, full))
        out["recall_vs_untruncated"] = found / max(1, sum(len(b) for b in full))
    return out
