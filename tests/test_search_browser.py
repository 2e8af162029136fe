"""The search page in headless Chromium: results, snippets, facets in the URL, kenmerk jumps,
lazy loading, no third-party requests, and a clear message without JavaScript."""

from __future__ import annotations

import gzip
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from conftest import axe_violations
from kamervragen.audience import PUBLIC
from kamervragen.dates import datum
from kamervragen.model import load_archive
from kamervragen.read.notes import STATUS_LABELS
from search_support import ASSETS, serve


@pytest.fixture(scope="module")
def base_url(search_site):
    with serve(search_site / "site") as url:
        yield url


class Watched:
    """A page that records every request and fails on script errors."""

    def __init__(self, page: Page, base_url: str) -> None:
        self.page, self.base_url = page, base_url
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))

    def search_requests(self) -> list[str]:
        return [u for u in self.requests if "/search/" in u or "lunr" in u or "kv-search-core" in u]


@pytest.fixture
def watched(browser, base_url):
    context = browser.new_context()
    w = Watched(context.new_page(), base_url)
    yield w
    assert not w.errors, w.errors
    assert all(u.startswith(base_url) or u.startswith("data:") for u in w.requests), "third-party request"
    context.close()


def results(page: Page) -> list[str]:
    page.wait_for_selector("#kv-results li")
    return page.locator("#kv-results a.kv-result__title").evaluate_all("els => els.map(e => e.getAttribute('href'))")


def test_no_search_data_without_a_search(watched):
    page = watched.page
    page.goto(watched.base_url + "vragen/2026Z00186/")
    page.goto(watched.base_url + "zoeken/")
    page.wait_for_load_state("networkidle")
    assert watched.search_requests() == []
    assert page.locator("#kv-status").inner_text() == "Typ een of meer woorden."


def test_word_forms_find_answers_with_anchor_and_marks(watched):
    page = watched.page
    page.goto(watched.base_url + "zoeken/")
    page.fill("#kv-q", "veiligheidsscans")
    hrefs = results(page)
    assert any("vragen/2026Z00186/#" in h for h in hrefs), hrefs
    first = page.locator("#kv-results li").first
    assert first.locator("mark").count() >= 1
    assert "veiligheidsscan" in first.locator("mark").first.inner_text().lower()
    assert "q=veiligheidsscans" in page.url
    assert watched.search_requests(), "the search should have loaded its data"


@pytest.mark.parametrize("query, kenmerk", [("bedreigingen", "2025Z21156"), ("geinformeerd", "2025Z21156"),
                                            ("geïnformeerd", "2025Z21156"), ("Ondersteuningsnetwerk", "2025Z21156")])
def test_dutch_forms_and_diacritics(watched, query, kenmerk):
    page = watched.page
    page.goto(watched.base_url + "zoeken/?q=" + query)
    assert any(f"vragen/{kenmerk}/" in h for h in results(page))


def test_search_files_are_stored_packed_and_read_packed_or_unpacked_by_the_server(watched, search_site):
    """The test server sends the .json.gz files as they are; a host that sends them with
    Content-Encoding: gzip hands the page unpacked JSON. Both must give the same results."""
    packed = sorted((search_site / "site" / "search" / "sets").iterdir())
    assert packed and all(p.read_bytes()[:2] == b"\x1f\x8b" for p in packed)
    page = watched.page
    page.goto(watched.base_url + "zoeken/?q=veiligheidsscans")
    as_stored = results(page), page.locator("#kv-results li").first.inner_text()
    unpacked: list[str] = []

    def unpack(route):
        unpacked.append(route.request.url)
        response = route.fetch()
        route.fulfill(response=response, body=gzip.decompress(response.body()))

    page.route(re.compile(r".*/search/.*\.json\.gz$"), unpack)
    page.goto(watched.base_url + "zoeken/?q=veiligheidsscans")
    assert (results(page), page.locator("#kv-results li").first.inner_text()) == as_stored
    assert any("/search/shards/" in u for u in unpacked) and any("/search/sets/" in u for u in unpacked)


