"""The readable text of a note's Markdown, from Python-Markdown's own element tree.

The site renders note bodies with Python-Markdown and `EXTENSIONS` (the MkDocs adapter adds
them to a site's list); the search text is the text of the same parser's tree, so there is
no second renderer to keep in step. What a reader sees is kept: paragraph, list, table and
heading text, admonition titles, link texts and image descriptions; what they do not see is
left out: link targets, HTML tags, attribute lists, footnote reference numbers.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from functools import cache
from html.parser import HTMLParser

from markdown import Markdown, util
from markdown.treeprocessors import Treeprocessor

from kamervragen import inline_pass

# The Markdown the notes are written in (README, "Two audiences": internal blocks are
# admonitions); the adapter requires these of every site, so pages and search agree.
EXTENSIONS = ("admonition", "attr_list", "footnotes", "tables", "fenced_code")
# A paragraph between two pieces rendered as one document: private-use characters, so no
# note's text holds it (a piece that does is rendered on its own).
_BETWEEN = "\ue000kv\ue001"
# Elements that sit inside a line of text; every other element is a block, and a block's
# text is kept apart from its neighbours' by a space ('<li>een</li><li>twee</li>': 'een twee').
_INLINE = frozenset({"a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "img", "ins", "kbd", "mark", "q",
                     "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"})
_HIDDEN = frozenset({"script", "style"})  # the page's sanitiser drops them with their content
# What the footnotes extension adds: the list of definitions, the number that refers to one.
_SKIPPED = frozenset({("div", "footnote"), ("a", "footnote-ref")})
_ENTITY = re.compile(re.escape(util.AMP_SUBSTITUTE) + r"(#?\w+;)")


def text(markdown: str, footnotes: tuple[str, ...] = ()) -> str:
    """The readable text of `markdown`, on one line (words apart by single spaces).

    `footnotes` are the labels of footnotes defined elsewhere in the note: a reference to
    one (`[^2]`) is then a reference, as on the page, and left out, not literal text.
    """
    return " ".join(_convert(markdown, footnotes).split())


def texts(pieces: list[str], footnotes: tuple[str, ...] = ()) -> list[str]:
    """`text` of each piece of one note, in one pass of the parser: the pieces are one
    document on the page too, and one pass costs half of one per piece. Pieces that would
    not come apart again (a piece holding the separator, or one whose raw HTML swallows
    it) are rendered one by one."""
    if len(pieces) > 1 and not any(_BETWEEN in piece for piece in pieces):
        found = _convert(f"\n\n{_BETWEEN}\n\n".join(pieces), footnotes).split(_BETWEEN)
        if len(found) == len(pieces):
            return [" ".join(piece.split()) for piece in found]
    return [text(piece, footnotes) for piece in pieces]


def _convert(markdown: str, footnotes: tuple[str, ...]) -> str:
    source = markdown + "".join(f"\n\n[^{label}]:" for label in footnotes)
    collector = _markdown()
    collector.md.reset()
    collector.text = ""  # convert() skips the tree processors for blank text: nothing stays from before
    collector.md.convert(source)
    return collector.text


class _Collector(Treeprocessor):
    """Runs after every other tree processor: takes the finished tree's text and leaves the
    serialiser an empty tree (the HTML itself is not needed)."""

    text = ""

    def run(self, root: ET.Element) -> ET.Element:
        self.text = "".join(_parts(root, self.md.htmlStash.rawHtmlBlocks))
        return ET.Element(self.md.doc_tag)


@cache
def _markdown() -> _Collector:
    """One parser, reset before each text: making one costs more than rendering a section."""
    md = inline_pass.install(Markdown(extensions=list(EXTENSIONS)))
    collector = _Collector(md)
    md.treeprocessors.register(collector, "kamervragen-text", -100)
    return collector


def _parts(root: ET.Element, stash: list[str | ET.Element]) -> list[str]:
    """Text pieces of the tree in reading order, without recursion (a quote may nest deeply)."""
    out: list[str] = []
    stack: list[tuple[ET.Element, bool]] = [(root, False)]
    while stack:
        element, done = stack.pop()
        block = element.tag not in _INLINE
        if done:  # after the element's children: close the block, then the text after it
            out += [" " if block else "", _resolve(element.tail or "", stash)]
            continue
        stack.append((element, True))
        if (element.tag, element.get("class")) in _SKIPPED:
            continue
        out += [" " if block else "", element.get("alt", "") if element.tag == "img" else ""]
        raw = element.text or ""
        # Python-Markdown escapes code as HTML in the tree ('a &lt; b'); other text is plain.
        out.append(html.unescape(raw) if element.tag == "code" else _resolve(raw, stash))
        stack += [(child, False) for child in reversed(element)]
    return out


def _resolve(piece: str, stash: list[str | ET.Element]) -> str:
    """Text with Python-Markdown's placeholders replaced by their readable text: raw HTML,
    entities and fenced code (kept aside in its stash), and the character references it
    writes a mail address in (`<naam@example.nl>`)."""
    if util.STX not in piece:
        return piece
    piece = _ENTITY.sub(lambda m: html.unescape("&" + m.group(1)), piece)
    return util.HTML_PLACEHOLDER_RE.sub(lambda m: _stashed_text(stash[int(m.group(1))], stash), piece)


def _stashed_text(stashed: str | ET.Element, stash: list[str | ET.Element]) -> str:
    """The text of a piece of raw HTML (or of a tree an extension stashed), blocks apart,
    scripts and styles left out."""
    if isinstance(stashed, ET.Element):
        return "".join(_parts(stashed, stash))
    parser = _HTMLText()
    parser.feed(stashed)
    parser.close()
    return "".join(parser.out)


class _HTMLText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in _HIDDEN
        self.out.append("" if tag in _INLINE else " ")

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in _HIDDEN and self.hidden > 0
        self.out.append("" if tag in _INLINE else " ")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.out.append(data)
