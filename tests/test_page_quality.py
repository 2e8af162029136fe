"""Every page finished, in Chromium: at phone (390 px) and desktop (1280 px) width, in the light
and the dark colour scheme, on the seed site (the repository's mkdocs.yml, docs and notes,
published under a sub-path) and on the synthetic fixture site (public, and the staff build for
the deadline board).

On every page type (picked from the built site by scripts/screenshots.py, which photographs
the same pages):
- nothing is wider than the window;
- no empty box paints a background (an empty coloured strip), and no navigation column in view
  stands empty (Material's sidebar beside a page that is not in the nav);
- no text in view is cut short by an ellipsis (the site name in the header, a heading);
- no English interface text: none of the English strings of Material's language file, nor the
  English Material writes without translating;
- axe-core finds no WCAG 2.1 A or AA violation (in the views AXE_VIEWS names);
and a search with results shows its first result in the first screen at desktop width.

The checks run in the page (tests/js/page_quality.js); each site and view is visited once and
its findings are shared by the tests below. `test_the_checks_catch_what_they_look_for` shows on
a real page that each check fails when its fault is put back.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from conftest import REPO, SEED_SITE_URL, axe_violations, soup

sys.path.insert(0, str(REPO / "scripts"))
from screenshots import WIDTHS, open_page, page_types, serve  # noqa: E402  (the gallery's own page list)

CHECKS = REPO / "tests" / "js" / "page_quality.js"
MATERIAL_LANGUAGES = Path(__import__("material").__file__).parent / "templates" / "partials" / "languages"
SCHEMES = ("light", "dark")
VIEWS = [(w, s) for w in WIDTHS for s in SCHEMES]
# Strings of Material's en.html that are not interface text (codes) or are Dutch as well.
NOT_ENGLISH_KEYS = {"language", "direction"}
DUTCH_TOO = {"in", "Metadata", "RSS feed"}
# English that Material writes without its language files (partials/copyright.html).
UNTRANSLATED = {"Made with"}


def english_strings() -> dict[str, re.Pattern[str]]:
    """Material's English interface strings, each as a whole-text pattern ('#' is a number)."""
    source = (MATERIAL_LANGUAGES / "en.html").read_text(encoding="utf-8")
    pairs = re.findall(r'^\s*"([^"]+)": "((?:[^"\\]|\\.)*)"', source, re.M)
    assert len(pairs) > 40, "Material's en.html changed form; update english_strings()"
    strings = {value for key, value in pairs
               if key not in NOT_ENGLISH_KEYS and not key.startswith("search.config.") and value not in DUTCH_TOO}
    strings |= UNTRANSLATED
    return {s: re.compile(re.escape(s).replace("\\#", "#").replace("#", r"\d+"), re.I) for s in strings}


ENGLISH = english_strings()


def english_in(texts: list[str]) -> list[str]:
    return sorted({f"{t!r} (Material: {s!r})" for t in texts for s, pattern in ENGLISH.items()
                   if pattern.fullmatch(t)})


# --- the sites -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sites(seed_site, site, internal_site) -> dict[str, tuple[Path, str, dict[str, str]]]:
    """Name -> (directory to serve, the site's path in it, page type -> page path)."""
    www, prefix = seed_site
    staff = {k: v for k, v in page_types(internal_site).items() if k in ("termijnen", "set")}
    assert "termijnen" in staff, "the staff build has no deadline board"
    return {
        "seed": (www, prefix, page_types(www / prefix.strip("/"))),
        "synthetisch": (site.root, "", page_types(site.root)),
        "intern": (internal_site, "", staff),
    }


@pytest.fixture(scope="module")
def findings(sites, browser):
    """(site, width, scheme) -> page type -> check -> findings; each view is visited once."""
    cache: dict[tuple[str, int, str], dict[str, dict]] = {}

    def get(name: str, width: int, scheme: str) -> dict[str, dict]:
        if (name, width, scheme) not in cache:
            axe = any(p.values == (name, width, scheme) for p in AXE_VIEWS)
            cache[name, width, scheme] = visit(browser, *sites[name], width, scheme, axe)
        return cache[name, width, scheme]
    return get


def visit(browser, root: Path, prefix: str, pages: dict[str, str], width: int, scheme: str,
          axe: bool) -> dict[str, dict]:
    context = browser.new_context(viewport={"width": width, "height": WIDTHS[width]}, color_scheme=scheme)
    page = context.new_page()
    out: dict[str, dict] = {}
    with serve(root) as base_url:
        for kind, path in pages.items():
            open_page(page, base_url + prefix + path)
            page.add_script_tag(path=str(CHECKS))
            result = page.evaluate("""() => ({overflow: kvQuality.overflow(), strips: kvQuality.emptyStrips(),
                columns: kvQuality.emptyColumns(),
                cut: kvQuality.cutOff(), texts: kvQuality.texts(), first: kvQuality.firstResult(),
                scheme: document.body.getAttribute('data-md-color-scheme')})""")
            result["english"] = english_in(result.pop("texts"))
            result["axe"] = axe_violations(page) if axe else None
            out[kind] = result
    context.close()
    return out


def failing(report: dict[str, dict], check: str) -> dict[str, list[str]]:
    return {kind: r[check] for kind, r in report.items() if r[check]}


SITE_VIEWS = [pytest.param(site, w, s, id=f"{site}-{w}-{s}") for site in ("seed", "synthetisch", "intern")
              for w, s in VIEWS]
