"""Script payloads in notes and the theme registry never run, in headless Chromium.

tests/fixtures/xss/ puts payloads (`<script>`, `onerror=`, `"><svg onload=…>`, `javascript:`
links in Markdown and raw HTML, iframes, `style=`/`onclick=`, attr_list attributes, mutation
XSS) in every field a note has and in a theme's name, description and other names. Each
`alert()` has its own number: 1xx front matter of 2099Z00501, 2xx of 2099Z00502, 3xx the
theme registry, 4xx and 5xx note bodies.

The public site is built once, served on loopback, and every HTML page is visited; then the
search page and the precedent finder are fed the payloads. Any dialog, console error or page
error fails, and note content (the page's <article>) must hold no payload script, no on*
attribute, no javascript: URL and no iframe. The one tolerated console error is the 404 of
`<img src=x>`, which the sanitiser rightly keeps as a plain image (its onerror is removed; the
request has to fail, or a surviving onerror would never fire).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest

from conftest import TESTS, build_site, soup
from kamervragen.audience import PUBLIC
from kamervragen import sanitize
from kamervragen.model import load_archive
from search_support import serve

FIXTURE = TESTS / "fixtures" / "xss"
SHORT_LINK = re.compile(r"2099Z\d{5}/")
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "javascript:alert(1)",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<p style="x" onclick="alert(1)">',
    "alert",  # matches the payload text, so results (payload titles, facets) are rendered
    "proefpayload",
]

# Run in the page: what in `root` (a selector) could run script.
DANGER_JS = """(selector) => {
  const roots = [...document.querySelectorAll(selector)];
  const found = [];
  const URL_ATTRS = ["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "background", "poster"];
  for (const root of roots) {
    for (const el of [root, ...root.querySelectorAll("*")]) {
      const tag = el.tagName.toLowerCase();
      const ownForm = tag === "form" && ["kv-search", "kv-precedent"].includes(el.id);  // the page's own
      if (["script", "iframe", "frame", "object", "embed", "base", "meta", "link", "form"].includes(tag) && !ownForm) {
        found.push("<" + tag + "> " + el.outerHTML.slice(0, 120));
      }
      for (const a of el.attributes) {
        const name = a.name.toLowerCase();
        const value = a.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
        if (name.startsWith("on")) found.push(tag + " " + name + "=" + a.value);
        if (name === "style") found.push(tag + " style=" + a.value);
        if (URL_ATTRS.includes(name) && (value.startsWith("javascript:") || value.startsWith("data:text/html"))) {
          found.push(tag + " " + name + "=" + a.value);
        }
      }
    }
  }
  return {roots: roots.length, found: found};
}"""

# Run in the page: anything anywhere in the document that carries a payload's script.
DOCUMENT_JS = """() => {
  const found = [];
  const URL_ATTRS = ["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "background", "poster"];
  for (const el of document.querySelectorAll("*")) {
    const tag = el.tagName.toLowerCase();
    if (tag === "iframe" || tag === "object" || tag === "embed") found.push(el.outerHTML.slice(0, 120));
    if (tag === "script" && /alert/.test(el.textContent + (el.getAttribute("src") || ""))) found.push(el.outerHTML.slice(0, 120));
    for (const a of el.attributes) {
      const value = a.value.replace(/[\\s\\u0000-\\u001f]/g, "").toLowerCase();
      if (a.name.toLowerCase().startsWith("on") && /alert/.test(a.value)) found.push(tag + " " + a.name + "=" + a.value);
      if (URL_ATTRS.includes(a.name.toLowerCase()) && value.startsWith("javascript:")) found.push(tag + " " + a.name + "=" + a.value);
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """The payload site, built with the read-time check of what the sanitiser would drop switched
    off (it refuses these notes, see test_xss_notes_are_refused_when_read): the sanitiser must
    hold on its own, for whatever a note could slip past that check."""
    base = tmp_path_factory.mktemp("xss")
    src = base / "src"
    shutil.copytree(FIXTURE, src, ignore=shutil.ignore_patterns(".cache", "__pycache__", "site"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sanitize, "dropped", lambda line: [])
        assert build_site(src / "mkdocs.yml", base / "site") == []
    return base / "site"


def test_xss_notes_are_refused_when_read():
    archive, problems = load_archive(FIXTURE / "notes", FIXTURE / "notes" / "themas.yml", PUBLIC)
    assert archive.notes == []
    assert {p.path for p in problems} >= {"notes/2099Z00501.md", "notes/2099Z00502.md"}
    assert all(p.line for p in problems)


@pytest.fixture(scope="module")
def base_url(site):
    with serve(site) as url:
        yield url


def page_urls(site: Path) -> list[str]:
    """Every HTML page of the site, as a path below the root."""
    urls = []
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        urls.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return urls


class Watch:
    """Everything a page does that would mean a payload ran."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._dialog)
        page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        page.on("console", self._console)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def _console(self, message) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "") if message.location else ""
        if message.text.startswith("Failed to load resource") and urlsplit(url).path.rsplit("/", 1)[-1] == "x":
            return  # the request of a sanitised <img src=x> (see the module docstring)
        if message.text.startswith("Failed to load resource") and urlsplit(url).path == "/favicon.ico":
            return  # Chromium's own request on pages without an icon link (the short-link stubs)
        self.errors.append(f"console: {message.text} ({url})")


@pytest.fixture
def watched(browser):
    context = browser.new_context()
    page = context.new_page()
    watch = Watch(page)
    yield page, watch
    context.close()


def assert_nothing_ran(page, watch, where: str) -> None:
    page.wait_for_timeout(50)  # let late handlers (onerror of failed images) fire
    assert watch.dialogs == [], f"{where}: a payload ran: {watch.dialogs}"
    assert watch.errors == [], f"{where}: {watch.errors}"
    everywhere = page.evaluate(DOCUMENT_JS)
    assert everywhere == [], f"{where}: {everywhere}"


def test_the_fixture_reaches_every_kind_of_page(site):
    urls = page_urls(site)
    for expected in ("", "vragen/2099Z00501/", "themas/xss-thema/", "themas/", "kamerleden/svg-onload-alert-111/",
                     "partijen/img-src-x-onerror-alert-112/", "bewindspersonen/img-src-x-onerror-alert-123/",
                     "jaren/2099/", "overzicht/", "zoeken/", "precedenten/", "404.html", "2099Z00501/"):
        assert expected in urls, expected
    html = (site / "vragen" / "2099Z00501" / "index.html").read_text(encoding="utf-8")
    # the payloads are there, as text
    h1 = soup(html).find("h1").get_text()
    assert h1 == "<script>alert(101)</script> en <img src=x onerror=alert(102)>"


def test_no_payload_runs_on_any_page(site, base_url, watched):
    page, watch = watched
    for url in page_urls(site):
        page.goto(base_url + url, wait_until="load")
        if SHORT_LINK.fullmatch(url):  # forwards to the set page at once
            page.wait_for_url(re.compile(r".*/vragen/2099Z\d{5}/$"), wait_until="load")
        assert_nothing_ran(page, watch, url)
        danger = page.evaluate(DANGER_JS, "article")
        assert danger["roots"] == 1, f"{url} has no <article>"
        assert danger["found"] == [], f"{url}: {danger['found']}"


def test_short_link_stubs_hold_no_markup_from_the_title(site):
    stubs = [p for p in site.glob("2099Z*/index.html")]
    assert len(stubs) == 2
    for stub in stubs:
        page = soup(stub.read_text(encoding="utf-8"))
        assert page.find_all(["script", "svg", "img", "iframe"]) == [], stub
        assert not [a for el in page.find_all(True) for a in el.attrs if a.lower().startswith("on")], stub


def test_payload_text_is_shown_as_text(base_url, watched):
    page, watch = watched
    page.goto(base_url + "vragen/2099Z00501/", wait_until="load")
    assert page.locator("article h1").inner_text() == "<script>alert(101)</script> en <img src=x onerror=alert(102)>"
    facts = page.locator("dl.kv-facts").inner_text()
    for text in ('"><svg onload=alert(111)>', "<img src=x onerror=alert(112)>", "<script>alert(113)</script>",
                 "javascript:alert(114)", '<iframe src="javascript:alert(121)"></iframe>',
                 '"><img src=x onerror=alert(123)>', "<script>alert(131)</script>"):
        assert text in facts, text
    page.goto(base_url + "themas/xss-thema/", wait_until="load")
    assert page.locator("article h1").inner_text() == "<img src=x onerror=alert(301)>"
    assert '"><svg onload=alert(307)>' in page.locator("article").inner_text()
    assert_nothing_ran(page, watch, "payload pages")


@pytest.mark.parametrize("query", PAYLOADS)
def test_typed_search_runs_no_payload(base_url, watched, query):
    page, watch = watched
    page.goto(base_url + "zoeken/", wait_until="load")
    before = page.locator("#kv-status").inner_text()
    page.fill("#kv-q", query)
    page.wait_for_function(
        "(before) => { const s = document.getElementById('kv-status').textContent;"
        " return s && s !== before && s !== 'Zoeken…'; }", arg=before)
    assert_nothing_ran(page, watch, f"search {query!r}")
    danger = page.evaluate(DANGER_JS, "article")
    assert danger["found"] == [], danger["found"]


def test_search_results_show_payload_titles_as_text(base_url, watched):
    page, watch = watched
    page.goto(base_url + "zoeken/", wait_until="load")
    page.fill("#kv-q", "proefpayload")
    page.wait_for_selector("#kv-results li")
    titles = page.locator("#kv-results a.kv-result__title").all_inner_texts()
    assert "<script>alert(101)</script> en <img src=x onerror=alert(102)>" in titles
    assert page.locator("#kv-facets input").count() > 0  # facets (payload names) are rendered too
    assert '"><svg onload=alert(111)>' in page.locator("#kv-facets").inner_text()
    assert_nothing_ran(page, watch, "search results")


@pytest.mark.parametrize("params", [
    "q=" + quote("<img src=x onerror=alert(1)>"),
    "q=" + quote('"><svg onload=alert(1)>') + "&partij=" + quote("<img src=x onerror=alert(112)>"),
    "q=alert&lid=" + quote("<script>alert(1)</script>") + "&sort=" + quote('"><svg onload=alert(1)>'),
])
def test_search_from_the_address_runs_no_payload(base_url, watched, params):
    page, watch = watched
    page.goto(base_url + "zoeken/?" + params, wait_until="load")
    page.wait_for_function("() => { const s = document.getElementById('kv-status').textContent;"
                           " return s && s !== 'Zoeken…'; }")
    assert_nothing_ran(page, watch, params)


def test_precedent_finder_runs_no_payload(base_url, watched):
    page, watch = watched
    page.goto(base_url + "precedenten/", wait_until="load")
    page.fill("#kv-tekst", " ".join(PAYLOADS) + " proefpayload veilig")
    page.locator("#kv-precedent").get_by_role("button", name="Zoek precedenten").click()
    page.wait_for_function("() => { const s = document.getElementById('kv-status').textContent;"
                           " return s && !s.startsWith('Zoeken'); }")
    assert page.locator("#kv-results li").count() > 0
    assert_nothing_ran(page, watch, "precedent finder")
