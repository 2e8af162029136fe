"""The inline pass that hands plain text on at once (kamervragen/inline_pass.py): the same HTML
as Python-Markdown's own pass, on real notes and on text full of inline syntax; the shortcut
taken for plain text only; and off when a parser has a pattern nobody checked."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET

import pytest
from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import InlineProcessor as PythonMarkdownPass

from conftest import FIXTURE_NOTES, REAL_SITE, TESTS
from kamervragen import inline_pass
from kamervragen.analysis import markdown_text
from kamervragen.inline_pass import InlinePass

# The site's extensions (mkdocs.yml) and the search text's.
SITE_EXTENSIONS = [*markdown_text.EXTENSIONS, "toc"]
SITE_CONFIGS = {"toc": {"permalink": True}, "footnotes": {"BACKLINK_TITLE": "Terug naar voetnoot %d"}}

# Pieces of text that reach the inline pass: every kind of inline syntax, text that only
# looks like it, and plain words.
PIECES = [
    "woord", "de minister", "2024", "€ 3,5 mln.", "(zie ook)", "vraag?", "zo'n", "“citaat”", "é", "—",
    "*nadruk*", "**vet**", "_ook_", "__ook__", "***beide***", "3 * 4", "snake_case", " * ", "_",
    "`code`", "``dubbel ` in``", "`", "\\*", "\\\\", "\\`", "\\[", "\\",
    "[een link](https://example.nl/a?b=1 \"titel\")", "[ref][1]", "[ref]", "![beeld](b.png)", "![ref][1]",
    "[^1]", "[^b]", "[^onbekend]", "[", "]", "!", "![",
    "<https://example.nl>", "<info@example.nl>", "<span class=\"x\">vet</span>", "<br>", "<!-- opm -->", "<",
    "a < b", "&amp;", "&eacute;", "&#233;", "&", "AT&T", "  \n", " \n", "\n",
]


def _document(rng: random.Random) -> str:
    blocks = []
    for _ in range(rng.randint(1, 6)):
        line = " ".join(rng.choice(PIECES) for _ in range(rng.randint(1, 12)))
        blocks.append(rng.choice(["{}", "- {}", "1. {}", "## {}", "> {}", "| a | {} |\n|---|---|\n| b | c |",
                                  '!!! note "Titel"\n    {}', "{}\n{{: .klasse }}"]).format(line))
    return "\n\n".join(blocks) + "\n\n[1]: https://example.nl/ref\n[^1]: Een voetnoot *met* nadruk.\n[^b]: B.\n"


def _parsers(extensions: list, configs: dict) -> tuple[Markdown, Markdown]:
    plain = Markdown(extensions=extensions, extension_configs=configs)
    return plain, inline_pass.install(Markdown(extensions=extensions, extension_configs=configs))


def _same(plain: Markdown, ours: Markdown, source: str) -> None:
    plain.reset()
    ours.reset()
    assert ours.convert(source) == plain.convert(source), source


@pytest.mark.parametrize("extensions, configs", [(SITE_EXTENSIONS, SITE_CONFIGS), (list(markdown_text.EXTENSIONS), {})],
                         ids=["site", "zoektekst"])
def test_the_html_is_python_markdowns_own(extensions, configs):
    plain, ours = _parsers(extensions, configs)
    assert isinstance(ours.treeprocessors["inline"], InlinePass)
    rng = random.Random(13)
    for _ in range(1500):
        _same(plain, ours, _document(rng))
    notes = sorted([*REAL_SITE.rglob("*.md"), *(TESTS / "fixtures" / "real-search").glob("*.md"),
                    *FIXTURE_NOTES.rglob("*.md")])
    assert len(notes) > 20
    for path in notes:
        _same(plain, ours, path.read_text(encoding="utf-8").split("---", 2)[-1])


def _tried(md: Markdown) -> list[str]:
    """Names of the patterns tried on each conversion, recorded into the returned list."""
    tried: list[str] = []
    for name in [item.name for item in md.inlinePatterns._priority]:
        pattern = md.inlinePatterns[name]
        compiled = pattern.getCompiledRegExp()
        pattern.getCompiledRegExp = lambda name=name, compiled=compiled: tried.append(name) or compiled
    return tried


def test_plain_text_is_handed_on_and_other_text_goes_through_every_pattern():
    md = inline_pass.install(Markdown(extensions=SITE_EXTENSIONS, extension_configs=SITE_CONFIGS))
    tried = _tried(md)
    md.convert("Een gewone zin, met cijfers (2024), vragen? en € 3,5 mln.\n\n- nog een\n- lijst")
    assert tried == []
    for syntax in ["*", "_", "`", "\\", "[", "<", "&", "  \n"]:
        md.reset()
        md.convert(f"Een zin met {syntax} erin.")
        assert len(set(tried)) == len(md.inlinePatterns), syntax
        tried.clear()


class _Cats(Extension):
    """A pattern nobody checked: it matches plain words."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802
        md.inlinePatterns.register(_CatPattern(r"kat", md), "kat", 65)


class _CatPattern(InlineProcessor):
    def handleMatch(self, m: re.Match, data: str):  # noqa: N802
        el = ET.Element("b")
        el.text = "poes"
        return el, m.start(0), m.end(0)


def test_a_pattern_nobody_checked_turns_the_shortcut_off():
    md = inline_pass.install(Markdown(extensions=[_Cats()]))
    assert not inline_pass.checked(md.inlinePatterns)
    assert md.convert("Een kat op de mat.") == "<p>Een <b>poes</b> op de mat.</p>"
    # Added after the parser was made: checked again for each document.
    md = inline_pass.install(Markdown())
    assert md.convert("Een kat.") == "<p>Een kat.</p>"
    md.inlinePatterns.register(_CatPattern(r"kat", md), "kat", 65)
    md.reset()
    assert md.convert("Een kat.") == "<p>Een <b>poes</b>.</p>"


def test_a_changed_expression_is_not_trusted():
    md = Markdown()
    md.inlinePatterns["escape"].pattern = r"\\(.)|x"
    assert not inline_pass.checked(md.inlinePatterns)
    assert inline_pass.checked(Markdown(extensions=["footnotes"]).inlinePatterns)


def test_an_inline_pass_of_an_extension_stays():
    class Own(PythonMarkdownPass):
        pass

    md = Markdown()
    md.treeprocessors.register(Own(md), "inline", 20)
    assert type(inline_pass.install(md).treeprocessors["inline"]) is Own


def test_the_search_text_parser_takes_the_shortcut():
    md = markdown_text._markdown().md
    assert isinstance(md.treeprocessors["inline"], InlinePass)
    assert inline_pass.checked(md.inlinePatterns)


def test_needed_characters_are_all_a_checked_pattern_starts_from():
    """A plain sentence of a real answer (tests/fixtures/real-site) holds none of them."""
    assert not inline_pass.NEEDED.search("Ik verwijs u naar het antwoord op vraag 3. Dat is 12,5% (2023).")
    assert all(inline_pass.NEEDED.search(s) for s in ["*", "_", "`", "\\", "[", "<", "&", "  \n"])
    assert not inline_pass.NEEDED.search(" \n")  # one space before a newline is no line break