def test_kenmerk_goes_straight_to_the_set(watched):
    page = watched.page
    page.goto(watched.base_url + "zoeken/?q=2026Z00186")
    page.wait_for_url("**/vragen/2026Z00186/")
    assert page.locator("h1").inner_text() == "Online bedreiging van lokale bestuurders"


def test_header_search_box_leads_to_results(watched):
    page = watched.page
    page.goto(watched.base_url + "themas/")
    page.fill("#kv-header-q", "bedreiging")
    page.press("#kv-header-q", "Enter")
    page.wait_for_url("**/zoeken/?q=bedreiging")
    assert results(page)


def test_facets_sort_and_back_button(watched):
    page = watched.page
    page.goto(watched.base_url + "zoeken/?q=bedreiging")
    all_hits = results(page)
    more = page.locator("fieldset.kv-facet:has(input[name='jaar']) .kv-facet__more")
    if more.count():
        more.click()
    page.locator("fieldset.kv-facet input[name='jaar'][value='2026']").check()
    page.wait_for_function("location.search.includes('jaar=2026')")
    page.wait_for_function("document.querySelectorAll('#kv-results li').length === 1")
    assert results(page) == [h for h in all_hits if "2026Z" in h]
    page.select_option("#kv-sort", "datum")
    page.wait_for_function("location.search.includes('sort=datum')")
    assert parse_qs(urlsplit(page.url).query) == {"q": ["bedreiging"], "jaar": ["2026"], "sort": ["datum"]}
    page.go_back()
    page.go_back()
    page.wait_for_function("!location.search.includes('jaar')")
    page.wait_for_function(f"document.querySelectorAll('#kv-results li').length === {min(len(all_hits), 10)}")
    assert not page.locator("input[name='jaar'][value='2026']").is_checked()


def test_results_show_the_status_labels_and_dates_of_the_archive(browser, base_url, search_site):
    """Status labels come from Python's one table (read/notes.py) through the catalogue, and a
    date is the set's own day in any time zone (here New York, behind the Netherlands)."""
    archive, _ = load_archive(search_site / "notes", search_site / "notes" / "themas.yml", PUBLIC)
    context = browser.new_context(timezone_id="America/New_York", viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base_url + "zoeken/?q=minister")
    results(page)
    shown = page.locator("#kv-results li").evaluate_all("""els => els.map(e => [
        e.querySelector('.kv-kenmerk').textContent, e.dataset.datum, e.querySelector('.kv-result__meta').textContent,
        e.querySelector('.kv-status').className, e.querySelector('.kv-status').textContent])""")
    for kenmerk, iso, meta, status_class, label in shown:
        note = archive.by_kenmerk[kenmerk]
        assert iso == note.date.isoformat() and f" {datum(note.date)} · " in meta, (kenmerk, meta)
        assert status_class.endswith("kv-status--" + note.status) and label == STATUS_LABELS[note.status]
    # The status filter (loaded with the facets) names every status as Python does.
    page.wait_for_selector("fieldset.kv-facet input[name='status']")
    facet = page.locator("fieldset.kv-facet:has(input[name='status']) .kv-facet__value").evaluate_all(
        "els => els.map(e => [e.querySelector('input').value, e.querySelector('label').textContent])")
    assert len(facet) >= 3
    for value, label in facet:
        assert re.fullmatch(re.escape(STATUS_LABELS[value]) + r" \(\d+\)", label), label
    context.close()
    # ... and the browser code keeps no copy of them.
    scripts = "".join(p.read_text(encoding="utf-8") for p in ASSETS.glob("kv-*.js"))
    assert not [label for label in STATUS_LABELS.values() if " " in label and label in scripts]


def test_sorting_by_date_is_newest_first(watched):
    page = watched.page
    page.goto(watched.base_url + "zoeken/?q=minister&sort=datum")
    results(page)
    dates = page.locator("#kv-results li").evaluate_all("els => els.map(e => e.dataset.datum)")
    assert dates == sorted(dates, reverse=True) and len(dates) > 1


