"""Benchmark of our search against Material's built-in search, on synthetic notes.

For every N in --aantal it generates N synthetic notes (scripts/synth.py), builds the site
twice from the same content and configuration (INHERIT of the real mkdocs.yml):

* ours: the kamervragen plugin with its split lunr index (no Material search plugin);
* Material: Material's `search` plugin (lang nl) and our plugin with `search: false`;

and measures the build (wall time and peak RSS of `mkdocs build` as a subprocess), the site
and its search data (raw and gzip), an incremental rebuild of ours after one note changes
(against a cold build without the term cache), and, in headless Chromium served over
loopback with gzip (scripts/bench_server.py, as GitHub Pages would), the bytes of a page view
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
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import select
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable

SCRIPTS = Path(__file__).resolve().parent
VENV = SCRIPTS.parent / ".venv"
SERVER = SCRIPTS / "bench_server.py"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


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

from kamervragen.analysis import terms as analysis  # noqa: E402
from playwright.sync_api import Browser, CDPSession, Error as PlaywrightError, sync_playwright  # noqa: E402

sys.path.insert(0, str(SCRIPTS))
import bench_server  # noqa: E402
import synth  # noqa: E402
from bench import builds  # noqa: E402
from bench.builds import MKDOCS, REPO, BenchError  # noqa: E402
from bench.report import fmt_bytes, fmt_ms, fmt_num, fmt_ratio, log, median, table  # noqa: E402

# Targets from the issue, for ours at 10,000 notes.
TARGET_FIRST_MS = 300
TARGET_FIRST_BYTES = 500_000
TARGET_COMMON_MS = 1000
TARGET_PAGEVIEW_SEARCH_BYTES = 0
MATERIAL_SINGLE_RUN_S = 60  # above this, Material gets one repetition only
INDEX_LINE = re.compile(r"zoekindex geschreven \((\d+) bestanden, (\d+) sets opnieuw geanalyseerd\)")


# --------------------------------------------------------------------------------------------
# Sites and builds
# --------------------------------------------------------------------------------------------

@dataclass
class Build:
    seconds: float
    peak_mb: float
    reanalysed: int | None = None
    files: int | None = None
    code: str = ""  # fingerprint of the plugin's code at the start of the build


def write_config(folder: Path, notes: Path, material: bool) -> Path:
    """mkdocs.yml INHERITing the real one, with the plugin pointed at the synthetic notes."""
    folder.mkdir(parents=True, exist_ok=True)
    q = json.dumps  # a JSON string is a valid YAML scalar, whatever the path holds
    lines = [f"INHERIT: {q(str(REPO / 'mkdocs.yml'))}",
             f"docs_dir: {q(str(REPO / 'docs'))}",
             f"site_dir: {q(str(folder / 'site'))}",
             "plugins:"]
    if material:
        lines += ["  - search:", "      lang: nl"]
    lines += ["  - kamervragen:",
              f"      notes_dir: {q(str(notes))}",
              f"      themes_file: {q(str(notes / 'themas.yml'))}"]
    if material:
        lines.append("      search: false")
    config = folder / "mkdocs.yml"
    config.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def build(config: Path, label: str) -> Build:
    """`mkdocs build -f config`: wall time, peak memory, the plugin's line on the search index."""
    done = builds.mkdocs_build(config, label)
    found = INDEX_LINE.findall(done.log)
    files, reanalysed = (int(found[-1][0]), int(found[-1][1])) if found else (None, None)
    return Build(done.seconds, done.peak_mb, reanalysed, files, done.code)


def folder_size(folder: Path) -> int:
    return builds.folder_size(folder)[0]


def search_data_size(paths: list[Path]) -> tuple[int, int, int]:
    """Raw bytes, gzip bytes (each file compressed on its own, as served) and file count."""
    raw = gz = count = 0
    for path in paths:
        data = path.read_bytes()
        raw += len(data)
        gz += len(bench_server.gzipped(data))
        count += 1
    return raw, gz, count


# --------------------------------------------------------------------------------------------
# Query words, from our built search data
# --------------------------------------------------------------------------------------------

@dataclass
class Queries:
    pair: str
    common: str
    stop: str = "de"
    info: dict[str, Any] = field(default_factory=dict)


WORD = re.compile(r"[a-zà-öø-ÿ]+")


def vocabulary_words(vocabulary: list[str]) -> dict[str, str]:
    """Index term -> the generator vocabulary's most frequent plain word with that stem."""
    found: dict[str, str] = {}
    for word in vocabulary:
        if WORD.fullmatch(word) and (t := analysis.term(word)) and t not in found:
            found[t] = word
    return found


