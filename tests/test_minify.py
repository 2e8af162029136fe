"""Every page MkDocs writes is minified (adapter/minify.py), and nothing a visitor sees changes:
code keeps its whitespace, scripts their content, words the spaces between them, and every
closing tag stays. The fixture site is compared with the same site built without minifying."""

from __future__ import annotations

import re

import pytest

from conftest import REPO, BuiltSite, build_site, copy_fixture_site, soup, template_whitespace
from kamervragen import urls
from kamervragen.adapter import plugin
from kamervragen.adapter.minify import minify

# Elements whose text runs on one line of the page: their words, and the spaces between them,
# are what a visitor reads.
LINES = ("p", "li", "h1", "h2", "h3", "h4", "td", "th", "dt", "dd", "a", "label", "figcaption", "caption")
BLOCKS = ("div", "p", "ul", "ol", "li", "table", "section", "nav", "header", "footer", "form", "dl", "pre",
          "figure", "h1", "h2", "h3", "h4", "details", "aside", "article", "svg")

# A page as the templates write it: indented, with what must come through unchanged.
PAGE = """<!doctype html>
<html lang="nl">
  <head>
    <meta charset="utf-8">
    <script id="__config" type="application/json">{"base": "../..",  "features": [
        "navigation.tabs"], "search": "../../assets/javascripts/workers/search.js"}</script>
    <script>
      var kvIndent = 1;   // een commentaar
    </script>
  </head>
  <body>
    <ul class="kv-items">
      <li class="kv-item">
        <a href="../vragen/2098Z00001/">Jansen</a> (Partij C)
        ·
        <span class="kv-item__date">beantwoord 20 maart 2098</span>
      </li>
    </ul>
    <p><strong>Gesteld</strong> <time datetime="2098-03-02">2 maart 2098</time></p>
    <pre><code class="language-yaml">vragenstellers:
  - naam: Jansen
\tpartij:   "Partij C"   
</code></pre>
  </body>
</html>
"""


def test_minify_keeps_what_shows_and_every_tag():
    html = minify(PAGE)
    before, after = soup(PAGE), soup(html)
    assert template_whitespace(before) and not template_whitespace(after)
    # scripts as they are but for the whitespace at their two ends (no JS minifier); code with
    # its indentation, tabs and trailing spaces
    assert [s.string for s in after.find_all("script")] == [s.string.strip() for s in before.find_all("script")]
    assert after.pre.get_text() == before.pre.get_text()
    assert "\n  - naam: Jansen\n\tpartij:   \"Partij C\"   \n" in html
    # the spaces between inline elements and text stay (collapsed to one)
    assert after.li.get_text() == "Jansen (Partij C) · beantwoord 20 maart 2098"
    assert after.p.get_text() == "Gesteld 2 maart 2098"
    # no tag is left for the parser to infer
    assert html.startswith("<!doctype html><html lang=nl><head>")
    for name in ("li", "ul", "p", "head", "body", "html"):
        assert html.count(f"</{name}>") == 1, name


@pytest.fixture(scope="module")
def unminified(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The fixture site built as before minifying: every page as the templates write it."""
    base = tmp_path_factory.mktemp("unminified")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(plugin, "minify", lambda html: html)
        warnings = build_site(copy_fixture_site(base / "src") / "mkdocs.yml", base / "site")
    return BuiltSite(base / "site", warnings)


def pages(site: BuiltSite) -> list[str]:
    """The pages MkDocs wrote: every HTML file but the short links, which the plugin writes as
    small files of its own (generate/short_links.py)."""
    short_links = {urls.short_file(p.parent.name) for p in site.root.glob("vragen/*/index.html")}
    found = [p.relative_to(site.root).as_posix() for p in site.html_files()]
    return [rel for rel in found if rel not in short_links]


def test_every_page_mkdocs_writes_is_minified(site, unminified):
    assert pages(site) == pages(unminified) and len(pages(site)) > 30 and "404.html" in pages(site)
    assert all(template_whitespace(unminified.page(rel)) for rel in pages(unminified))
    assert {rel: template_whitespace(site.page(rel))[:3] for rel in pages(site) if template_whitespace(site.page(rel))} == {}
    assert sum(site.path(p).stat().st_size for p in pages(site)) < 0.9 * sum(
        unminified.path(p).stat().st_size for p in pages(unminified))


def test_scripts_code_and_words_are_what_they_were(site, unminified):
    """Per page: every script and every code block has the same text, and every line of text
    the same words with the same spaces between them (only runs of spaces become one)."""
    def lines(page) -> list[str]:
        return [" ".join(el.get_text().split()) for el in page.find_all(LINES) if not el.find(BLOCKS)]

    for rel in pages(site):
        new, old = site.page(rel), unminified.page(rel)
        assert [s.string for s in new.find_all("script")] == [s.string for s in old.find_all("script")], rel
        assert [p.get_text() for p in new.find_all("pre")] == [p.get_text() for p in old.find_all("pre")], rel
        assert lines(new) == lines(old), rel
        assert site.title(rel) == unminified.title(rel), rel


def test_closing_tags_stay_in_built_pages(site):
    """Each element of the kinds HTML lets a page leave open is closed, so any parser, not only
    a browser's, reads the same tree."""
    for rel in ("", "vragen/2098Z00002/", "statistieken/"):
        html = site.path(rel).read_text(encoding="utf-8")
        page = soup(html)
        assert re.match(r"<!doctype html><html [^>]*><head>", html, re.I), rel
        for name in ("html", "head", "body", "p", "li", "tr", "td", "th", "thead", "tbody", "dt", "dd", "option"):
            assert html.count(f"</{name}>") == len(page.find_all(name)), (rel, name)


def test_code_blocks_keep_their_whitespace(seed_site):
    """The note format's examples (docs/notitieformaat.md: front matter indented by two and four
    spaces, an internal block by four) are the code blocks of their page, character for character."""
    source = (REPO / "docs" / "notitieformaat.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```[a-z]*\n(.*?)^```$", source, re.S | re.M)
    assert len(blocks) >= 3 and any("\n    " in b for b in blocks)
    www, prefix = seed_site
    page = soup((www / prefix / "notitieformaat" / "index.html").read_text(encoding="utf-8"))
    assert [code.get_text() for code in page.select("pre > code")] == blocks
