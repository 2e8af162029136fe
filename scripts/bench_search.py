"""Benchmark of our search against Material's built-in search, on synthetic notes.

For every N in --aantal it generates N synthetic notes (scripts/synth.py), builds the site
twice from the same content and configuration (INHERIT of the real mkdocs.yml):

* ours: the kamervragen plugin with its split lunr index (no Material search plugin);
* Material: Material's `search` plugin (lang nl) and our plugin with `search: false`;

and measures the build (wall time and peak RSS of `mkdocs build` as a subprocess), the site
and its search data (raw and gzip), an incremental rebuild of ours after one note changes
(against a cold build without the term cache), and, in headless Chromium served over
loopback with gzip (bench/server.py, as GitHub Pages would), the bytes of a page view
without a search and the time from the input event to the first rendered result for a
two-word query, the corpus' most common words, and the stop word "de" (typed after the page
view has gone quiet), plus the time from opening the page to the first result when the
two words are typed right at the load event (what a visitor who searches at once waits;
Material builds its whole index in the browser first). --latentie adds a delay per request.

It prints figures, not verdicts: nothing here fails when a target is missed.

    .venv/bin/python scripts/bench_search.py --aantal 1000 10000 --herhalingen 5

Everything generated goes below --map (default /tmp/kvbench), removed afterwards unless
--houd is given. Builds run without -q so the plugin's INFO line (sets re-analysed) can be
read; both systems get the same verbosity.

This is the command line; the work is done in scripts/bench/ (search.py per N, queries.py,
browser.py, server.py, search_report.py).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
VENV = SCRIPTS.parent / ".venv"


def _ensure_environment() -> None:
    """Run under the project's venv (re-exec once if started with another Python)."""
    try:
        import kamervragen.analysis.terms  # noqa: F401
        import playwright.sync_api  # noqa: F401
        import wordfreq  # noqa: F401
    except ImportError as err:
        venv_python = VENV / "bin" / "python"
        if venv_python.exists() and not os.environ.get("KVBENCH_HERSTART"):
            os.environ["KVBENCH_HERSTART"] = "1"
            os.execv(str(venv_python), [str(venv_python), str(Path(__file__).resolve()), *sys.argv[1:]])
        sys.exit(f"bench_search: {err}. Installeer eerst met `bash scripts/setup.sh` "
                 f"en draai met {venv_python}.")


_ensure_environment()

sys.path.insert(0, str(SCRIPTS))
from bench import browser, builds, search, search_report  # noqa: E402
from bench.report import log  # noqa: E402


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="bench_search.py", add_help=False,
        description=(
            "Meet onze zoekfunctie tegenover de ingebouwde zoekfunctie van Material for MkDocs, op\n"
            "synthetische notities: bouwtijd en piekgeheugen, grootte van site en zoekdata, een\n"
            "incrementele bouw, en in headless Chromium de bytes van een paginaweergave en de tijd\n"
            "tot het eerste zoekresultaat. Drukt cijfers af; er wordt niets goed- of afgekeurd."),
        epilog=("Voorbeeld: .venv/bin/python scripts/bench_search.py --aantal 1000 10000 --herhalingen 5\n"
                "Reken voor 1000 en 10.000 notities op zo'n 20 à 30 minuten op 2 cores: bij 10.000 duurt elke\n"
                "bouw enkele minuten en Material's zoekindex in de browser ruim een minuut per paginaweergave\n"
                "(dan één herhaling voor Material). Met --geen-material gaat het veel sneller."),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    parser.add_argument("--aantal", type=int, nargs="+", default=[1000, 10_000], metavar="N",
                        help="aantallen notities om te meten (standaard: 1000 10000)")
    parser.add_argument("--herhalingen", type=int, default=5, metavar="K",
                        help="aantal verse paginaweergaven per meting; de mediaan telt (standaard: 5)")
    parser.add_argument("--bytes", type=int, default=10_000,
                        help="ongeveer zoveel bytes tekst per notitie (standaard: 10000)")
    parser.add_argument("--seed", type=int, default=1, help="startwaarde van de generator (standaard: 1)")
    parser.add_argument("--map", type=Path, default=Path("/tmp/kvbench"),
                        help="werkmap voor notities en sites (standaard: /tmp/kvbench)")
    parser.add_argument("--houd", action="store_true",
                        help="laat de werkmap (notities, sites, bouwlogs, verzoeklogs) na afloop staan")
    parser.add_argument("--woorden", metavar="'W1 W2'",
                        help="zoekvraag van twee woorden (standaard: gekozen uit de zoekdata, middelfrequent)")
    parser.add_argument("--gewone-woorden", metavar="'W1 W2 W3'",
                        help="zoekvraag met de meest voorkomende woorden (standaard: de drie termen in de "
                             "meeste sets)")
    parser.add_argument("--timeout", type=float, default=60,
                        help="maximale wachttijd in seconden per meting van onze zoekfunctie (standaard: 60)")
    parser.add_argument("--material-timeout", type=float, default=180,
                        help="maximale wachttijd in seconden per meting van Material (standaard: 180)")
    parser.add_argument("--latentie", type=float, default=0, metavar="MS",
                        help="voeg per verzoek zoveel ms vertraging toe (netwerkemulatie van Chromium), om een "
                             "echte verbinding na te bootsen; standaard 0 (loopback)")
    parser.add_argument("--geen-material", action="store_true", help="bouw en meet alleen onze site")
    parser.add_argument("--geen-browser", action="store_true", help="sla de metingen in Chromium over")
    parser.add_argument("--chromium", default="/usr/bin/chromium", help="pad naar Chromium (standaard: /usr/bin/chromium)")
    parser.add_argument("--json", type=Path, metavar="BESTAND", help="schrijf alle ruwe meetwaarden ook als JSON")
    parser.add_argument("--uitgebreid", action="store_true", help="toon ook de opgevraagde bestanden per meting")
    args = parser.parse_args(argv)
    if any(n < 10 for n in args.aantal):
        parser.error("--aantal: minstens 10 notities")
    if args.herhalingen < 1:
        parser.error("--herhalingen: minstens 1")
    if not args.geen_browser and not Path(args.chromium).exists():
        parser.error(f"Chromium niet gevonden op {args.chromium} (gebruik --chromium of --geen-browser)")
    args.map = args.map.resolve()
    if problem := builds.workdir_problem(args.map):
        parser.error(problem)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    created = not args.map.exists()
    args.map.mkdir(parents=True, exist_ok=True)
    try:
        results, code = builds.run_each(args.aantal, lambda n: search.run_n(args, n))
    finally:
        if args.houd:
            log(f"werkmap bewaard: {args.map}")
        else:
            for n in args.aantal:
                shutil.rmtree(args.map / f"n{n}", ignore_errors=True)
            if created:
                shutil.rmtree(args.map, ignore_errors=True)
    if results:
        print(search_report.report(results, args, browser.version(args.chromium) if not args.geen_browser else "zonder browser"))
        if args.json:
            args.json.write_text(json.dumps(search_report.to_json(results), indent=1, ensure_ascii=False), encoding="utf-8")
            log(f"ruwe meetwaarden: {args.json}")
    return code


if __name__ == "__main__":
    sys.exit(main())
