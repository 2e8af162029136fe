"""Build benchmark: our site against bare MkDocs + Material on the same synthetic notes.

For every N it generates N synthetic notes (scripts/synth.py, marked `synthetisch: true`;
kept below --map and reused) and builds, interleaved in one run:

* kaal: bare MkDocs + Material on the same text (each note a page, nav trimmed to the home
  page, no plugin, same theme options and Markdown extensions as mkdocs.yml);
* kaal-zoek: the same with Material's own search plugin, as MkDocs + Material builds when no
  plugins are set: the baseline issue 13 measured (its 401 MB bare site at 10,000 notes);
* ons, koud: our public build without caches (.cache/ and site/ set aside: moved out of the
  way and deleted after the last build, see bench/builds.py `set_aside`);
* ons, na 1 wijziging: our public build again after one note's answer text changed (caches
  of the cold build kept, as CI restores .cache/);
* intern, koud: our staff build without caches.

Each build is `mkdocs build` in a subprocess: wall time, CPU time, peak memory of its
process tree (see bench/builds.py) and the size of the site, each with its ratio to bare.
With --vergelijk the changed corpus is also built cold, and the two sites are compared file
by file: caches must never change the output.

It prints figures, not verdicts; the targets of issue 13 are printed beside them.

    .venv/bin/python scripts/bench_build.py 1000 10000
    .venv/bin/python scripts/bench_build.py 10000 --gedeelde-termen   # every term in >= 2 sets

This is the command line; the work is done in scripts/bench/ (build.py per N, builds.py,
corpus.py, build_report.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import build, build_report  # noqa: E402
from bench.build import KINDS  # noqa: E402
from bench.builds import delete_set_aside, run_each, workdir_problem  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench_build.py",
        description="Meet de bouw van de site tegenover kale MkDocs + Material op dezelfde synthetische notities.")
    parser.add_argument("aantal", type=int, nargs="+", metavar="N", help="aantallen notities")
    parser.add_argument("--rondes", type=int, default=1, help="aantal rondes; de mediaan telt (standaard 1)")
    parser.add_argument("--bouwen", type=lambda v: v.split(","), default=list(KINDS), metavar="SOORTEN",
                        help=f"welke builds, met komma's (standaard alle: {','.join(KINDS)}); "
                             "'wijziging' bouwt eerst 'koud'")
    parser.add_argument("--gedeelde-termen", action="store_true",
                        help="tweelingnotities: elke term staat in minstens twee sets")
    parser.add_argument("--vergelijk", action="store_true",
                        help="bouw de gewijzigde notities ook koud en vergelijk beide sites bestand voor bestand")
    parser.add_argument("--bytes", type=int, default=14_500,
                        help="tekstgrootte voor synth.py (standaard 14500: notities van ~11 KB, zoals in issue 13)")
    parser.add_argument("--seed", type=int, default=1, help="startwaarde van de generator")
    parser.add_argument("--map", type=Path, default=Path("/tmp/kvbuild"), help="werkmap (standaard /tmp/kvbuild)")
    parser.add_argument("--opnieuw", action="store_true", help="genereer de notities opnieuw, ook als ze er zijn")
    parser.add_argument("--json", type=Path, metavar="BESTAND", help="schrijf de meetwaarden ook als JSON")
    args = parser.parse_args(argv)
    if any(n < 10 for n in args.aantal):
        parser.error("aantal: minstens 10 notities")
    if unknown := set(args.bouwen) - KINDS.keys():
        parser.error(f"--bouwen: onbekend: {', '.join(sorted(unknown))}")
    if "wijziging" in args.bouwen and "koud" not in args.bouwen:
        args.bouwen.append("koud")
    if args.rondes < 1:
        parser.error("--rondes: minstens 1")
    args.map = args.map.resolve()
    if problem := workdir_problem(args.map):
        parser.error(problem)
    return args


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    start_load = _load()
    delete_set_aside(args.map)  # left by an interrupted run; before any build is timed
    results, code = run_each(args.aantal, lambda n: build.run_n(args, n))
    delete_set_aside(args.map)
    if results:
        print(build_report.report(results, args, (start_load, _load())))
        if args.json:
            args.json.write_text(json.dumps(build_report.to_json(results), indent=1))
    return code


if __name__ == "__main__":
    sys.exit(main())
