"""Python-Markdown's inline pass, handing on at once the text no inline pattern can match.

Python-Markdown tries each of its inline patterns (fifteen, with footnotes) on every text of
the tree, one after another. Most of a note is plain sentences: of the paragraphs of the real
answers in tests/fixtures, three in four hold none of the characters those patterns need, a
backquote, backslash, bracket, angle bracket, ampersand, asterisk or underscore, nor a line
break (two spaces before a newline). Such a text comes out of the pass as it went in, so
`InlinePass` hands it on without trying a pattern: the search text of a real set takes
0.8 ms instead of 1.5, a synthetic set page's Markdown (10 KB) 3.4 ms instead of 4.7.

It does so only while every inline pattern of the parser is one whose regular expression was
checked to need such a character (`CHECKED`): an extension's own pattern may match any
text, and a changed expression may too. Then each text goes through every pattern, as in
Python-Markdown itself. The test suite checks that the parsers of the site use the shortcut,
and that it changes no output.
"""

from __future__ import annotations

import functools
import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from markdown import Markdown
from markdown.treeprocessors import InlineProcessor

# Every match of every pattern in CHECKED holds one of these.
NEEDED = re.compile(r"[`\\\[<&*_]|  \n")

# The patterns of Python-Markdown 3.11 and its footnotes extension, each by its class and the
# SHA-256 of its regular expression (16 hex digits): a changed expression is checked anew.
CHECKED = frozenset({
    ("markdown.inlinepatterns.BacktickInlineProcessor", "231bee70302e704d"),  # ` (or \ before it)
    ("markdown.inlinepatterns.EscapeInlineProcessor", "51a11c21258d37ec"),  # \
    ("markdown.extensions.footnotes.FootnoteInlineProcessor", "154f68064ec7034b"),  # [^
    ("markdown.inlinepatterns.ReferenceInlineProcessor", "0aca4cbc7f7995e2"),  # [
    ("markdown.inlinepatterns.LinkInlineProcessor", "0aca4cbc7f7995e2"),  # [
    ("markdown.inlinepatterns.ImageInlineProcessor", "3bd0cb9cfeedd718"),  # ![
    ("markdown.inlinepatterns.ImageReferenceInlineProcessor", "3bd0cb9cfeedd718"),  # ![
    ("markdown.inlinepatterns.ShortReferenceInlineProcessor", "0aca4cbc7f7995e2"),  # [
    ("markdown.inlinepatterns.ShortImageReferenceInlineProcessor", "3bd0cb9cfeedd718"),  # ![
    ("markdown.inlinepatterns.AutolinkInlineProcessor", "7cc379585f40fe69"),  # <
    ("markdown.inlinepatterns.AutomailInlineProcessor", "64b9f843dff4e149"),  # <
    ("markdown.inlinepatterns.SubstituteTagInlineProcessor", "75df45fedc69aea0"),  # two spaces, newline
    ("markdown.inlinepatterns.HtmlInlineProcessor", "47eec514cf83c77b"),  # < (raw HTML)
    ("markdown.inlinepatterns.HtmlInlineProcessor", "59f41c098c4b4533"),  # & (an entity)
    ("markdown.inlinepatterns.DelimiterProcessor", "1d6aeef067c22aba"),  # * or _
})


def checked(patterns: Iterable[object]) -> bool:
    """Whether every one of `patterns` is in CHECKED."""
    return all(_identity(type(p), getattr(p, "pattern", None)) in CHECKED for p in patterns)


@functools.cache
def _identity(kind: type, expression: object) -> tuple[str, str]:
    """A pattern's class and expression as CHECKED names them; once per build for each, as
    every document is checked (hashing them for each took 1 s a cold build at 10,000 sets)."""
    digest = hashlib.sha256(expression.encode()).hexdigest()[:16] if isinstance(expression, str) else ""
    return f"{kind.__module__}.{kind.__qualname__}", digest


class InlinePass(InlineProcessor):
    """Python-Markdown's inline pass with the shortcut; `install` puts it in a parser."""

    shortcut = False

    def run(self, tree: ET.Element, ancestors: list[str] | None = None) -> ET.Element:
        self.shortcut = checked(self.inlinePatterns)  # per document: an extension may add a pattern later
        return super().run(tree, ancestors)

    # Python-Markdown's private method, by its mangled name: the one step that tries the
    # patterns on a text (also on the parts of a text a pattern matched).
    def _InlineProcessor__handleInline(self, data: str, patternIndex: int = 0) -> str:  # noqa: N802, N803
        if self.shortcut and not NEEDED.search(data):
            return data
        return super()._InlineProcessor__handleInline(data, patternIndex)


def install(md: Markdown) -> Markdown:
    """`md` with `InlinePass` in place of Python-Markdown's own inline pass (same name and
    place among the tree processors), after its extensions are loaded; an inline pass an
    extension put in its place stays."""
    if "inline" in md.treeprocessors and type(md.treeprocessors["inline"]) is InlineProcessor:
        md.treeprocessors.register(InlinePass(md), "inline", 20)  # Python-Markdown's own priority for it
    return md