def test_stop_words_only_answer_at_once(watched):
    page = watched.page
    page.goto(watched.base_url + "zoeken/")
    page.fill("#kv-q", "de het")
    page.wait_for_function("document.getElementById('kv-status').textContent.includes('veelvoorkomende')")
    assert not [u for u in watched.requests if "/search/shards/" in u]


def test_without_javascript(browser, base_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "zoeken/")
    assert "Zoeken werkt alleen met JavaScript" in page.locator("noscript").inner_text() or \
        "Zoeken werkt alleen met JavaScript" in page.content()
    page.goto(base_url + "themas/")
    assert page.locator("ul.kv-index a").count() > 5
    context.close()


@pytest.mark.parametrize("source", ["notes/2026Z00186.md", "notes/2095/2095Z00150.md", "notes/2091/2091Z00040.md"])
def test_precedent_finder_ranks_the_pasted_set_first(watched, source, search_site):
    """Pasting the questions of a set finds that set first, linked to one of its answers."""
    path = search_site / source
    kenmerk = path.stem
    body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    questions = "\n".join(part.split("\n## ")[0] for part in body.split("## Vraag ")[1:])
    page = watched.page
    page.goto(watched.base_url + "precedenten/")
    page.wait_for_load_state("networkidle")
    assert watched.search_requests() == [], "nothing may load before the finder is used"
    page.fill("#kv-tekst", questions)
    page.locator("#kv-precedent").get_by_role("button", name="Zoek precedenten").click()
    page.wait_for_selector("#kv-results li")
    first = page.locator("#kv-results a.kv-result__title").first.get_attribute("href")
    answered = "## Antwoord " in body
    assert f"vragen/{kenmerk}/#{'antwoord' if answered else 'vraag'}-" in first, first
    assert page.locator("#kv-results li").count() <= 10


def status(page: Page, text: str) -> str:
    page.wait_for_function("t => document.getElementById('kv-status').textContent.includes(t)", arg=text)
    return page.locator("#kv-status").inner_text()


def test_no_set_with_all_words_shows_sets_with_most_of_them(watched):
    page = watched.page
    page.goto(watched.base_url + "zoeken/?q=zwangere+demonstraties+asielzoekers")
    assert "Geen sets met alle woorden; sets met een deel ervan" in status(page, "deel ervan")
    assert any("2024Z18659" in h or "2024Z18887" in h for h in results(page)[:3])


def test_unknown_word_suggests_the_nearest_and_the_link_searches(watched):
    page = watched.page
    page.goto(watched.base_url + "zoeken/?q=geboortezorg+asielzoekrs")
    status(page, "deel ervan")
    suggestion = page.locator("#kv-suggest a")
    assert suggestion.first.inner_text() == "asielzoekers"
    assert "Bedoelde u" in page.locator("#kv-suggest").inner_text()
    suggestion.first.click()
    page.wait_for_function("new URLSearchParams(location.search).get('q') === 'geboortezorg asielzoekers'")
    assert "2 resultaten" in status(page, "resultaten voor")


@pytest.mark.parametrize("query, kenmerk", [("asiel", "2024Z15585"), ("ME'ers", "2024Z18655"), ("OMO", "2025Z21156"),
                                            ("Mobiele Eenheid", "2024Z18655"), ("JenV demonstraties", "2024Z18655")])
def test_prefix_apostrophe_and_synonyms(watched, query, kenmerk):
    """asiel finds Asielkinderen; ME'ers (typed) finds ME’ers (printed); OMO and its full name."""
    page = watched.page
    page.goto(watched.base_url + "zoeken/")
    page.fill("#kv-q", query)
    page.wait_for_function("k => [...document.querySelectorAll('#kv-results a.kv-result__title')]"
                           ".some(a => a.href.includes(k))", arg=kenmerk)


def test_quoted_phrase_keeps_word_order(watched):
    page = watched.page
    page.goto(watched.base_url + "zoeken/?q=%22zwangere+vrouwen%22")
    assert "vragen/2024Z18659/" in results(page)[0]
    page.goto(watched.base_url + "zoeken/?q=%22vrouwen+zwangere%22")
    assert "Geen resultaten" in status(page, "Geen")


