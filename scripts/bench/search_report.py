"""The search benchmark's printed report: a table per N and system, ratios Material / ours,
the incremental build, the issue's targets for ours, and the raw figures as JSON."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict

from .browser import Load
from .report import fmt_bytes, fmt_ms, fmt_num, fmt_ratio, machine, median, table
from .search import KINDS, Result

# Targets from the issue, for ours at 10,000 notes.
TARGET_FIRST_MS = 300
TARGET_FIRST_BYTES = 500_000
TARGET_COMMON_MS = 1000
TARGET_PAGEVIEW_SEARCH_BYTES = 0


def ms_of(loads: list[Load]) -> float | None:
    return median([x.ms for x in loads if x.ms is not None])


def value_of(loads: list[Load], attr: str) -> float | None:
    return median([getattr(x, attr) for x in loads if not x.error and getattr(x, attr) is not None])


def report(results: list[Result], args: argparse.Namespace, chromium_version: str) -> str:
    out: list[str] = []
    out.append(f"{machine('Zoekbenchmark')}, {chromium_version}; notities van ~{args.bytes} bytes tekst, "
               f"seed {args.seed}; mediaan van {args.herhalingen} verse paginaweergaven (lege cache)"
               + (f"; {args.latentie:.0f} ms extra latentie per verzoek." if args.latentie else "; loopback."))
    out.append("")
    rows = []
    for res in results:
        for system in ("ours", "material"):
            if system not in res.builds:
                continue
            b = res.builds[system]
            runs = res.search.get(system)
            rows.append([
                str(res.n), "ons" if system == "ours" else "Material",
                f"{b.seconds:.1f}", f"{b.peak_mb:.0f}", f"{res.site_bytes[system] / 1e6:.1f}",
                f"{fmt_bytes(res.search_raw[system])} / {fmt_bytes(res.search_gz[system])}",
                (f"{fmt_bytes(value_of(runs.pair, 'pageview_bytes'))} "
                 f"({fmt_bytes(value_of(runs.pair, 'pageview_search_bytes'))})") if runs else "—",
                fmt_ms(ms_of(runs.pair)) if runs else "—",
                fmt_ms(value_of(runs.direct, "since_open_ms")) if runs and runs.direct else "—",
                fmt_bytes(value_of(runs.pair, "bytes_to_first")) if runs else "—",
                fmt_ms(ms_of(runs.common)) if runs and runs.common else "—",
                fmt_ms(ms_of(runs.stop)) if runs and runs.stop else "—",
                fmt_num(value_of(runs.pair, "heap_mb")) if runs else "—",
            ])
    out.append(table(["N", "systeem", "bouw s", "piek MB", "site MB", "zoekdata ruw / gz",
                      "paginaweergave gz (zoekdata)", "1e res. na invoer", "1e res. vanaf openen",
                      "zoekbytes tot 1e res. gz",
                      "gewone woorden", "\"de\"", "heap MB"], rows))
    ratio_rows = []
    for res in results:
        if "material" not in res.builds:
            continue
        ours, mat = res.search.get("ours"), res.search.get("material")
        ratio_rows.append([str(res.n),
                           fmt_ratio(res.builds["material"].seconds, res.builds["ours"].seconds),
                           fmt_ratio(res.builds["material"].peak_mb, res.builds["ours"].peak_mb),
                           fmt_ratio(ms_of(mat.pair), ms_of(ours.pair)) if ours and mat else "—",
                           fmt_ratio(value_of(mat.direct, "since_open_ms"), value_of(ours.direct, "since_open_ms"))
                           if ours and mat else "—",
                           fmt_ratio(value_of(mat.pair, "bytes_to_first"), value_of(ours.pair, "bytes_to_first"))
                           if ours and mat else "—",
                           fmt_ratio(value_of(mat.pair, "heap_mb"), value_of(ours.pair, "heap_mb"))
                           if ours and mat else "—"])
    if ratio_rows:
        out += ["", "Verhoudingen Material / ons:"]
        out.append(table(["N", "bouwtijd", "piekgeheugen", "1e res. na invoer", "1e res. vanaf openen",
                          "zoekbytes tot 1e res.", "heap"], ratio_rows, right=set(range(1, 7))))
    out.append("")
    out.append("Incrementeel (ons): één notitie gewijzigd en opnieuw gebouwd, tegenover koud bouwen zonder "
               ".cache/kamervragen:")
    inc_rows = []
    for res in results:
        first, inc, cold = res.builds["ours"], res.incremental, res.cold
        inc_rows.append([str(res.n), f"{first.seconds:.1f} s ({first.reanalysed} sets)",
                         f"{inc.seconds:.1f} s ({inc.reanalysed} sets), piek {inc.peak_mb:.0f} MB" if inc else "—",
                         f"{cold.seconds:.1f} s ({cold.reanalysed} sets), piek {cold.peak_mb:.0f} MB" if cold else "—",
                         res.changed_note])
    out.append(table(["N", "eerste bouw (koud)", "na 1 wijziging", "koud, cache verwijderd", "gewijzigde notitie"],
                     inc_rows, right=set()))
    out.append("")
    out.append("Doelen uit het issue (voor ons, bij 10.000 notities):")
    goal_rows = []
    for res in results:
        runs = res.search.get("ours")
        if not runs:
            continue
        scope = "" if res.n == 10_000 else " (doel geldt bij 10.000)"
        for label, value, goal, shown in (
            ("1e resultaat na invoer, twee woorden", ms_of(runs.pair), TARGET_FIRST_MS, fmt_ms),
            ("bytes (gz) tot 1e resultaat, twee woorden", value_of(runs.pair, "bytes_to_first"),
             TARGET_FIRST_BYTES, fmt_bytes),
            ("1e resultaat, meest voorkomende woorden", ms_of(runs.common), TARGET_COMMON_MS, fmt_ms),
            ("zoekbytes bij paginaweergave zonder zoeken", value_of(runs.pair, "pageview_search_bytes"),
             TARGET_PAGEVIEW_SEARCH_BYTES, fmt_bytes),
        ):
            within = "—" if value is None else ("binnen doel" if value <= goal else "boven doel")
            goal_text = f"≤ {shown(goal)}" if goal else "0 B"
            goal_rows.append([str(res.n), label, shown(value), goal_text, within + scope])
    out.append(table(["N", "maat", "ons", "doel", ""], goal_rows, right={2, 3}))
    out.append("")
    for res in results:
        codes = {label: b.code for label, b in [*res.builds.items(), ("incrementeel", res.incremental),
                                                  ("koud", res.cold)] if b}
        if len(set(codes.values())) > 1:
            out.append(f"LET OP, N={res.n}: de plugincode veranderde tijdens de meting (vingerafdruk per bouw: "
                       f"{codes}); builds en de incrementele meting zijn dan niet vergelijkbaar.")
        q = res.queries
        if q:
            out.append(f"N={res.n}: twee woorden {q.pair!r}, meest voorkomende woorden {q.common!r}, "
                       f"stopwoord {q.stop!r}; {json.dumps(q.info, ensure_ascii=False)}")
        for system, runs in res.search.items():
            if runs.note:
                out.append(f"N={res.n}: {runs.note}")
            errors = [f"{kind}: {x.error}" for kind in KINDS for x in getattr(runs, kind) if x.error]
            js = sorted({e for kind in KINDS for x in getattr(runs, kind) for e in x.js_errors})
            if errors:
                out.append(f"N={res.n} {system}: mislukte metingen: {errors}")
            if js:
                out.append(f"N={res.n} {system}: JavaScript-fouten: {js[:5]}")
    out.append("")
    out.append(
        "Toelichting: tijden in de browser lopen van de input-gebeurtenis (page.fill) tot het eerste "
        "resultaat in de DOM (ons: '#kv-results li', inclusief de korte wachttijd na het typen (debounce, 20 ms); Material: "
        "'.md-search-result__item', Material leest het veld bij keyup, dus na fill volgt een End-toets), "
        "gemeten met performance.now() in de pagina. Ons opent /zoeken/, Material de startpagina. "
        "'na invoer': getypt na networkidle (Material heeft zijn index dan al opgehaald en bouwt hem "
        "misschien al of nog); 'vanaf openen': getypt direct bij het load-event, gemeten vanaf het begin "
        "van de navigatie (wat een bezoeker merkt die meteen zoekt). 'gewone woorden' en '\"de\"' alleen "
        "voor ons. Bytes zijn gecomprimeerde body-bytes zoals de testserver ze "
        "verstuurde (zonder headers). 'zoekbytes tot 1e res.' = zoekdata van de paginaweergave (Material "
        "haalt search_index.json op elke pagina op) + alle bytes na de invoer. Heap = gebruikte JS-heap "
        "van pagina en workers (Material zoekt in een Web Worker), via CDP Runtime.getHeapUsage. "
        "Piek MB = maximale RSS van het mkdocs-proces. 1 KB = 1000 B, 1 MB = 1000 KB.")
    return "\n".join(out)


def to_json(results: list[Result]) -> list[dict]:
    data = []
    for res in results:
        d = asdict(res)
        for system, runs in res.search.items():
            for kind in KINDS:
                for i, load in enumerate(getattr(runs, kind)):
                    d["search"][system][kind][i]["bytes_to_first"] = load.bytes_to_first
        data.append(d)
    return data

