"""Cross-links made in rendered Markdown: kenmerken, question references and theme names.

A Python-Markdown tree processor works on the parsed document, so links never land in
code, headings or existing links. Links are written as relative source paths; the
builder then resolves and checks them like any hand-written link.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

from kamervragen import urls
from kamervragen.model import Archive
from kamervragen.read.notes import Note
from kamervragen.read.schema import KENMERK_PATTERN

SKIP_TAGS = {"a", "code", "pre", "kbd", "script", "style", "h1", "h2", "h3", "h4", "h5", "h6"}
_KENMERK = rf"(?P<kenmerk>\b{KENMERK_PATTERN}\b)"
# 'vraag 3', 'antwoord 3', and 'het antwoord op vraag 3' / 'de beantwoording van de vragen 1 en 5'
# (`answer`): those name the answer serving the question, combined or not; 'vraag 3' is the link.
_QUESTION = (r"(?:(?P<answer>\b[Aa]ntwoord(?:en)?|\b[Bb]eantwoording)[ \t\n]+(?:(?:op|van|bij)[ \t\n]+)?"
             r"(?:de[ \t\n]+)?)?"
             r"(?P<ref>\b(?P<word>[Vv]ra(?:ag|gen)|[Aa]ntwoord(?:en)?)[ \t\n]+"
             r"(?P<nums>\d+(?:[ \t\n]*(?:,|en|t/m|tot en met)[ \t\n]*\d+)*)\b)")
_QUESTION_STARTS = "AaBbVv"  # the letters a match of _QUESTION can start with


@dataclass
class LinkContext:
    """What the page being rendered may link: the archive, its own path and its set (if any)."""

    archive: Archive
    src_uri: str
    note: Note | None = None
    linked_themes: set[str] = field(default_factory=set)

    def href(self, target_src: str, anchor: str = "") -> str:
        return urls.relative(target_src, self.src_uri) + (f"#{anchor}" if anchor else "")


@lru_cache(maxsize=8)
def _patterns(terms: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], re.Pattern[str], dict[str, str]]:
    """Compiled once per theme registry: (kenmerk only, kenmerk + questions + themes, term -> slug).

    Theme terms go longest first; abbreviations (all capitals) match case-sensitively; a space
    in a term matches any white space, so a name broken over two lines is still found.
    """
    ordered = sorted(terms, key=lambda x: -len(x[0]))
    flexible = [r"\s+".join(map(re.escape, t.split())) for t, _ in ordered]
    parts = [p if t.isupper() else f"(?i:{p})" for p, (t, _) in zip(flexible, ordered)]
    body = [_KENMERK, _QUESTION]
    if parts:
        body.append(r"(?P<theme>(?<!\w)(?:" + "|".join(parts) + r")(?!\w))")
    slugs: dict[str, str] = {}
    for term, slug in ordered:
        slugs.setdefault(term if term.isupper() else term.lower(), slug)
    return re.compile(_KENMERK), re.compile(f"{_match_starts(ordered)}(?:{'|'.join(body)})"), slugs


def _match_starts(terms: list[tuple[str, str]]) -> str:
    """A lookahead for the characters a match can start with, tested first: where none can
    start (most of a text), the regex engine then tries no alternative at all. Over real
    text: 1.6 times as fast."""
    upper = "".join(re.escape(t[0]) for t, _ in terms if t.isupper())
    other = "".join(re.escape(t[0]) for t, _ in terms if not t.isupper())
    return f"(?=[0-9{_QUESTION_STARTS}{upper}]" + (f"|(?i:[{other}])" if other else "") + ")"


_KENMERK_TAIL = re.compile(r"Z\d{5}")  # literal first: fast; no \b, Markdown may mark up around one


@lru_cache(maxsize=8)
def _term_words(terms: tuple[tuple[str, str], ...]
                ) -> tuple[frozenset[str], tuple[tuple[str, str, frozenset[str]], ...]]:
    """Every word of every theme term (lower case), and each term with its words."""
    split = tuple((term, slug, frozenset(term.lower().split())) for term, slug in terms)
    return frozenset().union(*(words for _, _, words in split)), split


def theme_words(archive: Archive) -> frozenset[str]:
    """Every word of every theme term of the archive (lower case)."""
    return _term_words(archive.theme_terms)[0]


def link_words(markdown: str, words: frozenset[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """What of a page's Markdown its cross-links depend on: the kenmerken it may name, and
    which of the theme `words` are in its text. A function of the two alone, so a page cache
    may keep it (cached_pages.LinkWords)."""
    kenmerken = {markdown[max(m.start() - 4, 0):m.end()] for m in _KENMERK_TAIL.finditer(markdown)}
    text = markdown.lower()
    return tuple(sorted(kenmerken)), tuple(sorted(word for word in words if word in text))


def link_inputs(archive: Archive, found: tuple[tuple[str, ...], tuple[str, ...]]
                ) -> tuple[tuple[str, ...], tuple[tuple[str, str], ...]]:
    """What the cross-links in a page's Markdown depend on besides the text and its set, from
    the Markdown's `link_words`: which of the kenmerken it may name exist, and the theme terms
    that may occur in it (every word of the term is in the text). A page cache keys on this,
    so another note or theme makes this page render again only when it can change this
    page's links."""
    kenmerken, present = found
    in_text = frozenset(present)
    return (tuple(k for k in kenmerken if k in archive.by_kenmerk),
            tuple((term, slug) for term, slug, needed in _term_words(archive.theme_terms)[1] if needed <= in_text))


