"""The body of a note: questions, answers and internal blocks, found in plain Markdown.

Staff write `## Vraag 3` and `## Antwoord 3` headings and mark internal content with an
admonition `!!! intern "Kern"` (indented content, as Material documents it). Parsing
here, before Markdown runs, lets the public build drop internal blocks from the source
text itself, so no later stage can leak them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kamervragen import sanitize
from kamervragen.problems import Problem

_NUM = r"\d+[a-z]?"
_NUMS = rf"{_NUM}(?:[ \t]*(?:,|en|t/m|tot en met|-|–)[ \t]*{_NUM})*"
# '## Vraag 3', '## Vraag 2 en 3', '## Vraag 3a', '## Antwoord op vragen 3 en 4', '## Antwoorden 1, 2 en 3',
# '## Antwoord vraag 4-7' (a final ':' as printed is allowed).
_HEADING = re.compile(rf"^(#{{2,3}})[ \t]+(?P<label>(?P<word>vra(?:ag|gen)|antwoord(?:en)?)(?:[ \t]+op)?"
                      rf"(?:[ \t]+(?:vraag|vragen))?[ \t]+(?P<nums>{_NUMS}))[ \t]*:?[ \t]*#*[ \t]*$", re.I)
# A Markdown footnote definition ('[^1]: text'); its further lines are indented.
_FOOTNOTE = re.compile(r"^\[\^(?P<label>[^\]\s]+)\]:[ \t]?(?P<text>.*)$")
_FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
_ANY_HEADING = re.compile(r"^#{1,6}[ \t]")
# Python-Markdown's admonition syntax: `!!! type [more classes] ["title"]`; types are case-blind.
_ADMONITION = re.compile(r"^(?P<indent>[ \t]*)(?:!!!|\?\?\?\+?) ?(?P<classes>[\w\-]+(?: +[\w\-]+)*)")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_COMMENT = re.compile(r"<!--.*?-->", re.S)  # shown nowhere: the sanitiser strips comments


@dataclass(frozen=True)
class Section:
    """A question or an answer (for one or more numbers) and the body lines after its heading.

    Headings inside an indented `!!! intern` block are not matched, so a section is public,
    though internal blocks may stand inside it. A combined heading ('Antwoord op vragen 3
    en 4') serves each of its numbers: it has an anchor for each (`anchors`).
    """

    kind: str  # "vraag", "antwoord", or "" for any other heading
    numbers: tuple[str, ...]
    start: int
    end: int
    title: str
    anchors: tuple[str, ...] = ()

    @property
    def anchor(self) -> str:
        return self.anchors[0] if self.anchors else ""


@dataclass(frozen=True)
class Body:
    """A note's Markdown body with its structure; `lines` keeps internal-block membership."""

    lines: tuple[str, ...]
    internal_lines: frozenset[int]
    sections: tuple[Section, ...]
    footnote_lines: frozenset[int] = frozenset()

    def markdown(self, internal: bool) -> str:
        """The body for an audience, with explicit anchors on question and answer headings.

        A combined heading gets the first anchor; the others stand just before it as empty
        elements, so `#antwoord-4` lands on 'Antwoord op vragen 3 en 4' too.
        """
        headings = {s.start - 1: s for s in self.sections if s.kind}
        out = []
        for i, line in enumerate(self.lines):
            if not internal and i in self.internal_lines:
                continue
            if i in headings:
                section = headings[i]
                out += [f'<div id="{a}" class="kv-anker"></div>\n' for a in section.anchors[1:]]
                line = f"{_HEADING.match(line).group(1)} {section.title} {{#{section.anchor}}}"
            out.append(line)
        return "\n".join(out).strip() + "\n"

    def text(self, internal: bool, section: Section | None = None) -> str:
        """Source text for an audience, whole or of one section (for links, search, similarity).

        A section's text leaves out footnote definitions: they belong to the set, not to the
        answer they happen to follow (`footnotes` gives them).
        """
        start, end = (section.start, section.end) if section else (0, len(self.lines))
        return "\n".join(
            self.lines[i] for i in range(start, end)
            if (internal or i not in self.internal_lines) and (section is None or i not in self.footnote_lines)
        ).strip()

    def numbers(self, kind: str) -> dict[str, Section]:
        """Questions (`vraag`) or answers (`antwoord`) by number ('3', '3a'); a combined section
        appears under each of its numbers."""
        out: dict[str, Section] = {}
        for s in self.sections:
            if s.kind == kind:
                for number in s.numbers:
                    out.setdefault(number, s)
        return out

    def answer_for(self, number: str) -> Section | None:
        """The answer serving question `number`: its own, or its main number's ('3' for '3a')."""
        answers = self.numbers("antwoord")
        return answers.get(number) or answers.get(_main(number))

    def head(self) -> Section:
        """The text before the first heading (the set's introduction)."""
        end = self.sections[0].start - 1 if self.sections else len(self.lines)
        return Section("", (), 0, end, "")

    def footnotes(self, internal: bool) -> list[tuple[str, str]]:
        """(label, text) of each footnote definition this audience sees, in order."""
        out: list[tuple[str, list[str]]] = []
        for i in sorted(self.footnote_lines):
            if not internal and i in self.internal_lines:
                continue
            match = _FOOTNOTE.match(self.lines[i])
            if match:
                out.append((match.group("label"), [match.group("text")]))
            elif out:
                out[-1][1].append(self.lines[i].strip())
        return [(label, " ".join(t for t in text if t)) for label, text in out]


def _main(number: str) -> str:
    return number.rstrip("abcdefghijklmnopqrstuvwxyz")


def expand(nums: str) -> tuple[str, ...] | None:
    """'4, 5 en 7' -> 4, 5, 7; '2 t/m 6' and '4-7' -> the range; '3a' stays; None if unreadable."""
    tokens = re.findall(rf"{_NUM}|t/m|tot en met|-|–", nums)
    ranges = ("t/m", "tot en met", "-", "–")
    out: list[str] = []
    for i, token in enumerate(tokens):
        if token in ranges:
            continue
        if i >= 2 and tokens[i - 1] in ranges:
            if not (out[-1].isdigit() and token.isdigit() and int(out[-1]) < int(token) <= int(out[-1]) + MAX_RANGE):
                return None
            out += [str(n) for n in range(int(out[-1]) + 1, int(token) + 1)]
        else:
            out.append(token)
    return tuple(out)


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


def _footnote_lines(lines: list[str], code: set[int]) -> set[int]:
    """Lines of footnote definitions: '[^1]: text' and the indented lines after it."""
    inside: set[int] = set()
    current = False
    for i, line in enumerate(lines):
        if i in code:
            current = False
        elif _FOOTNOTE.match(line):
            current = True
            inside.add(i)
        elif current and (not line.strip() or _indent(line) >= 4):
            inside.add(i)
        else:
            current = False
    for i in sorted(inside, reverse=True):  # trailing blank lines belong to what follows
        if lines[i].strip():
            break
        inside.discard(i)
    return {i for i in inside if lines[i].strip() or i + 1 in inside}


def _fenced(lines: list[str]) -> set[int]:
    out, inside = set(), False
    for i, line in enumerate(lines):
        if _FENCE.match(line):
            inside = not inside
            out.add(i)
        elif inside:
            out.add(i)
    return out


def _check_footnotes(lines: list[str], notes: set[int], code: set[int], rel: str,
                     first_line: int) -> list[Problem]:
    """Every reference has a definition and every definition is referred to (nothing dropped)."""
    problems: list[Problem] = []
    defined: dict[str, int] = {}
    for i in sorted(notes):
        match = _FOOTNOTE.match(lines[i])
        if match:
            if match.group("label") in defined:
                problems.append(Problem(rel, f"voetnoot [^{match.group('label')}] heeft twee teksten "
                                        f"(ook op regel {defined[match.group('label')]})", line=first_line + i))
            defined.setdefault(match.group("label"), first_line + i)
    used: dict[str, int] = {}
    for i, line in enumerate(lines):
        if i in code:
            continue
        for match in _FOOTNOTE_REF.finditer(line if i not in notes else _FOOTNOTE.sub(r"\g<text>", line)):
            used.setdefault(match.group("label"), first_line + i)
    for label, line in used.items():
        if label not in defined:
            problems.append(Problem(rel, f"voetnoot [^{label}] heeft geen tekst; voeg een regel '[^{label}]: …' toe",
                                    line=line))
    for label, line in defined.items():
        if label not in used:
            problems.append(Problem(rel, f"voetnoot [^{label}] wordt nergens in de tekst genoemd", line=line))
    return problems


def parse_body(text: str, rel: str, first_line: int, original_numbering: bool = False,
               allow_empty: bool = False) -> tuple[Body, list[Problem]]:
    """Split a body into sections; report empty bodies, unreadable, repeated, missing and orphan
    numbers (the last three not when the note says the numbering is as in the original)."""
    lines = text.split("\n")
    internal, block_problems = _internal_lines(lines, first_line)
    code = _fenced(lines)
    notes = _footnote_lines(lines, code)
    problems = [Problem(rel, message, line=first_line + i) for i, message in block_problems]
    if not text.strip() and not allow_empty:
        problems.append(Problem(rel, "de tekst na de front matter is leeg: neem minstens de vragen op", line=first_line))
    starts: list[tuple[int, str, tuple[str, ...], str]] = []
    for i, line in enumerate(lines):
        if i in code:
            continue
        problems += [Problem(rel, message, line=first_line + i) for message in sanitize.dropped(line)]
        match = _HEADING.match(line)
        if match:
            kind = "vraag" if match.group("word").lower().startswith("vra") else "antwoord"
            numbers = expand(match.group("nums"))
            if numbers is None:
                problems.append(Problem(rel, f"kop '{match.group('label')}': de nummers zijn onleesbaar "
                                        "(schrijf bijvoorbeeld 'Vraag 2 en 3' of 'Vraag 2 t/m 6')", line=first_line + i))
                numbers = ()
            label = re.sub(r"\s+", " ", match.group("label"))
            starts.append((i, kind, numbers, label[:1].upper() + label[1:].lower()))
        elif _ANY_HEADING.match(line):
            starts.append((i, "", (), line.lstrip("#").strip().rstrip("#").strip()))
    sections: list[Section] = []
    seen: dict[tuple[str, str], int] = {}
    used_anchors: set[str] = set()
    for n, (i, kind, numbers, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        anchors = []
        for number in numbers:
            if (kind, number) in seen and not original_numbering:
                problems.append(Problem(
                    rel, f"'{kind.capitalize()} {number}' staat twee keer in de tekst (ook op regel "
                    f"{seen[kind, number]}); staat het zo in het origineel, zet dan 'nummering: origineel' "
                    "en leg het uit in 'opmerking'", line=first_line + i))
            seen.setdefault((kind, number), first_line + i)
            anchor, k = f"{kind}-{number}", 2
            while anchor in used_anchors:
                anchor, k = f"{kind}-{number}-{k}", k + 1
            used_anchors.add(anchor)
            anchors.append(anchor)
        sections.append(Section(kind, numbers, i + 1, end, title, tuple(anchors)))
    for s in sections:
        if s.kind and not _COMMENT.sub("", "\n".join(lines[s.start:s.end])).strip():
            problems.append(Problem(rel, _EMPTY[s.kind].format(n=" en ".join(s.numbers)), line=first_line + s.start - 1))
    if not original_numbering:
        problems += _numbering(sections, seen, rel)
    problems += _check_footnotes(lines, notes, code, rel, first_line)
    return Body(tuple(lines), frozenset(internal), tuple(sections), frozenset(notes)), problems


def _numbering(sections: list[Section], seen: dict[tuple[str, str], int], rel: str) -> list[Problem]:
    """Answers without their question, and gaps in the question numbers."""
    problems: list[Problem] = []
    questions = {n for s in sections if s.kind == "vraag" for n in s.numbers}
    mains = {_main(n) for n in questions}
    for s in sections:
        for number in s.numbers:
            if s.kind == "antwoord" and number not in questions and number not in mains:
                problems.append(Problem(rel, f"'Antwoord {number}' heeft geen 'Vraag {number}'",
                                        line=seen["antwoord", number]))
    numbered = sorted(int(m) for m in mains)
    missing = [str(n) for n in range(numbered[0], numbered[-1] + 1) if n not in numbered] if numbered else []
    if missing:
        first = min(seen[k] for k in seen if k[0] == "vraag")
        problems.append(Problem(rel, f"de nummering van de vragen slaat {', '.join(missing)} over; staat het zo in "
                                "het origineel, zet dan 'nummering: origineel' en leg het uit in 'opmerking'",
                                line=first))
    return problems
