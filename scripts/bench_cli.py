"""Startup time of the staff command line: `kamervragen check` runs before every commit.

Runs each command --keer times, interleaved (so a busy shared machine slows all alike), in the
folder it is started from (the repository root: its notes/ and mkdocs.yml), and prints the
median wall and CPU time of each, and each median over the bare interpreter's:

    .venv/bin/python scripts/bench_cli.py
    .venv/bin/python scripts/bench_cli.py --vergelijk ../andere-checkout/plugins

--vergelijk runs `check` a second time from another checkout's package folder (PYTHONPATH goes
before this checkout's editable install), for a before/after in one run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path


def _timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run (the child's user + system time)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, env=env, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keer", type=int, default=7, help="runs of each command")
    parser.add_argument("--vergelijk", type=Path, help="the plugins/ folder of another checkout")
    args = parser.parse_args()
    python = sys.executable
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    cases: dict[str, tuple[list[str], dict[str, str]]] = {
        "python -c pass": ([python, "-c", "pass"], env),
        "check": ([python, "-m", "kamervragen.cli", "check"], env),
        "check --mkdocs mkdocs.yml": ([python, "-m", "kamervragen.cli", "check", "--mkdocs", "mkdocs.yml"], env),
    }
    if args.vergelijk:
        cases[f"check ({args.vergelijk})"] = ([python, "-m", "kamervragen.cli", "check"],
                                              {**env, "PYTHONPATH": str(args.vergelijk.resolve())})
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for _ in range(args.keer):
        for name, (command, case_env) in cases.items():
            times[name].append(_timed(command, case_env))
    floor = statistics.median(wall for wall, _ in times["python -c pass"])
    print(f"{'opdracht':<44} {'wand (s)':>9} {'cpu (s)':>8} {'x python':>9}   mediaan van {args.keer}")
    for name, runs in times.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{name:<44} {wall:9.3f} {cpu:8.3f} {wall / floor:9.1f}")


if __name__ == "__main__":
    main()
