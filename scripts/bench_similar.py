"""Benchmark of similar sets (kamervragen.analysis.similar) on synthetic notes.

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
--opnieuw generates them again. The measuring is in scripts/bench/similar.py; this is the
command line and the printed figures.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
sys.path.insert(0, str(SCRIPTS))
sys.path.insert(0, str(SCRIPTS.parent / "plugins"))
from bench import similar  # noqa: E402


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
        print(json.dumps(similar.run_one(args.een, args.map, args.seed, args.duplicaten, args.herhalingen,
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
