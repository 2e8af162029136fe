"""Measuring pages in headless Chromium (Playwright): what a fresh visitor downloads and waits for.

`Chromium.load` opens a page in a new context (empty cache), types a query into a search field
and times, in the page, the input event up to the first result; the bytes come from the
request log of the server (`server.Served`), so those fetched by web workers count too. How a
site is searched (selectors, which requests are search data) is a `Flow`.
"""

from __future__ import annotations

import json
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Callable, Iterator

from playwright.sync_api import Browser, CDPSession, Error as PlaywrightError, sync_playwright

from .report import fmt_bytes, fmt_ms
from .server import Served

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

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


@dataclass
class Load:
    """One fresh page view and query: times, bytes on the wire, heap, and what went wrong."""

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
    """A launched browser that measures loads (`launched` starts and stops it)."""

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

    def visit(self, url: str, timeout_s: float) -> None:
        """Open a page until the network is quiet, unmeasured (a warm-up of the server's caches)."""
        context = self.browser.new_context()
        try:
            page = context.new_page()
            page.goto(url, timeout=timeout_s * 1000)
            page.wait_for_load_state("networkidle", timeout=timeout_s * 1000)
        finally:
            context.close()

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
    """One line on a load, for the progress log."""
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


@contextmanager
def launched(executable: str, latency_ms: float = 0) -> Iterator[Chromium]:
    """Headless Chromium at `executable`, with `latency_ms` added to every request."""
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield Chromium(browser, latency_ms)
        finally:
            browser.close()


def version(executable: str) -> str:
    try:
        return subprocess.run([executable, "--version"], capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return "Chromium (versie onbekend)"