# axe-core takes about a second a page, so it runs in fewer views: each site at both widths and
# in both schemes between them, and tests/test_accessibility.py adds the synthetic site at
# desktop width, light and dark. Width changes the layout, the scheme only the colours.
AXE_VIEWS = [p for p in SITE_VIEWS if p.values in {
    ("seed", 390, "light"), ("seed", 1280, "dark"), ("synthetisch", 390, "dark"),
    ("intern", 390, "light"), ("intern", 1280, "dark")}]


# --- the checks ------------------------------------------------------------------------------

@pytest.mark.parametrize("site_name, width, scheme", SITE_VIEWS)
def test_nothing_is_wider_than_the_window(findings, site_name, width, scheme):
    report = findings(site_name, width, scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert {r["scheme"] for r in report.values()} == {expected}, "the colour scheme did not follow the visitor's"
    assert failing(report, "overflow") == {}


@pytest.mark.parametrize("site_name, width, scheme", SITE_VIEWS)
def test_no_empty_coloured_strips(findings, site_name, width, scheme):
    assert failing(findings(site_name, width, scheme), "strips") == {}


@pytest.mark.parametrize("site_name, width, scheme", SITE_VIEWS)
def test_no_empty_navigation_column(findings, site_name, width, scheme):
    assert failing(findings(site_name, width, scheme), "columns") == {}


@pytest.mark.parametrize("site_name, width, scheme", SITE_VIEWS)
def test_no_heading_or_site_name_cut_off(findings, site_name, width, scheme):
    assert failing(findings(site_name, width, scheme), "cut") == {}


@pytest.mark.parametrize("site_name, width, scheme", SITE_VIEWS)
def test_no_english_interface_text(findings, site_name, width, scheme):
    assert failing(findings(site_name, width, scheme), "english") == {}


@pytest.mark.parametrize("site_name, width, scheme", AXE_VIEWS)
def test_no_wcag_violations(findings, site_name, width, scheme):
    assert failing(findings(site_name, width, scheme), "axe") == {}


@pytest.mark.parametrize("site_name", ["seed", "synthetisch"])
def test_first_search_result_is_in_the_first_screen(findings, site_name):
    first = findings(site_name, 1280, "light")["zoeken"]["first"]
    assert first is not None, "the search page shows no results"
    assert first["bottom"] <= first["height"], f"the first result starts at {first['top']:.0f} px, below the screen"


def test_every_page_type_is_checked(sites):
    assert set(sites["seed"][2]) == {
        "home", "set", "themas", "thema", "kamerlid", "partij", "bewindspersoon", "jaar", "overzicht", "zoeken",
        "precedenten", "statistieken", "404", "over", "colofon", "toegankelijkheid", "notitieformaat", "open-data"}
    assert set(sites["synthetisch"][2]) == set(sites["seed"][2])
    assert set(sites["intern"][2]) == {"termijnen", "set"}


def test_the_checks_catch_what_they_look_for(sites, browser):
    """Each fault put back into a real page is found: Material's empty banner strip, the header
    search field that squeezed the site name to "Ka…" on a phone, a table wider than the
    window, Material's English footer, and the empty navigation column beside the 404 page."""
    root, prefix, pages = sites["seed"]
    context = browser.new_context(viewport={"width": 390, "height": WIDTHS[390]})
    page = context.new_page()
    with serve(root) as base_url:
        open_page(page, base_url + prefix + pages["statistieken"])
        page.add_script_tag(path=str(CHECKS))
        clean = page.evaluate("() => [kvQuality.emptyStrips(), kvQuality.cutOff(), kvQuality.overflow()]")
        assert clean == [[], [], []]
        page.evaluate("""() => {
            document.querySelector('[data-md-component=announce]').innerHTML =
              '<aside class="md-banner"><div class="md-banner__inner md-grid md-typeset">\\n  \\n</div></aside>';
            const style = document.createElement('style');
            style.textContent = '.kv-header-search__input { display: block !important; width: 9rem !important; }';
            document.head.append(style);
            document.querySelector('.md-copyright').append(' Made with ');
            for (let el = document.querySelector('.kv-table table'); el !== document.body; el = el.parentElement) {
              el.style.overflow = 'visible';  // the table no longer scrolls in its own box
            }
        }""")
        strips, cut, wide, texts = page.evaluate(
            "() => [kvQuality.emptyStrips(), kvQuality.cutOff(), kvQuality.overflow(), kvQuality.texts()]")
    context.close()
    context = browser.new_context(viewport={"width": 1280, "height": WIDTHS[1280]})
    page = context.new_page()
    with serve(root) as base_url:
        open_page(page, base_url + prefix + pages["404"])
        page.add_script_tag(path=str(CHECKS))
        assert page.evaluate("kvQuality.emptyColumns()") == []
        page.add_style_tag(content=".md-sidebar--primary { display: block !important; }")  # as before
        columns = page.evaluate("kvQuality.emptyColumns()")
    context.close()
    assert columns and "holds 0 link(s)" in columns[0], columns
    assert [s.split(" [")[0] for s in strips] == ["aside.md-banner"], strips
    assert any("Kamervragen-archief" in c for c in cut), cut
    assert wide and "window" in wide[0], wide
    assert any("Made with" in e for e in english_in(texts))


# --- not in a browser --------------------------------------------------------------------------

def test_the_404_example_follows_the_site_address(seed_site):
    www, prefix = seed_site
    page = soup((www / prefix / "404.html").read_text(encoding="utf-8"))
    assert page.find("code", string=f"{SEED_SITE_URL}2026Z00186/") is not None

