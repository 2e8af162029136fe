"""The body of a note: questions, answers and internal blocks, found in plain Markdown.

Staff write `## Vraag 3` and `## Antwoord 3` headings and mark internal content with an
admonition `!!! intern "Kern"` (indented content, as Material documents it). Parsing
here, before Markdown runs, lets the public build drop internal blocks from the source
text itself, so no later stage can leak them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from . import sanitize
from .problems import Problem

_HEADING = re.compile(r"^(#{2,3})[ \t]+(vraag|antwoord)[ \t]+(\d+)[ \t]*#*[ \t]*$", re.I)
_ANY_HEADING = re.compile(r"^#{1,6}[ \t]")
# Python-Markdown's admonition syntax: `!!! type [more classes] ["title"]`; types are case-blind.
_ADMONITION = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?) ?(?P<classes>[\w\-]+(?: +[\w\-]+)*)")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)  # shown nowhere: the sanitiser strips comments


@dataclass(frozen=True)
class Section:
    """A question or an answer: its number and the body lines after its heading.

    Headings inside an indented `!!! intern` block are not matched, so a section is public,
    though internal blocks may stand inside it.
    """

    kind: str  # "vraag", "antwoord", or "" for any other heading
    number: int
    start: int
    end: int
    title: str

    @property
    def anchor(self) -> str:
        return f"{self.kind}-{self.number}" if self.kind else ""


@dataclass(frozen=True)
class Body:
    """A note's Markdown body with its structure; `lines` keeps internal-block membership."""

    lines: tuple[str, ...]
    internal_lines: frozenset[int]
    sections: tuple[Section, ...]

    def markdown(self, internal: bool) -> str:
        """The body for an audience, with explicit anchors on question and answer headings."""
        headings = {s.start - 1: s for s in self.sections if s.kind}
        out = []
        for i, line in enumerate(self.lines):
            if not internal and i in self.internal_lines:
                continue
            if i in headings:
                section = headings[i]
                line = f"{_HEADING.match(line).group(1)} {section.title} {{#{section.anchor}}}"
            out.append(line)
        return "\n".join(out).strip() + "\n"

    def text(self, internal: bool, section: Section | None = None) -> str:
        """Source text for an audience, whole or of one section (for links, search, similarity)."""
        start, end = (section.start, section.end) if section else (0, len(self.lines))
        return "\n".join(
            self.lines[i] for i in range(start, end) if internal or i not in self.internal_lines
        ).strip()

    def numbers(self, kind: str) -> dict[int, Section]:
        """Questions (`vraag`) or answers (`antwoord`) by number."""
        return {s.number: s for s in self.sections if s.kind == kind}

    def head(self) -> Section:
        """The text before the first heading (the set's introduction)."""
        end = self.sections[0].start - 1 if self.sections else len(self.lines)
        return Section("", 0, 0, end, "")


_EMPTY = {
    "vraag": "'Vraag {n}' is leeg: neem de tekst van de vraag onder de kop over",
    "antwoord": "'Antwoord {n}' is leeg: neem de tekst van het antwoord onder de kop over, "
                "of haal de kop weg zolang er geen antwoord is",
}
MAX_RANGE = 500
_NUMBER_LIST = re.compile(r"\s*[0-9]+(?:\s*(?:,|en|t/m|tot en met)\s*[0-9]+)*\s*")


def question_numbers(text: str) -> list[int] | None:
    """Numbers named the way staff write them: "2 t/m 6", "3 en 7", "4, 6 en 9"; None if unreadable."""
    if not _NUMBER_LIST.fullmatch(text):
        return None
    numbers: list[int] = []
    tokens = re.findall(r"[0-9]+|t/m|tot en met", text)
    for i, token in enumerate(tokens):
        if token.isdigit() and i >= 2 and tokens[i - 1] in ("t/m", "tot en met"):
            if not numbers[-1] < int(token) <= numbers[-1] + MAX_RANGE:
                return None  # "6 t/m 2" goes down; "1 t/m 1000000" is no set of questions
            numbers += range(numbers[-1] + 1, int(token) + 1)
        elif token.isdigit():
            numbers.append(int(token))
    return numbers