def surface_words(terms: set[str], known: dict[str, str], notes: Path) -> dict[str, str]:
    """A typed word per index term: from `known`, else the first word in the notes with that
    stem (notes are read only until every term has one)."""
    found = {t: known[t] for t in terms if t in known}
    missing = terms - found.keys()
    if missing:
        for path in sorted(notes.rglob("*.md")):
            for token in analysis.tokenize(path.read_text(encoding="utf-8")):
                word = analysis.trim(token)
                if WORD.fullmatch(word) and (t := analysis.term(word)) in missing:
                    found[t] = word
                    missing.discard(t)
            if not missing:
                break
    return found


def choose_queries(site: Path, notes: Path, n: int, seed: int, pair: str | None, common: str | None) -> Queries:
    """Two mid-frequency words that occur together, and the three terms in most sets.

    Document frequencies come from our shards (a set counts once, title or text)."""
    shards = sorted((site / "search" / "shards").glob("*.json"))
    known = vocabulary_words(synth.Generator(seed).words)
    df: dict[str, int] = {}
    docs: dict[str, set[int]] = {}  # only for candidates of the two-word query
    lo, hi, aim = 0.05, 0.20, 0.10
    for shard in shards:
        for row in json.loads(shard.read_text(encoding="utf-8")):
            ids = set(row[2]).union(*row[4::2])  # a set per document, whichever field
            df[row[0]] = len(ids)
            if lo * n <= len(ids) <= hi * n and len(known.get(row[0], "")) >= 5:
                docs[row[0]] = ids
    info: dict[str, Any] = {"termen": len(df), "shards": len(shards)}
    alphabetic = [t for t in df if WORD.fullmatch(t)]
    top = sorted(alphabetic, key=lambda t: (-df[t], t))[:3]
    words = surface_words(set(top) | set(docs), known, notes)

    if common is None:
        if len(top) < 3 or any(t not in words for t in top):
            raise BenchError("geen drie veelvoorkomende woorden gevonden; geef ze met --gewone-woorden")
        common = " ".join(words[t] for t in top)
        info["gewone_woorden"] = {words[t]: {"term": t, "sets": df[t]} for t in top}
    if pair is None:
        candidates = sorted(docs,
                            key=lambda t: (abs(df[t] / n - aim), t))
        need = max(2, math.ceil(0.005 * n))
        for i, first in enumerate(candidates[:60]):
            second = next((t for t in candidates[i + 1:i + 200]
                           if not t.startswith(first) and not first.startswith(t)
                           and len(docs[first] & docs[t]) >= need), None)
            if second:
                pair = f"{words[first]} {words[second]}"
                info["twee_woorden"] = {words[first]: {"term": first, "sets": df[first]},
                                        words[second]: {"term": second, "sets": df[second]},
                                        "samen": len(docs[first] & docs[second])}
                break
        else:
            raise BenchError("geen paar middelfrequente woorden gevonden dat samen voorkomt; geef het met --woorden")
    return Queries(pair=pair, common=common, info=info)


# --------------------------------------------------------------------------------------------
# Serving and the browser
# --------------------------------------------------------------------------------------------

