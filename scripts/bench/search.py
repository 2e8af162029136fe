"""The search benchmark for one N: our site against Material's search, built and searched.

Both sites are built from the same synthetic notes and configuration (INHERIT of the real
mkdocs.yml): ours with its split lunr index, Material's with its `search` plugin (lang nl) and
our plugin's search off. Each is served over loopback with gzip and searched in Chromium;
then ours is rebuilt after one note changes, and cold without its term cache.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from . import builds, corpus
from .browser import Chromium, Flow, Load, describe, launched
from .builds import BenchError
from .queries import Queries, choose_queries
from .report import log
from .server import Served, served_size

MATERIAL_SINGLE_RUN_S = 60  # above this, Material gets one repetition only
INDEX_LINE = re.compile(r"zoekindex geschreven \((\d+) bestanden, (\d+) sets opnieuw geanalyseerd\)")


def ours_flow(status_text: str | None = None) -> Flow:
    """Our search page; with `status_text`, the awaited status message instead of a result."""
    return Flow("ours", "zoeken/", "#kv-q", None if status_text else "#kv-results li", "#kv-status",
                ["Geen resultaten", "Zoeken lukt nu niet", *([] if status_text else ["Alleen veelvoorkomende"])],
                lambda p: "/search/" in p or "lunr" in p or "kv-search-core" in p)


MATERIAL_FLOW = Flow("material", "", "input.md-search__input", ".md-search-result__item", None, [],
                     lambda p: "/search/" in p or "/lunr/" in p or "/workers/search" in p,
                     # Material reads the field on keyup (fill only fires input): End changes nothing.
                     press_after_fill="End")


@dataclass
class Build:
    seconds: float
    peak_mb: float
    reanalysed: int | None = None
    files: int | None = None
    code: str = ""  # fingerprint of the plugin's code at the start of the build


def build(config: Path, label: str) -> Build:
    """`mkdocs build -f config`: wall time, peak memory, the plugin's line on the search index."""
    done = builds.mkdocs_build(config, label)
    found = INDEX_LINE.findall(done.log)
    files, reanalysed = (int(found[-1][0]), int(found[-1][1])) if found else (None, None)
    return Build(done.seconds, done.peak_mb, reanalysed, files, done.code)


@dataclass
class SearchRuns:
    pair: list[Load] = field(default_factory=list)
    common: list[Load] = field(default_factory=list)
    stop: list[Load] = field(default_factory=list)
    direct: list[Load] = field(default_factory=list)  # two words, typed at the load event
    note: str = ""


KINDS = ("pair", "common", "stop", "direct")


@dataclass
class Result:
    n: int
    builds: dict[str, Build] = field(default_factory=dict)
    site_bytes: dict[str, int] = field(default_factory=dict)
    search_raw: dict[str, int] = field(default_factory=dict)
    search_gz: dict[str, int] = field(default_factory=dict)
    search_files: dict[str, int] = field(default_factory=dict)
    incremental: Build | None = None
    cold: Build | None = None
    changed_note: str = ""
    queries: Queries | None = None
    search: dict[str, SearchRuns] = field(default_factory=dict)


def run_browser(args: argparse.Namespace, result: Result, sites: dict[str, Path], folder: Path) -> None:
    queries = result.queries
    assert queries is not None
    servers: dict[str, Served] = {}
    try:
        log("testservers starten (gzip van zoekdata en assets wordt vooraf berekend)")
        servers["ours"] = Served(sites["ours"], folder / "ours" / "requests.jsonl",
                                 ["search", "assets", "index.html", "zoeken/index.html"])
        if "material" in sites:
            servers["material"] = Served(sites["material"], folder / "material" / "requests.jsonl",
                                         ["search", "assets", "index.html"])
        with launched(args.chromium, args.latentie) as chromium:
            result.search["ours"] = run_ours(args, chromium, servers["ours"], queries)
            if "material" in servers:
                result.search["material"] = run_material(args, chromium, servers["material"], queries)
    finally:
        for served in servers.values():
            served.close()


def run_ours(args: argparse.Namespace, chromium: Chromium, served: Served, queries: Queries) -> SearchRuns:
    runs = SearchRuns()
    flow, stop_flow = ours_flow(), ours_flow("veelvoorkomende")
    log(f"ours: opwarmronde ({queries.pair!r}, niet meegeteld)")
    warm = chromium.load(served, flow, queries.pair, args.timeout)
    if warm.error:
        raise BenchError(f"onze zoekfunctie gaf geen resultaten voor {queries.pair!r}: {warm.error}")
    for r in range(args.herhalingen):
        for kind, query, fl, status in (("pair", queries.pair, flow, None),
                                        ("common", queries.common, flow, None),
                                        ("stop", queries.stop, stop_flow, "veelvoorkomende"),
                                        ("direct", queries.pair, flow, None)):
            load = chromium.load(served, fl, query, args.timeout, heap=kind == "pair", status_text=status,
                                 direct=kind == "direct")
            getattr(runs, kind).append(load)
            how = " (direct bij laden getypt)" if kind == "direct" else ""
            log(f"ours {r + 1}/{args.herhalingen} {query!r}{how}: {describe(load)}")
            if args.uitgebreid:
                log(f"   verzoeken na invoer: {load.query_paths}")
    return runs