class Linker:
    """Finds link targets in a text run of one page."""

    def __init__(self, ctx: LinkContext) -> None:
        self.ctx = ctx
        kenmerk_only, everything, self.term_slugs = _patterns(ctx.archive.theme_terms)
        self.pattern = everything if ctx.note is not None else kenmerk_only

    def split(self, text: str) -> list[str | ET.Element]:
        """Text pieces and link elements, in order; the first item is always text."""
        out: list[str | ET.Element] = []
        pos = 0
        for match in self.pattern.finditer(text):
            links = self._links(match)
            if links is None:
                continue
            out.append(text[pos:match.start()])
            for piece in links:  # text and links alternate: a leading text piece joins the text before
                if isinstance(piece, str) and isinstance(out[-1], str):
                    out[-1] += piece
                else:
                    out.append(piece)
            pos = match.end()
        out.append(text[pos:])
        return out

    def _links(self, match: re.Match[str]) -> list[str | ET.Element] | None:
        ctx = self.ctx
        if match.group("kenmerk"):
            kenmerk = match.group("kenmerk")
            if kenmerk not in ctx.archive.by_kenmerk or (ctx.note and ctx.note.kenmerk == kenmerk):
                return None
            return [_a(kenmerk, ctx.href(urls.set_src(kenmerk)))]
        if match.groupdict().get("ref"):
            return self._question_links(match)
        term = match.group("theme")
        term = " ".join(term.split())
        slug = self.term_slugs.get(term) or self.term_slugs.get(term.lower())
        if slug is None or slug in ctx.linked_themes:
            return None
        ctx.linked_themes.add(slug)
        return [_a(match.group("theme"), ctx.href(urls.src(urls.THEMES, slug)))]

    def _question_links(self, match: re.Match[str]) -> list[str | ET.Element] | None:
        """`vragen 2 t/m 6` -> link `vragen 2` and `6`, each to the question (or its answer);
        after 'het antwoord op' each to the answer serving it (or the question)."""
        assert self.ctx.note is not None
        body = self.ctx.note.body
        answer = match.group("answer") or match.group("word").lower().startswith("antw")
        prefer = ("antwoord", "vraag") if answer else ("vraag", "antwoord")
        out: list[str | ET.Element] = [match.string[match.start():match.start("ref")]]  # 'het antwoord op ', or ''
        start = match.start("ref")
        pos = match.start("nums")
        first = True
        for num in re.finditer(r"\d+", match.group("nums")):
            number = num.group()
            kind = next((k for k in prefer if number in body.numbers(k)), None)
            if kind is None:
                return None
            end = match.start("nums") + num.end()
            label_start = start if first else match.start("nums") + num.start()
            out.append(match.string[pos:label_start] if not first else "")
            link = _a(match.string[label_start:end], f"#{kind}-{number}")
            if not first:
                link.set("aria-label", f"{kind} {number}")
            out.append(link)
            pos, first = end, False
        return [piece for piece in out if not isinstance(piece, str) or piece]


def _a(text: str, href: str) -> ET.Element:
    el = ET.Element("a", {"href": href})
    el.text = text
    return el


class _LinkTreeprocessor(Treeprocessor):
    def __init__(self, md: Markdown, context: Callable[[], LinkContext | None]) -> None:
        super().__init__(md)
        self.context = context

    def run(self, root: ET.Element) -> None:
        ctx = self.context()
        if ctx is not None:
            self._walk(root, Linker(ctx))

    def _walk(self, el: ET.Element, linker: Linker) -> None:
        if el.tag in SKIP_TAGS:
            return
        if el.text:
            pieces = linker.split(el.text)
            el.text = pieces[0]
            _insert(el, 0, pieces[1:])
        for child in list(el):
            self._walk(child, linker)
            if child.tail:
                pieces = linker.split(child.tail)
                child.tail = pieces[0]
                _insert(el, list(el).index(child) + 1, pieces[1:])


def _insert(parent: ET.Element, index: int, pieces: list[str | ET.Element]) -> None:
    """Insert link elements at `index`, attaching the text between them as tails."""
    last: ET.Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            assert last is not None
            last.tail = (last.tail or "") + piece
        else:
            parent.insert(index, piece)
            index += 1
            last = piece


class CrossLinks(Extension):
    """Markdown extension; `context` returns the current page's LinkContext (None: no links)."""

    def __init__(self, context: Callable[[], LinkContext | None]) -> None:
        super().__init__()
        self.context = context

    def extendMarkdown(self, md: Markdown) -> None:
        # After inline parsing (20), before attr_list (8), toc (5) and the builder's link resolution (0).
        md.treeprocessors.register(_LinkTreeprocessor(md, self.context), "kamervragen_links", 15)