class Served:
    """scripts/bench_server.py in its own process, with a request log read by time window."""

    def __init__(self, site: Path, log_path: Path, prepare: list[str], timeout: float = 600) -> None:
        self.log_path = log_path
        log_path.unlink(missing_ok=True)
        self.proc = subprocess.Popen([sys.executable, str(SERVER), str(site), "--log", str(log_path),
                                      "--voorbereid", *prepare],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        builds.running.append(self.proc)
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        line = self.proc.stdout.readline().strip() if ready else ""
        if not line.startswith("http://"):
            self.close()
            err = self.proc.stderr.read() if self.proc.stderr else ""
            raise BenchError(f"de testserver voor {site} startte niet: {err.strip() or 'geen antwoord'}")
        self.url = line
        self._offset = 0
        self._records: list[dict] = []

    def records(self, start: float, end: float) -> list[dict]:
        """Responses to requests that arrived in [start, end) (time.monotonic, shared clock)."""
        with self.log_path.open(encoding="utf-8") as f:
            f.seek(self._offset)
            chunk = f.read()
        complete = chunk[:chunk.rfind("\n") + 1]
        self._offset += len(complete.encode("utf-8"))
        self._records += [json.loads(line) for line in complete.splitlines() if line]
        return [r for r in self._records if start <= r["t"] < end]

    def forget(self) -> None:
        """Drop records read so far (they belong to finished loads)."""
        self._records = []

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc in builds.running:
            builds.running.remove(self.proc)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream:
                stream.close()


# In-page timing: performance.now() at the first input event on the search field (window,
# capture phase, so before the page's own listeners) and when a MutationObserver first sees
# the awaited result element or status text.
INSTRUMENT = """({inputSel, doneSel, statusSel, statusText, failTexts}) => {
  const st = window.__kvb = {t0: null, t1: null, fail: null};
  window.addEventListener("input", (e) => {
    if (st.t0 === null && e.target && e.target.matches && e.target.matches(inputSel)) st.t0 = performance.now();
  }, true);
  const check = () => {
    if (st.t1 !== null || st.t0 === null) return;
    if (doneSel && document.querySelector(doneSel)) { st.t1 = performance.now(); return; }
    const box = statusSel ? document.querySelector(statusSel) : null, text = box ? box.textContent : "";
    if (statusText && text.includes(statusText)) { st.t1 = performance.now(); return; }
    for (const f of failTexts) if (text.includes(f)) st.fail = text;
  };
  new MutationObserver(check).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
}"""


@dataclass
class Flow:
    """How one system is searched."""

    system: str
    start_path: str
    input_sel: str
    done_sel: str | None
    status_sel: str | None
    fail_texts: list[str]
    is_search_data: Callable[[str], bool]
    press_after_fill: str | None = None


def ours_flow(status_text: str | None = None) -> Flow:
    return Flow("ours", "zoeken/", "#kv-q", None if status_text else "#kv-results li", "#kv-status",
                ["Geen resultaten", "Zoeken lukt nu niet", *([] if status_text else ["Alleen veelvoorkomende"])],
                lambda p: "/search/" in p or "lunr" in p or "kv-search-core" in p)


MATERIAL_FLOW = Flow("material", "", "input.md-search__input", ".md-search-result__item", None, [],
                     lambda p: "/search/" in p or "/lunr/" in p or "/workers/search" in p,
                     # Material reads the field on keyup (fill only fires input): End changes nothing.
                     press_after_fill="End")


@dataclass
class Load:
    ms: float | None = None  # input event -> first result (or the awaited status)
    since_open_ms: float | None = None  # navigation start -> first result
    pageview_bytes: int = 0
    pageview_search_bytes: int = 0
    pageview_requests: int = 0
    query_bytes: int = 0
    query_requests: int = 0
    query_paths: list[str] = field(default_factory=list)
    heap_mb: float | None = None
    error: str | None = None
    js_errors: list[str] = field(default_factory=list)

    @property
    def bytes_to_first(self) -> int:
        """Search data on the page view (needed for the first result) plus all bytes after input."""
        return self.pageview_search_bytes + self.query_bytes


class Chromium:
    def __init__(self, browser: Browser, latency_ms: float = 0) -> None:
        self.browser = browser
        self.latency_ms = latency_ms
        self.cdp: CDPSession = browser.new_browser_cdp_session()
        self._replies: dict[str, dict] = {}
        self.cdp.on("Target.receivedMessageFromTarget", self._received)

    def _received(self, event: dict) -> None:
        message = json.loads(event["message"])
        if message.get("id") == 1:
            self._replies[event["sessionId"]] = message

    def heap_mb(self, page: Any, base_url: str) -> float | None:
        """JS heap in use by the page and its workers (Material searches in a Web Worker,
        which performance.memory does not see): Runtime.getHeapUsage on each target."""
        targets = [t for t in self.cdp.send("Target.getTargets")["targetInfos"]
                   if t["type"] in ("page", "worker", "iframe") and t["url"].startswith(base_url)]
        sessions = []
        for t in targets:
            try:
                sid = self.cdp.send("Target.attachToTarget", {"targetId": t["targetId"], "flatten": False})["sessionId"]
            except PlaywrightError:
                continue
            sessions.append(sid)
            self.cdp.send("Target.sendMessageToTarget",
                          {"sessionId": sid, "message": json.dumps({"id": 1, "method": "Runtime.getHeapUsage"})})
        deadline = time.monotonic() + 10
        while any(s not in self._replies for s in sessions) and time.monotonic() < deadline:
            page.wait_for_timeout(20)
        used = [self._replies.pop(s).get("result", {}).get("usedSize") for s in sessions if s in self._replies]
        for sid in sessions:
            try:
                self.cdp.send("Target.detachFromTarget", {"sessionId": sid})
            except PlaywrightError:
                pass
        used = [u for u in used if u is not None]
        return sum(used) / 1e6 if used else None

    def load(self, served: Served, flow: Flow, query: str, timeout_s: float, heap: bool = False,
             status_text: str | None = None, direct: bool = False) -> Load:
        """One fresh load (new context, empty cache): page view, then the query.

        Normally the query is typed once the page view is over (networkidle), so its bytes
        can be told apart. With `direct` it is typed right at the load event, as a visitor
        who searches at once would: then `since_open_ms` is the figure that counts."""
        result = Load()
        context = self.browser.new_context()
        context.set_default_timeout(timeout_s * 1000)  # fill etc. wait while Material parses its index
        try:
            page = context.new_page()
            if self.latency_ms:  # extra delay per request (CDP network emulation; the page's own requests)
                session = context.new_cdp_session(page)
                session.send("Network.enable")
                session.send("Network.emulateNetworkConditions", {"offline": False, "latency": self.latency_ms,
                                                                  "downloadThroughput": -1, "uploadThroughput": -1})
            page.on("pageerror", lambda e: result.js_errors.append(str(e)))
            page.on("console", lambda m: m.type == "error" and result.js_errors.append(m.text))
            t_open = time.monotonic()
            page.goto(served.url + flow.start_path, wait_until="load", timeout=timeout_s * 1000)
            if not direct:
                page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
            page.evaluate(INSTRUMENT, {"inputSel": flow.input_sel, "doneSel": flow.done_sel,
                                       "statusSel": flow.status_sel, "statusText": status_text,
                                       "failTexts": flow.fail_texts})
            t_query = time.monotonic()
            page.fill(flow.input_sel, query)
            if flow.press_after_fill:
                page.press(flow.input_sel, flow.press_after_fill)
            try:
                page.wait_for_function("() => window.__kvb.t1 !== null || window.__kvb.fail !== null",
                                       timeout=timeout_s * 1000, polling=20)
            except PlaywrightError as err:
                if "Timeout" not in str(err):
                    raise
                result.error = f"time-out na {timeout_s:.0f} s"
            t_done = time.monotonic()
            stamps = page.evaluate("window.__kvb")
            if stamps["fail"]:
                result.error = f"melding in plaats van resultaten: {stamps['fail']!r}"
            elif stamps["t1"] is not None and stamps["t0"] is not None:
                result.ms = stamps["t1"] - stamps["t0"]
                result.since_open_ms = stamps["t1"]
            elif not result.error:
                result.error = "geen input-gebeurtenis gemeten"
            if heap and not result.error:
                result.heap_mb = self.heap_mb(page, served.url)
        finally:
            context.close()
        time.sleep(0.05)  # let the server finish writing its log lines
        # Chromium asks for the favicon whenever it likes; it belongs to the page view.
        view = served.records(t_open, t_query) + [r for r in served.records(t_query, t_done + 0.001)
                                                  if "favicon" in r["path"]]
        after = [r for r in served.records(t_query, t_done + 0.001) if "favicon" not in r["path"]]
        served.forget()
        result.pageview_requests = len(view)
        result.pageview_bytes = sum(r["bytes"] for r in view)
        result.pageview_search_bytes = sum(r["bytes"] for r in view if flow.is_search_data(r["path"]))
        result.query_requests = len(after)
        result.query_bytes = sum(r["bytes"] for r in after)
        result.query_paths = [r["path"] for r in after]
        return result


def describe(load: Load) -> str:
    if load.error:
        return f"FOUT: {load.error}"
    parts = [f"{fmt_ms(load.ms)} na invoer", f"{fmt_ms(load.since_open_ms)} na openen",
             f"paginaweergave {fmt_bytes(load.pageview_bytes)} ({load.pageview_requests} verz.,"
             f" zoekdata {fmt_bytes(load.pageview_search_bytes)})",
             f"na invoer {fmt_bytes(load.query_bytes)} ({load.query_requests} verz.)"]
    if load.heap_mb is not None:
        parts.append(f"heap {load.heap_mb:.1f} MB")
    if load.js_errors:
        parts.append(f"JS-fouten: {load.js_errors[:3]}")
    return ", ".join(parts)


# --------------------------------------------------------------------------------------------
# One N
# --------------------------------------------------------------------------------------------

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
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
            try:
                chromium = Chromium(browser, args.latentie)
                result.search["ours"] = run_ours(args, chromium, servers["ours"], queries)
                if "material" in servers:
                    result.search["material"] = run_material(args, chromium, servers["material"], queries)
            finally:
                browser.close()
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
    context = chromium.browser.new_context()
    try:
        page = context.new_page()
        page.goto(served.url, timeout=args.material_timeout * 1000)
        page.wait_for_load_state("networkidle", timeout=args.material_timeout * 1000)
    finally:
        context.close()
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
    folder.mkdir(parents=True)
    log(f"N={n}: {n} synthetische notities genereren ({args.bytes} bytes tekst elk) in {folder}")
    synth.generate(folder, n, seed=args.seed, target_bytes=args.bytes)
    notes = folder / "notes"
    configs = {"ours": write_config(folder / "ours", notes, material=False)}
    if not args.geen_material:
        configs["material"] = write_config(folder / "material", notes, material=True)
    sites = {system: config.parent / "site" for system, config in configs.items()}

    for system, config in configs.items():
        log(f"N={n}: bouwen {system}")
        result.builds[system] = b = build(config, system)
        log(f"   {b.seconds:.1f} s, piek {b.peak_mb:.0f} MB"
            + (f", {b.reanalysed} sets geanalyseerd" if b.reanalysed is not None else ""))
        result.site_bytes[system] = folder_size(sites[system])
    ours_search = [p for p in (sites["ours"] / "search").rglob("*") if p.is_file()]
    result.search_raw["ours"], result.search_gz["ours"], result.search_files["ours"] = search_data_size(ours_search)
    if "material" in sites:
        index = sites["material"] / "search" / "search_index.json"
        if not index.is_file():
            raise BenchError(f"Material's zoekindex ontbreekt: {index}")
        result.search_raw["material"], result.search_gz["material"], result.search_files["material"] = \
            search_data_size([index])

    result.queries = choose_queries(sites["ours"], notes, n, args.seed, args.woorden, args.gewone_woorden)
    log(f"N={n}: zoekvragen: twee woorden {result.queries.pair!r}, gewone woorden {result.queries.common!r}, "
        f"stopwoord {result.queries.stop!r}  ({json.dumps(result.queries.info, ensure_ascii=False)})")

    if not args.geen_browser:
        run_browser(args, result, sites, folder)

    # Incremental rebuild of ours: one note changes; then a cold build without the term cache.
    changed = sorted(notes.rglob("2*.md"))[n // 2]
    result.changed_note = str(changed.relative_to(notes))
    with changed.open("a", encoding="utf-8") as f:
        f.write(f"\nDeze zin is toegevoegd door bench_search om een incrementele bouw te meten ({time.time()}).\n")
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


# --------------------------------------------------------------------------------------------
# Report
# --------------------------------------------------------------------------------------------

def ms_of(loads: list[Load]) -> float | None:
    return median([x.ms for x in loads if x.ms is not None])


def value_of(loads: list[Load], attr: str) -> float | None:
    return median([getattr(x, attr) for x in loads if not x.error and getattr(x, attr) is not None])


def report(results: list[Result], args: argparse.Namespace, chromium_version: str) -> str:
    out: list[str] = []
    out.append(f"Zoekbenchmark — {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, Python "
               f"{platform.python_version()}, {chromium_version}; notities van ~{args.bytes} bytes tekst, "
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


# --------------------------------------------------------------------------------------------

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
    if not MKDOCS.exists():
        parser.error(f"{MKDOCS} ontbreekt; installeer eerst met `bash scripts/setup.sh`")
    if not args.geen_browser and not Path(args.chromium).exists():
        parser.error(f"Chromium niet gevonden op {args.chromium} (gebruik --chromium of --geen-browser)")
    args.map = args.map.resolve()
    if args.map in (Path("/"), Path.home(), REPO) or REPO in args.map.parents:
        parser.error(f"--map {args.map}: kies een aparte werkmap buiten de repository")
    return args


def chromium_version(path: str) -> str:
    try:
        return subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "Chromium (versie onbekend)"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    created = not args.map.exists()
    args.map.mkdir(parents=True, exist_ok=True)
    try:
        results, code = builds.run_each(args.aantal, lambda n: run_n(args, n))
    finally:
        if args.houd:
            log(f"werkmap bewaard: {args.map}")
        else:
            for n in args.aantal:
                shutil.rmtree(args.map / f"n{n}", ignore_errors=True)
            if created:
                shutil.rmtree(args.map, ignore_errors=True)
    if results:
        print(report(results, args, chromium_version(args.chromium) if not args.geen_browser else "zonder browser"))
        if args.json:
            args.json.write_text(json.dumps(to_json(results), indent=1, ensure_ascii=False), encoding="utf-8")
            log(f"ruwe meetwaarden: {args.json}")
    return code


if __name__ == "__main__":
    sys.exit(main())