def test_header_field_searches_as_you_type_on_the_search_page(watched):
    page = watched.page
    page.goto(watched.base_url + "zoeken/")
    page.fill("#kv-header-q", "stroomaansluitingen")
    page.wait_for_selector("#kv-results li")
    assert "vragen/2024Z18442/" in results(page)[0]
    assert page.input_value("#kv-q") == "stroomaansluitingen" and "q=stroomaansluitingen" in page.url


BOILERPLATE_PASTE = ("Vragen van het lid Jansen (CDA) aan de minister van Justitie en Veiligheid en de minister van "
                     "Binnenlandse Zaken en Koninkrijksrelaties over veiligheidsscans voor lokale bestuurders "
                     "(ingezonden 3 maart 2026). Bent u bekend met het bericht dat steeds meer bestuurders een "
                     "veiligheidsscan laten uitvoeren? Kunt u deze vragen afzonderlijk beantwoorden?")


def test_precedent_with_boilerplate_shows_positions_first(watched):
    """The opening line names JenV and BZK; the answer must come from the subject, not 'minister'."""
    page = watched.page
    page.goto(watched.base_url + "precedenten/")
    page.fill("#kv-tekst", BOILERPLATE_PASTE)
    page.locator("#kv-precedent").get_by_role("button", name="Zoek precedenten").click()
    page.wait_for_selector("#kv-positions li")
    assert "vragen/2026Z00186/" in results(page)[0]
    first = page.locator("#kv-positions li").first
    assert "veiligheidsscan" in first.inner_text().lower()
    assert first.locator("p").first.inner_text()[0].isdigit(), "the date comes first"
    positions_top = page.locator("#kv-positions-section").bounding_box()["y"]
    assert positions_top < page.locator("#kv-results-section").bounding_box()["y"]


def test_phone_layout_results_first_and_filters_by_keyboard(browser, base_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "zoeken/?q=bedreiging")
    results(page)
    toggle = page.locator("#kv-filter-toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not page.locator("#kv-filters").is_visible()
    first = page.locator("#kv-results li").first.bounding_box()
    assert first["y"] + first["height"] < 844, "the first result is on the first screen"
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true"
    more = page.locator(".kv-facet__more").first
    more.focus()
    page.keyboard.press("Enter")
    # Every value is in the page flow: no facet is a scroll box that hides values.
    for box in page.locator("fieldset.kv-facet").all():
        assert box.evaluate("e => e.scrollHeight <= e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'auto'")
    checkbox = page.locator("fieldset.kv-facet input[name='jaar']").first
    checkbox.focus()
    page.keyboard.press("Space")
    page.wait_for_function("location.search.includes('jaar=')")
    assert checkbox.is_checked()
    context.close()


def test_wide_screen_first_result_above_the_fold_facets_beside(browser, base_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(base_url + "zoeken/?q=bedreiging")
    results(page)
    first = page.locator("#kv-results li").first.bounding_box()
    facets = page.locator("#kv-filters").bounding_box()
    assert first["y"] + first["height"] < 800
    assert facets["x"] + facets["width"] <= first["x"], "filters stand beside the results"
    assert not page.locator("#kv-filter-toggle").is_visible()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_new_search_parts_pass_axe(browser, base_url, scheme):
    """The open filter panel on a phone, the fallback with 'Bedoelde u', and precedent positions."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "zoeken/?q=bedreiging")
    results(page)
    page.click("#kv-filter-toggle")
    page.locator(".kv-facet__more").first.click()
    found = {"filters": axe_violations(page)}
    page.goto(base_url + "zoeken/?q=geboortezorg+asielzoekrs")
    page.wait_for_selector("#kv-suggest a")
    found["suggestion"] = axe_violations(page)
    page.goto(base_url + "precedenten/")
    page.fill("#kv-tekst", BOILERPLATE_PASTE)
    page.locator("#kv-precedent").get_by_role("button", name="Zoek precedenten").click()
    page.wait_for_selector("#kv-positions li")
    found["precedent"] = axe_violations(page)
    context.close()
    assert not any(found.values()), found
