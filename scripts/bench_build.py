"""Build benchmark: our site against bare MkDocs + Material on the same synthetic notes.

For every N it generates N synthetic notes (scripts/synth.py, marked `synthetisch: true`;
kept below --map and reused) and builds, interleaved in one run:

* kaal: bare MkDocs + Material on the same text (each note a page, nav trimmed to the home
  page, no plugin, same theme options and Markdown extensions as mkdocs.yml);
* ons, koud: our public build without caches (.cache/ and site/ removed);
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
"""

from __future__ import annotations

import argparse
import datetime as dt
import filecmp
import json
import os
import platform
import shutil
import statistics
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import corpus  # noqa: E402
from bench.builds import MKDOCS, REPO, Build, folder_size, mkdocs_build, run_each  # noqa: E402
from bench.report import fmt_ratio, log, table  # noqa: E402

SITE_URL = "https://kamervragen.example.org/"
KINDS = {"kaal": "kaal (MkDocs + Material)", "koud": "ons, koud", "wijziging": "ons, na 1 wijziging",
         "intern": "intern, koud"}
# Issue 13's targets: (N they hold at, kind, measure, limit, how the limit reads).
TARGETS = [
    (10_000, "koud", "tijd", 1.5, "≤ 1.5× kaal"),
    (10_000, "koud", "piek", 1000.0, "≤ 1.0 GB"),
    (10_000, "koud", "site", 1.3, "≤ 1.3× kaal"),
    (10_000, "wijziging", "tijd", 0.25, "≤ 0.25× kaal"),
    (50_000, "koud", "tijd_abs", 600.0, "≤ 10 min"),
    (50_000, "koud", "piek", 4000.0, "≤ 4 GB"),
]


@dataclass
class Measured:
    build: Build
    site_bytes: int
    site_files: int


@dataclass
class Result:
    n: int
    runs: dict[str, list[Measured]] = field(default_factory=dict)
    changed: str = ""
    note_bytes: float = 0  # average size of a note file
    identical: str | None = None  # outcome of --vergelijk
    plugin_lines: list[str] = field(default_factory=list)

    def median(self, kind: str, attr: str) -> float | None:
        values = [_value(m, attr) for m in self.runs.get(kind, [])]
        return statistics.median(values) if values else None


def _value(m: Measured, attr: str) -> float:
    return {"tijd": m.build.seconds, "cpu": m.build.cpu_seconds, "piek": m.build.peak_mb,
            "site": m.site_bytes / 1e6, "bestanden": m.site_files}[attr]