def run_material(args: argparse.Namespace, chromium: Chromium, served: Served, queries: Queries) -> SearchRuns:
    runs = SearchRuns()
    log("material: opwarmronde (alleen paginaweergave, niet meegeteld)")
    chromium.visit(served.url, args.material_timeout)
    for r in range(args.herhalingen):
        slowest = 0.0
        for kind, direct in (("pair", False), ("direct", True)):
            load = chromium.load(served, MATERIAL_FLOW, queries.pair, args.material_timeout, heap=not direct,
                                 direct=direct)
            getattr(runs, kind).append(load)
            how = " (direct bij laden getypt)" if direct else ""
            log(f"material {r + 1}/{args.herhalingen} {queries.pair!r}{how}: {describe(load)}")
            if load.error:
                runs.note = f"Material: {load.error}; geen verdere herhalingen"
                break
            slowest = max(slowest, load.ms or 0, load.since_open_ms if direct and load.since_open_ms else 0)
        if runs.note:
            break
        if slowest > MATERIAL_SINGLE_RUN_S * 1000 and r + 1 < args.herhalingen:
            runs.note = (f"Material: {r + 1} herhaling(en) in plaats van {args.herhalingen}, want één meting "
                         f"duurde {slowest / 1000:.0f} s (> {MATERIAL_SINGLE_RUN_S} s)")
            break
    if runs.note:
        log(runs.note)
    return runs


def run_n(args: argparse.Namespace, n: int) -> Result:
    result = Result(n)
    folder = args.map / f"n{n}"
    if folder.exists():
        shutil.rmtree(folder)
    log(f"N={n}: {n} synthetische notities genereren ({args.bytes} bytes tekst elk) in {folder}")
    notes = corpus.notes(folder, n, seed=args.seed, target_bytes=args.bytes, fresh=True).notes
    configs = {"ours": builds.site_config(folder / "ours" / "mkdocs.yml", notes)}
    if not args.geen_material:
        configs["material"] = builds.site_config(folder / "material" / "mkdocs.yml", notes, material_search=True)
    sites = {system: config.parent / "site" for system, config in configs.items()}

    for system, config in configs.items():
        log(f"N={n}: bouwen {system}")
        result.builds[system] = b = build(config, system)
        log(f"   {b.seconds:.1f} s, piek {b.peak_mb:.0f} MB"
            + (f", {b.reanalysed} sets geanalyseerd" if b.reanalysed is not None else ""))
        result.site_bytes[system] = builds.folder_size(sites[system])[0]
    ours_search = [p for p in (sites["ours"] / "search").rglob("*") if p.is_file()]
    result.search_raw["ours"], result.search_gz["ours"], result.search_files["ours"] = served_size(ours_search)
    if "material" in sites:
        index = sites["material"] / "search" / "search_index.json"
        if not index.is_file():
            raise BenchError(f"Material's zoekindex ontbreekt: {index}")
        result.search_raw["material"], result.search_gz["material"], result.search_files["material"] = \
            served_size([index])

    result.queries = choose_queries(sites["ours"], notes, n, args.seed, args.woorden, args.gewone_woorden)
    log(f"N={n}: zoekvragen: twee woorden {result.queries.pair!r}, gewone woorden {result.queries.common!r}, "
        f"stopwoord {result.queries.stop!r}  ({json.dumps(result.queries.info, ensure_ascii=False)})")

    if not args.geen_browser:
        run_browser(args, result, sites, folder)

    # Incremental rebuild of ours: one note changes; then a cold build without the term cache.
    changed = corpus.middle_note(notes)
    result.changed_note = str(changed.relative_to(notes))
    corpus.change_one(changed, "bench_search, om een incrementele bouw te meten")
    log(f"N={n}: ours opnieuw bouwen na wijziging van {result.changed_note}")
    result.incremental = build(configs["ours"], "ours-incrementeel")
    if result.incremental.code != result.builds["ours"].code:
        log("   let op: de plugincode is sinds de eerste bouw veranderd; de cache telt dan niet")
    cache = configs["ours"].parent / ".cache" / "kamervragen"
    if not cache.is_dir():
        log(f"   let op: geen cachemap {cache} gevonden")
    shutil.rmtree(cache, ignore_errors=True)
    log(f"N={n}: ours koud bouwen (cachemap {cache} verwijderd)")
    result.cold = build(configs["ours"], "ours-koud")
    return result
