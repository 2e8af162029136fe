"""WCAG 2.1 A and AA with axe-core in Chromium, on every page type, light and dark; and the
search page by keyboard alone, with a visible focus."""

from __future__ import annotations

import pytest

import conftest
from search_support import serve

PUBLIC_PAGES = {
    "home": "",
    "set": "vragen/2098Z00002/",
    "theme": "themas/",
    "theme page": None,  # filled from the built site below
    "member": "kamerleden/unal/",
    "parties": "partijen/",
    "party": "partijen/partij-voor-de-proef/",
    "ministers": "bewindspersonen/",
    "minister": "bewindspersonen/minister-van-verzonnen-zaken/",
    "year": "jaren/2099/",
    "overview": "overzicht/",
    "overview page 2": "overzicht/pagina/2/",
    "search with results": "zoeken/?q=proefdijk",
    "precedents": "precedenten/",
    "statistics": "statistieken/",
    "about": "over/",
    "accessibility statement": "toegankelijkheid/",
    "404": "404.html",
}


def axe_violations(browser, base_url: str, path: str, scheme: str) -> list[str]:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + path)
    if "zoeken/?q=" in path:
        page.wait_for_selector("#kv-results li")
    violations = conftest.axe_violations(page)
    context.close()
    return violations


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_public_page_types_have_no_wcag_violations(site, browser, scheme):
    pages = dict(PUBLIC_PAGES)
    pages["theme page"] = next(p.parent.relative_to(site.root).as_posix() + "/"
                               for p in sorted((site.root / "themas").glob("*/index.html")))
    found = {}
    with serve(site.root) as base_url:
        for name, path in pages.items():
            assert site.exists(path.split("?")[0]) or path.endswith(".html"), f"{name}: {path} not built"
            violations = axe_violations(browser, base_url, path, scheme)
            if violations:
                found[name] = violations
    assert not found, found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_deadline_board_has_no_wcag_violations(internal_site, browser, scheme):
    with serve(internal_site) as base_url:
        assert axe_violations(browser, base_url, "termijnen/", scheme) == []
        assert axe_violations(browser, base_url, "vragen/2099Z00004/", scheme) == []


def test_search_by_keyboard_alone(site, browser):
    """Tab to the search field, type, tab to the first result and open it with Enter."""
    context = browser.new_context()
    page = context.new_page()
    with serve(site.root) as base_url:
        page.goto(base_url + "zoeken/")
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == "kv-q":
                break
        else:
            pytest.fail("the search field cannot be reached with Tab")
        outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert outline not in ("", "none"), "focus must be visible on the search field"
        page.keyboard.type("proefdijk")
        page.keyboard.press("Enter")
        page.wait_for_selector("#kv-results li")
        target = page.locator("#kv-results a.kv-result__title").first.get_attribute("href")
        for _ in range(80):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('kv-result__title')"):
                break
        else:
            pytest.fail("no result link can be reached with Tab")
        assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") not in ("", "none")
        assert page.evaluate("document.activeElement.getAttribute('href')") == target
        page.keyboard.press("Enter")
        page.wait_for_url("**/vragen/**")
        assert "/vragen/" in page.url
    context.close()


def test_set_page_prints_questions_and_answers_without_navigation(site, browser):
    """The print style: navigation, search and sidebars hidden; questions and answers shown."""
    context = browser.new_context()
    page = context.new_page()
    with serve(site.root) as base_url:
        page.goto(base_url + "vragen/2098Z00002/")
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ['.md-header', '.md-tabs', '.md-sidebar--primary', '.md-footer', '.kv-header-search']
            .map(s => document.querySelector(s)).filter(Boolean).map(e => getComputedStyle(e).display)""")
        assert hidden and all(d == "none" for d in hidden), hidden
        assert page.locator("#vraag-1").is_visible() and page.locator("#antwoord-1").is_visible()
        assert page.locator("dl.kv-facts").is_visible()
        page.emulate_media(media="screen")
        assert page.locator(".md-header").is_visible()
    context.close()