class _TaggedLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV` values as absent: only theme and Markdown options are copied."""


_TaggedLoader.add_constructor("!ENV", lambda loader, node: None)


def write_configs(folder: Path, notes: Path) -> dict[str, Path]:
    """mkdocs.yml per build: bare (own docs, real theme options), ours and staff (INHERIT)."""
    real = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TaggedLoader)
    bare = folder / "kaal"
    corpus.bare_docs(notes, bare / "docs")
    bare_config = {"site_name": "Kamervragen (kaal)", "site_url": SITE_URL, "docs_dir": "docs", "site_dir": "site",
                   "theme": real["theme"], "plugins": [], "markdown_extensions": real["markdown_extensions"],
                   "nav": [{"Home": "index.md"}]}
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(bare_config, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    return {"kaal": bare / "mkdocs.yml",
            "ons": our_config(folder / "ons" / "mkdocs.yml", "mkdocs.yml", notes),
            "intern": our_config(folder / "intern" / "mkdocs.yml", "mkdocs.intern.yml", notes)}


def our_config(path: Path, parent: str, notes: Path, site: str = "site", cache: str | None = None) -> Path:
    """A config INHERITing the project's `parent`, on the synthetic notes, next to its site folder."""
    q = json.dumps  # a JSON string is a valid YAML scalar, whatever the path holds
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"INHERIT: {q(str(REPO / parent))}", f"docs_dir: {q(str(REPO / 'docs'))}",
             f"site_dir: {q(str(path.parent / site))}", "plugins:", "  kamervragen:",
             f"    notes_dir: {q(str(notes))}", f"    themes_file: {q(str(notes / 'themas.yml'))}"]
    if cache:
        lines.append(f"    cache_dir: {q(cache)}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _clean(config: Path, cache: bool) -> None:
    shutil.rmtree(config.parent / "site", ignore_errors=True)
    if cache:
        shutil.rmtree(config.parent / ".cache", ignore_errors=True)


def _measure(config: Path, label: str, site: Path | None = None) -> Measured:
    built = mkdocs_build(config, label, env={"SITE_URL": SITE_URL})
    size, files = folder_size(site or config.parent / "site")
    log(f"   {label}: {built.seconds:.1f} s (cpu {built.cpu_seconds:.1f} s), piek {built.peak_mb:.0f} MB, "
        f"site {size / 1e6:.1f} MB in {files} bestanden")
    return Measured(built, size, files)


def compare_sites(a: Path, b: Path) -> str:
    """'identiek (N bestanden)' or what differs: missing, extra and changed files (a few named)."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    changed = sorted(f for f in files_a & files_b if not filecmp.cmp(a / f, b / f, shallow=False))
    only_a, only_b = sorted(files_a - files_b), sorted(files_b - files_a)
    if not (changed or only_a or only_b):
        return f"identiek ({len(files_a)} bestanden)"
    return (f"VERSCHILLEN: {len(changed)} gewijzigd {changed[:5]}, {len(only_a)} alleen warm {only_a[:5]}, "
            f"{len(only_b)} alleen koud {only_b[:5]}")


def run_n(args: argparse.Namespace, n: int) -> Result:
    result = Result(n)
    folder = args.map / (f"n{n}-gedeeld" if args.gedeelde_termen else f"n{n}")
    log(f"N={n}: notities in {folder} (gegenereerd als ze er nog niet zijn)")
    notes = corpus.notes(folder, n, seed=args.seed, target_bytes=args.bytes, shared_terms=args.gedeelde_termen,
                         fresh=args.opnieuw)
    configs = write_configs(folder, notes)
    files = corpus.note_files(notes)
    result.note_bytes = sum(p.stat().st_size for p in files) / len(files)
    changed = files[len(files) // 2]
    result.changed = changed.relative_to(notes).as_posix()
    original = changed.read_bytes()
    try:
        for r in range(1, args.rondes + 1):
            log(f"N={n}: ronde {r}/{args.rondes}")
            if "kaal" in args.bouwen:
                _clean(configs["kaal"], cache=True)
                result.runs.setdefault("kaal", []).append(_measure(configs["kaal"], "kaal"))
            if "koud" in args.bouwen:
                _clean(configs["ons"], cache=True)
                result.runs.setdefault("koud", []).append(_measure(configs["ons"], "koud"))
            if "wijziging" in args.bouwen:
                corpus.change_one(changed, f"ronde {r}")
                _clean(configs["ons"], cache=False)  # as in CI: only .cache/ is restored
                result.runs.setdefault("wijziging", []).append(_measure(configs["ons"], "wijziging"))
                result.plugin_lines = [line.split("kamervragen:", 1)[1].strip()
                                       for line in result.runs["wijziging"][-1].build.log.splitlines()
                                       if "kamervragen:" in line]
            if args.vergelijk and r == args.rondes and "wijziging" in args.bouwen:
                cold = our_config(configs["ons"].parent / "vergelijking.yml", "mkdocs.yml", notes, "site-koud",
                                  ".cache-vergelijking")
                shutil.rmtree(cold.parent / "site-koud", ignore_errors=True)
                shutil.rmtree(cold.parent / ".cache-vergelijking", ignore_errors=True)
                log(f"N={n}: dezelfde notities koud bouwen ter vergelijking")
                mkdocs_build(cold, "vergelijking", env={"SITE_URL": SITE_URL})
                result.identical = compare_sites(cold.parent / "site", cold.parent / "site-koud")
                log(f"   warm tegenover koud: {result.identical}")
            changed.write_bytes(original)
            if "intern" in args.bouwen:
                _clean(configs["intern"], cache=True)
                result.runs.setdefault("intern", []).append(_measure(configs["intern"], "intern"))
    finally:
        changed.write_bytes(original)
    return result


def report(results: list[Result], args: argparse.Namespace, load: tuple[str, str]) -> str:
    out = [f"Bouwbenchmark — {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, Python "
           f"{platform.python_version()}; synthetische notities van ~{args.bytes} bytes tekst, seed {args.seed}"
           + ("; elke term in minstens twee sets (tweelingnotities)" if args.gedeelde_termen else "")
           + f"; mediaan van {args.rondes} ronde(s), bouwsoorten om en om.",
           f"Belasting van de machine (1/5/15 min): bij de start {load[0]}, aan het eind {load[1]}.", ""]
    rows = []
    for res in results:
        for kind, label in KINDS.items():
            if kind not in res.runs:
                continue
            t, cpu, peak, site = (res.median(kind, a) for a in ("tijd", "cpu", "piek", "site"))
            bare = {a: res.median("kaal", a) for a in ("tijd", "cpu", "piek", "site")}
            rows.append([f"{res.n:,}".replace(",", "."), label, f"{t:.1f}", fmt_ratio(t, bare["tijd"], 2),
                         f"{cpu:.1f}", fmt_ratio(cpu, bare["cpu"], 2), f"{peak:.0f}", fmt_ratio(peak, bare["piek"], 2),
                         f"{site:.1f}", fmt_ratio(site, bare["site"], 2), f"{res.median(kind, 'bestanden'):.0f}"])
    out.append(table(["N", "bouw", "tijd s", "× kaal", "cpu s", "× kaal", "piek MB", "× kaal", "site MB", "× kaal",
                      "bestanden"], rows))
    goal_rows = []
    for res in results:
        for at, kind, measure, limit, reads in TARGETS:
            if res.n != at:
                continue
            bare = res.median("kaal", "tijd" if measure == "tijd_abs" else measure)
            value = res.median(kind, "tijd" if measure == "tijd_abs" else measure)
            ratio = measure in ("tijd", "site")
            if value is None or (ratio and bare is None):
                continue
            shown = fmt_ratio(value, bare, 2) if ratio else (f"{value:.0f} s" if measure == "tijd_abs"
                                                              else f"{value:.0f} MB")
            score = value / bare if ratio and bare else value
            verdict = "gehaald" if score <= limit else f"gemist met {score / limit - 1:.0%}"
            goal_rows.append([f"{res.n:,}".replace(",", "."), KINDS[kind], measure.replace("_abs", ""), shown,
                              reads, verdict])
    if goal_rows:
        out += ["", "Doelen uit issue 13:", table(["N", "bouw", "maat", "ons", "doel", ""], goal_rows, right={3})]
    out.append("")
    for res in results:
        out.append(f"N={res.n}: notities van gemiddeld {res.note_bytes / 1000:.1f} KB; gewijzigde notitie "
                   f"{res.changed}; meldingen van de plugin bij 'na 1 wijziging': " + ("; ".join(res.plugin_lines) or "geen"))
        if res.identical:
            out.append(f"N={res.n}: site na 1 wijziging (warme caches) tegenover koud gebouwd: {res.identical}")
        codes = {m.build.code for ms in res.runs.values() for m in ms}
        if len(codes) > 1:
            out.append(f"LET OP, N={res.n}: de plugincode veranderde tijdens de meting ({sorted(codes)}); "
                       "de builds zijn dan niet vergelijkbaar.")
    out.append("")
    out.append("Toelichting: tijd = wandkloktijd van `mkdocs build`; cpu = user + system van het bouwproces en "
               "zijn kinderen (op een gedeelde, drukke machine de eerlijkere vergelijking); piek = hoogste geheugengebruik (RSS) van het bouwproces met al zijn "
               "subprocessen; site = bytes in de uitvoermap. 1 MB = 1000 KB.")
    return "\n".join(out)


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
    if not MKDOCS.exists():
        parser.error(f"{MKDOCS} ontbreekt; installeer eerst met `bash scripts/setup.sh`")
    args.map = args.map.resolve()
    if args.map in (Path("/"), Path.home(), REPO) or REPO in args.map.parents:
        parser.error(f"--map {args.map}: kies een aparte werkmap buiten de repository")
    return args


def _load() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    start_load = _load()
    results, code = run_each(args.aantal, lambda n: run_n(args, n))
    if results:
        print(report(results, args, (start_load, _load())))
        if args.json:
            args.json.write_text(json.dumps([{"n": r.n, "changed": r.changed, "identical": r.identical,
                                              "runs": {k: [{"seconds": m.build.seconds, "cpu": m.build.cpu_seconds,
                                                            "peak_mb": m.build.peak_mb, "site_bytes": m.site_bytes,
                                                            "files": m.site_files} for m in ms]
                                                       for k, ms in r.runs.items()}} for r in results], indent=1))
    return code


if __name__ == "__main__":
    sys.exit(main())
