"""The site of real documents in headless Chromium: footnote links work both ways, a search
result for words in a combined answer lands on that answer, and a jump to a combined heading's
further number leaves the heading in view below Material's sticky header."""

from __future__ import annotations


import pytest
from playwright.sync_api import Page

from conftest import search_files
from kamervragen.urls import set_url
from search_support import serve

# The element is inside the viewport and not under the sticky header.
IN_VIEW = """el => { const r = el.getBoundingClientRect();
  const top = document.querySelector('.md-header').getBoundingClientRect().bottom;
  return r.top >= top - 1 && r.bottom <= window.innerHeight + 1; }"""


@pytest.fixture(scope="module")
def base_url(real_site):
    with serve(real_site.root) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert not errors, errors


def target(page: Page, hash_: str):
    """The :target element once the URL has `hash_` and the element has scrolled into view."""
    page.wait_for_function("h => location.hash === h", arg=hash_)
    handle = page.evaluate_handle("document.querySelector(':target')")
    page.wait_for_function(IN_VIEW, arg=handle)
    return handle


def test_footnote_links_work_both_ways(page, base_url):
    page.goto(base_url + set_url("2024Z18438"))
    page.locator('a.footnote-ref[href="#fn:2"]').click()
    note = target(page, "#fn:2")
    assert note.evaluate("el => [el.tagName, el.id]") == ["LI", "fn:2"]
    assert "Recyclingmagazine" in note.evaluate("el => el.textContent")
    page.locator('[id="fn:2"] a.footnote-backref').click()
    ref = target(page, "#fnref:2")
    assert ref.evaluate("el => [el.tagName, el.id, el.querySelector('a').getAttribute('href')]") == \
        ["SUP", "fnref:2", "#fn:2"]


def test_search_result_in_a_combined_answer_lands_on_that_answer(page, base_url, real_site):
    words = ("wijkrechtspraak", "evaluatieonderzoek")
    # the words stand only in the answer to questions 3 and 4 of 2024Z18294
    found = [(kenmerk, anchor) for kenmerk, record in search_files(real_site.root, "sets").items()
             for anchor, _, body in record["delen"]
             if any(w in body.lower() for w in words)]
    assert found == [("2024Z18294", "antwoord-3")]
    page.goto(base_url + "zoeken/")
    page.fill("#kv-q", " ".join(words))
    result = page.locator("#kv-results a.kv-result__title").first
    result.wait_for()
    assert result.get_attribute("href").endswith("vragen/2024Z18294/#antwoord-3")
    result.click()
    heading = target(page, "#antwoord-3")
    assert heading.evaluate("el => [el.tagName, el.textContent.replace('¶', '').trim()]") == \
        ["H2", "Antwoord op vraag 3 en 4"]
    assert page.url.startswith(base_url + "vragen/2024Z18294/")


def test_jump_to_a_further_number_shows_the_combined_heading(page, base_url):
    page.goto(base_url + set_url("2024Z18294") + "#antwoord-4")
    anchor = target(page, "#antwoord-4")
    assert anchor.evaluate("el => el.className") == "kv-anker"
    heading = page.locator("h2#antwoord-3")
    assert heading.evaluate(IN_VIEW), "the heading is hidden under the header or out of view"


def test_anchors_keep_the_scroll_margin_of_a_target(page, base_url):
    """Material gives a :target its scroll margin; a .kv-anker has it also when it is not the
    target, and it is more than the sticky header's height."""
    page.goto(base_url + set_url("2024Z18792") + "#antwoord-3")
    margin = target(page, "#antwoord-3").evaluate("el => getComputedStyle(el).scrollMarginTop")
    other = page.evaluate("getComputedStyle(document.getElementById('antwoord-4')).scrollMarginTop")
    header = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().height")
    assert other == margin and float(margin.removesuffix("px")) > header
