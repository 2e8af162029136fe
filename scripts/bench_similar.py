"""Benchmark of similar sets (kamervragen.similar) on synthetic notes.

For every N in --aantal it generates N synthetic notes (scripts/synth.py) below --map, loads
them as the public archive, analyses each set as the search index does (records.documents,
records.field_terms) and times `similar.most_similar` on those statistics. Each N runs in a
fresh Python process, so its peak memory (getrusage's ru_maxrss) is its own; the peak is
printed after the analysis and after the similar sets, and tracemalloc's peak of the
similar-sets call alone (numpy and scipy report their buffers to it) in a separate run.

Quality: --duplicaten D copies D of the notes (another kenmerk, 2099Z9xxxx, and about one
word in forty changed) and counts the pairs where each is the other's first similar set.
With --controle it also compares with the untruncated vectors (every shared term kept):
the share of each set's top five that the truncated computation finds too. Synthetic text
is random, so apart from the copies every neighbour is noise (similarities of a few
hundredths) and that overlap says little; the copies are the real test.

It prints figures, not verdicts. Wall time is printed with the process's CPU time, which a
machine shared with other work stretches less.

    .venv/bin/python scripts/bench_similar.py --aantal 1000 10000

Generated notes are kept (reused when the folder already holds N notes of the same seed);
--opnieuw generates them again.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
REPO = SCRIPTS.parent
sys.path.insert(0, str(SCRIPTS))
sys.path.insert(0, str(REPO / "plugins"))


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def near_duplicate(text: str, kenmerk: str, rng: random.Random) -> str:
    """A copy of a note with another kenmerk and about one body word in forty changed."""
    head, body = text.split("\n---\n", 1)
    words = body.split(" ")
    for i in range(rng.randrange(40), len(words), 40):
        if words[i].isalpha() and not words[i - 1].endswith("#"):  # not a heading's word
            words[i] = rng.choice(["gewijzigd", "anders", "aangepast", "herzien"])
    head = re.sub(r"^kenmerk: .*$", f"kenmerk: {kenmerk}", head, count=1, flags=re.M)
    return head + "\n---\n" + " ".join(words)


def _notes(root: Path, count: int, seed: int, copies: int, again: bool) -> tuple[Path, float | None]:
    """The notes folder for N, generated unless a matching one is there; generation seconds."""
    import synth

    folder = root / f"n{count}"
    stamp = folder / "synth.json"
    wanted = {"count": count, "seed": seed, "copies": copies}
    if not again and stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return folder, None
    start = time.perf_counter()
    synth.generate(folder, count, seed=seed)
    rng = random.Random(seed)
    sources = sorted((folder / "notes").rglob("*.md"))
    pairs = []
    for n, source in enumerate(rng.sample(sources, min(copies, len(sources)))):
        kenmerk = f"2099Z9{n:04d}"
        original = re.search(r"^kenmerk: (\S+)$", source.read_text(encoding="utf-8"), re.M).group(1)
        target = folder / "notes" / "2099" / f"{kenmerk}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(near_duplicate(source.read_text(encoding="utf-8"), kenmerk, rng), encoding="utf-8")
        pairs.append([original, kenmerk])
    (folder / "pairs.json").write_text(json.dumps(pairs))
    stamp.write_text(json.dumps(wanted))
    return folder, time.perf_counter() - start


def run_one(count: int, root: Path, seed: int, copies: int, repeats: int, again: bool, check: bool) -> dict:
    """Everything for one N, in this process."""
    from kamervragen.audience import PUBLIC
    from kamervragen import model
    from kamervragen.analysis import records
    from kamervragen.analysis import similar

    folder, generated = _notes(root, count, seed, copies, again)
    start = time.perf_counter()
    archive, problems = model.load_archive(folder / "notes", folder / "notes" / "themas.yml", PUBLIC)
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
        "generated_s": generated,
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
    pairs = [(number[a], number[b]) for a, b in json.loads((folder / "pairs.json").read_text())]
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


def main() -> None:
    parser = argparse.ArgumentParser(description="Meet de vergelijkbare sets op synthetische notities.")
    parser.add_argument("--aantal", type=int, nargs="+", default=[1000, 10000], help="aantallen notities")
    parser.add_argument("--map", type=Path, default=Path("/tmp/simbench"), help="map voor de notities")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--duplicaten", type=int, default=20, help="zoveel bijna-kopieën erbij")
    parser.add_argument("--herhalingen", type=int, default=3, help="metingen van most_similar per N")
    parser.add_argument("--opnieuw", action="store_true", help="notities opnieuw genereren")
    parser.add_argument("--controle", action="store_true", help="vergelijk met onafgekapte vectoren")
    parser.add_argument("--een", type=int, help=argparse.SUPPRESS)  # one N, in this process
    args = parser.parse_args()
    if args.een is not None:
        print(json.dumps(run_one(args.een, args.map, args.seed, args.duplicaten, args.herhalingen,
                                 args.opnieuw, args.controle)))
        return
    print(f"python {sys.version.split()[0]}, map {args.map}")
    for count in args.aantal:
        cmd = [sys.executable, __file__, "--een", str(count), "--map", str(args.map), "--seed", str(args.seed),
               "--duplicaten", str(args.duplicaten), "--herhalingen", str(args.herhalingen),
               *(["--opnieuw"] if args.opnieuw else []), *(["--controle"] if args.controle else [])]
        done = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if done.returncode:
            sys.exit(done.stderr)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        gen = f"{r['generated_s']:.1f} s" if r["generated_s"] is not None else "hergebruikt"
        print(f"\nN = {count} (+ {r['copies']} bijna-kopieën = {r['sets']} sets): genereren {gen}, "
              f"laden {r['load_s']:.1f} s, analyse {r['analysis_s']:.1f} s "
              f"({r['postings']:,} termen per set en veld, {r['kept_terms']:,} bewaard)")
        print(f"  most_similar: {min(r['similar_s']):.3f} s beste, {statistics.median(r['similar_s']):.3f} s mediaan "
              f"van {len(r['similar_s'])} (processortijd {min(r['similar_cpu_s']):.3f} s beste; "
              f"een drukke machine rekt de kloktijd)")
        print(f"  piekgeheugen (ru_maxrss): {r['peak_rss_before_mib']:.0f} MiB na analyse, "
              f"{r['peak_rss_after_mib']:.0f} MiB na most_similar; tracemalloc-piek van de aanroep "
              f"{r['traced_peak_mib']:.0f} MiB")
        print(f"  sets met resultaat: {r['with_results']}, gemiddelde beste gelijkenis {r['mean_top1']:.3f}")
        print(f"  bijna-kopieën: {r['copies_first_both_ways']} van {r['copies']} paren elkaars eerste "
              f"(gelijkenis minstens {r['copy_similarity_min']:.3f}; beste buur van de overige sets hoogstens "
              f"{r['best_other_max']:.3f})")
        if "recall_vs_untruncated" in r:
            print(f"  onafgekapt: {r['untruncated_s']:.3f} s; overlap top 5 met onafgekapt "
                  f"{100 * r['recall_vs_untruncated']:.1f}%")


if __name__ == "__main__":
    main()
