"""The search page in headless Chromium: results, snippets, facets in the URL, kenmerk jumps,
lazy loading, no third-party requests, and a clear message without JavaScript."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from search_support import serve


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
    page.click("#kv-precedent button[type=submit]")
    page.wait_for_selector("#kv-results li")
    first = page.locator("#kv-results a.kv-result__title").first.get_attribute("href")
    answered = "## Antwoord " in body
    assert f"vragen/{kenmerk}/#{'antwoord' if answered else 'vraag'}-" in first, first
    assert page.locator("#kv-results li").count() <= 10