def _indent(line: str) -> int:
    return len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())


def _internal_lines(lines: list[str], first_line: int = 1) -> tuple[set[int], list[tuple[int, str]]]:
    """Line indexes inside `!!! intern` blocks: the marker line and the lines indented at
    least four more than it (the marker may itself sit in a list item or another block).

    Also (line index, message) for blocks whose content is indented too little: Markdown
    then ends the block early and publishes the text, so that is an error, not a style.
    `first_line` is the file line of `lines[0]`, for the messages."""
    inside: set[int] = set()
    problems: list[tuple[int, str]] = []
    block_indent: int | None = None
    marker = 0
    has_content = in_fence = False

    def close() -> None:
        if not has_content:
            problems.append((marker, "het interne blok heeft geen inhoud: de tekst eronder springt vier spaties in, "
                                     "anders wordt ze openbaar"))

    for i, line in enumerate(lines):
        if block_indent is not None:
            if not line.strip() or _indent(line) >= block_indent + 4:
                inside.add(i)
                has_content = has_content or bool(line.strip())
                continue
            if _indent(line) > block_indent:
                problems.append((i, f"deze regel springt {_indent(line) - block_indent} spatie(s) in na het interne "
                                    f"blok van regel {first_line + marker}; de inhoud van een intern blok springt "
                                    "vier spaties in, anders wordt ze openbaar"))
                has_content = True  # one message for the block is enough
            close()
            block_indent = None
        if _FENCE.match(line):
            in_fence = not in_fence
        admonition = None if in_fence else _ADMONITION.match(line)
        if admonition and "intern" in admonition.group("classes").lower().split():
            block_indent, marker, has_content = _indent(line), i, False
            inside.add(i)
    if block_indent is not None:
        close()
    # Trailing blank lines belong to the text after the block, not to the block.
    for i in sorted(inside, reverse=True):
        if lines[i].strip():
            break
        inside.discard(i)
    return inside, problems


def parse_body(text: str, rel: str, first_line: int) -> tuple[Body, list[Problem]]:
    """Split a body into sections; report empty bodies, duplicate and orphan numbers."""
    lines = text.split("\n")
    internal, block_problems = _internal_lines(lines, first_line)
    problems = [Problem(rel, message, line=first_line + i) for i, message in block_problems]
    if not text.strip():
        problems.append(Problem(rel, "de tekst na de front matter is leeg: neem minstens de vragen op", line=first_line))
    starts: list[tuple[int, str, int, str]] = []
    in_fence = False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            in_fence = not in_fence
        if in_fence:
            continue
        problems += [Problem(rel, message, line=first_line + i) for message in sanitize.dropped(line)]
        match = _HEADING.match(line)
        if match:
            kind, number = match.group(2).lower(), int(match.group(3))
            starts.append((i, kind, number, f"{kind.capitalize()} {number}"))
        elif _ANY_HEADING.match(line):
            starts.append((i, "", 0, line.lstrip("#").strip().rstrip("#").strip()))
    sections: list[Section] = []
    seen: dict[tuple[str, int], int] = {}
    for n, (i, kind, number, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        if not kind:
            sections.append(Section("", 0, i + 1, end, title))
            continue
        if (kind, number) in seen:
            problems.append(Problem(
                rel, f"'{kind.capitalize()} {number}' staat twee keer in de tekst "
                f"(ook op regel {seen[kind, number]})", line=first_line + i))
            continue
        seen[kind, number] = first_line + i
        sections.append(Section(kind, number, i + 1, end, title))
    questions = {s.number for s in sections if s.kind == "vraag"}
    for s in sections:
        if s.kind and not _COMMENT.sub("", "\n".join(lines[s.start:s.end])).strip():
            problems.append(Problem(rel, _EMPTY[s.kind].format(n=s.number), line=seen[s.kind, s.number]))
        if s.kind == "antwoord" and s.number not in questions:
            problems.append(Problem(
                rel, f"'Antwoord {s.number}' heeft geen 'Vraag {s.number}'", line=seen["antwoord", s.number]))
    return Body(tuple(lines), frozenset(internal), tuple(sections)), problems
