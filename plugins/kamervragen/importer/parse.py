"""Parsing a real Tweede Kamer document: official facts, numbered questions and answers, footnotes.

The documents come in a few printed forms (README.md, "Design notes"; examples in
`tests/fixtures/real/`):

- an answer as staff write it (.docx): "AH 604", the kenmerk, "Antwoord van minister …
  (ontvangen 20 november 2024)", then "Vraag 1" / "Antwoord op vraag 1", "1. …" / "Antwoord:",
  or a bare "1" / "Antwoord";
- the published answer (.pdf): page headers and footers, the Aanhangsel number, "Vragen van
  het lid … (Partij) aan de Minister van … over … (ingezonden …)." and "Antwoord van …",
  footnotes at the foot of each page, and words glued where a printed line ended;
- a question document ("Vragen van …", with the kenmerk), an oral question ("Mondelinge
  vragen van …", no text of the questions) and a postponement notice ("Mededeling van …").

Nothing is guessed silently: what cannot be decided goes into `Document.review`, and every
change to the extracted text (page furniture dropped, glued words mended) is recorded.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from kamervragen.importer.read import Source
from kamervragen.read.schema import KENMERK_PATTERN
from kamervragen.importer.repair import MONTHS, Repair, join_hyphenated, repair_line

_MONTH_NUMBER = {m: i for i, m in enumerate(MONTHS.split("|"), start=1)}
_DATE = re.compile(rf"(\d{{1,2}})\s*({MONTHS})\s*(\d{{4}})")
_NUM = r"\d+[a-z]?"
NUMS = rf"{_NUM}(?:\s*(?:,|en|t/m|tot en met|-|–)\s*{_NUM})*"
Q_HEAD = re.compile(rf"^(?P<label>Vra(?:ag|gen)\s+(?P<nums>{NUMS}))\s*:?$")
A_HEAD = re.compile(rf"^(?P<label>Antwoord(?:en)?(?:\s+op)?(?:\s+(?:vraag|vragen))?\s+(?P<nums>{NUMS}))\s*:?$")
A_BARE = re.compile(r"^Antwoord\s*:?$")
LIST_Q = re.compile(r"^(?P<num>\d+)\.\s+(?P<text>\S.*)$")
LIST_ALONE = re.compile(r"^(?P<num>\d+)\.?$")
MEDEDELING = "Mededeling"  # a line of its own, before the text of a postponement notice

# Page furniture of the published PDFs (headers, footers, publication ids).
_FURNITURE = [re.compile(p) for p in (
    r"^Tweede Kamer der Staten-Generaal\s*\d?$",
    r"^Vergaderjaar \d{4}[–-]\d{4}\s+(?:Aanhangsel van de Handelingen|Vragen gesteld door de leden der Kamer)$",
    r"^Vragen gesteld door de leden der Kamer, met de daarop door de$",
    r"^regering gegeven antwoorden$",
    r"^(?:ISSN 0921 - 7398)?’s-Gravenhage \d{4}\s*Tweede Kamer, vergaderjaar \d{4}[–-]\d{4}, (?:Aanhangsel|Vragen)(?: \d+)?$",
    r"^Tweede Kamer, vergaderjaar \d{4}[–-]\d{4}, (?:Aanhangsel|Vragen)(?: \d+)?$",
    r"^_{5,}$",
)]
# The publication id on each page, and the line that ends a page.
_PUBLICATION = re.compile(r"^(?:ah-tk-(?P<vj>\d{8})-(?P<nr>\d+)|kv-tk-(?P<kenmerk>" + KENMERK_PATTERN + "))$")
_PAGE_END = re.compile(r"Tweede Kamer, vergaderjaar \d{4}[–-]\d{4}, (?:Aanhangsel|Vragen)")
# The document's own marks: its Aanhangsel number and kenmerk, the dates it was sent in and
# received, and a reference to an earlier answer.
_AH = re.compile(r"^AH\s*(\d+)$")
_KENMERK = re.compile(r"^(\d{4})Z\s*(\d{5})$")
_INGEZONDEN = re.compile(r"\(ingezonden\s+([^)]*?)\s*\)")
_ONTVANGEN = re.compile(r"\(ontvangen\s+([^)]*?)\s*\)")
_ZIE_OOK = re.compile(r"Zie ook\s*Aanhangsel\s*Handelingen,\s*vergaderjaar\s*(\d{4})\s*[–-]\s*(\d{4})\s*,\s*nr\.\s*(\d+)")
_QUESTIONS = re.compile(r"^(?P<oral>Mondelinge )?[Vv]ra(?:ag|gen) van (?:het|de) (?:lid|leden)\s+(?:lid\s+)?(?P<who>.+?)\s+aan\s+"
                        r"(?:de|het)\s+(?P<to>.+?),?\s+over\s+(?P<about>.+?)\s*(?:\(ingezonden[^)]*\))?\s*\.?$", re.S)
_ANSWER = re.compile(r"^(?P<kind>Antwoord|Mededeling) van\s+(?P<who>.+?)\s*\(ontvangen", re.S)
_OFFICE = re.compile(r"^(?:de\s+)?(Minister-President|Ministers?|Staatss?ecretariss?en|Staatss?ecretaris)\b", re.I)


@dataclass(frozen=True)
class Item:
    """A question, an answer (for one or more numbers) or another headed text, in document order."""

    kind: str                  # "vraag", "antwoord" or "tekst"
    numbers: tuple[str, ...]   # ("4", "5"); () for "tekst"
    heading: str               # as printed (without a final colon), or made from the number
    lines: tuple[str, ...]


@dataclass
class Document:
    """What one document says, and what the importer could not decide about it."""

    source: str
    fmt: str
    kind: str = "onbekend"     # antwoord, vragen, mondeling, uitstel
    kenmerk: str | None = None
    aanhangsel: int | None = None
    vergaderjaar: str | None = None
    ingezonden: dt.date | None = None
    ontvangen: dt.date | None = None
    titel: str | None = None
    askers: list[tuple[str, str]] = field(default_factory=list)
    gericht_aan: list[str] = field(default_factory=list)
    beantwoord_door: list[str] = field(default_factory=list)
    uitstel: list[tuple[str, int]] = field(default_factory=list)  # (vergaderjaar, Aanhangsel number)
    intro: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    footnotes: dict[str, list[str]] = field(default_factory=dict)
    repairs: list[Repair] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # the header lines, read into the facts above
    review: list[str] = field(default_factory=list)

    def numbers(self, kind: str) -> list[str]:
        """Every question (or answer) number, in order, with repeats as printed."""
        return [n for item in self.items if item.kind == kind for n in item.numbers]


def expand(nums: str) -> tuple[str, ...]:
    """'4, 5 en 7' -> 4, 5, 7; '2 t/m 6' and '4-7' -> the range; '3a' stays '3a'."""
    tokens = re.findall(rf"{_NUM}|t/m|tot en met|-|–", nums)
    out: list[str] = []
    for i, token in enumerate(tokens):
        if token in ("t/m", "tot en met", "-", "–"):
            continue
        if i >= 2 and tokens[i - 1] in ("t/m", "tot en met", "-", "–") and out[-1].isdigit() and token.isdigit():
            out += [str(n) for n in range(int(out[-1]) + 1, int(token) + 1)]
        else:
            out.append(token)
    return tuple(out)


def parse_date(text: str) -> dt.date | None:
    match = _DATE.search(text)
    if not match:
        return None
    try:
        return dt.date(int(match.group(3)), _MONTH_NUMBER[match.group(2)], int(match.group(1)))
    except ValueError:
        return None


# --- page furniture ---------------------------------------------------------------------

PAGE_END = "\x00"  # stands where a page footer was, so footnote blocks can be found


def _strip_furniture(doc: Document, lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        plain = line.strip()
        publication = _PUBLICATION.match(plain)
        if publication:
            doc.dropped.append(plain)
            if publication.group("nr"):
                vj = publication.group("vj")
                doc.vergaderjaar = f"{vj[:4]}-{vj[4:]}"
                doc.aanhangsel = int(publication.group("nr"))
            else:
                doc.kenmerk = doc.kenmerk or publication.group("kenmerk")
            continue
        if any(p.match(plain) for p in _FURNITURE):
            doc.dropped.append(plain)
            if _PAGE_END.search(plain) and (not out or out[-1] != PAGE_END):
                out.append(PAGE_END)
            continue
        out.append(plain)
    return out


# --- the header -------------------------------------------------------------------------


def _office(text: str) -> str:
    """'de Minister van Financiën' -> 'minister van Financiën' (the office word in lower case)."""
    match = _OFFICE.match(text.strip())
    if not match:
        return text.strip()
    word = match.group(1).lower()
    word = {"ministers": "minister", "staatssecretarissen": "staatssecretaris",
            "staatsecretarissen": "staatsecretaris"}.get(word, word)
    return (word + text.strip()[match.end():]).strip()


def _offices(text: str, review: list[str] | None = None) -> list[str]:
    """'de Ministers van A en van B en de Staatssecretaris van C' -> three offices.

    'de Minister en de Staatssecretaris van C' gives both the department C. A plural office
    that yields one department ("Staatssecretarissen van A en B") is left whole and reviewed:
    department names hold 'en' themselves.
    """
    text = re.sub(r"^(?:de\s+)?(Minister|Staatssecretaris) en (?:de\s+)?(Minister|Staatssecretaris)\s+(?=(?:van|voor)\s)",
                  r"\1 en de \2 ", text.strip())
    out: list[str] = []
    bare = 0  # offices still without a department
    for part in re.split(r",?\s+en\s+(?=de\s)", text.strip()):
        match = _OFFICE.match(part)
        if not match:
            out.append(part.strip())
            continue
        office = _office(match.group(0))
        rest = part[match.end():].strip()
        if not rest:
            out.append(office)
            bare += 1
            continue
        pieces = [p.strip() for p in re.split(r",?\s+en\s+(?=(?:van|voor)\s)|,\s*(?=(?:van|voor)\s)", rest)]
        if match.group(1).lower() in ("ministers", "staatssecretarissen", "staatsecretarissen") and len(pieces) == 1 and review is not None:
            review.append(f"gericht aan '{part.strip()}': meer bewindspersonen in één regel; splits 'gericht_aan' zelf")
        for i in range(bare):
            out[-1 - i] = f"{out[-1 - i]} {pieces[-1]}"
        bare = 0
        out += [f"{office} {piece}" for piece in pieces]
    return out


def _askers(doc: Document, who: str) -> list[tuple[str, str]]:
    """'A (X), B en C (beiden Y)' -> [(A, X), (B, Y), (C, Y)]; a name without party is reviewed."""
    parts = [p.strip() for p in re.split(r",\s*|\s+en\s+(?![^()]*\))", who) if p.strip()]
    out: list[tuple[str, str]] = []
    waiting: list[str] = []
    for part in parts:
        match = re.match(r"^(?:lid\s+)?(?P<name>.+?)\s*\((?:(?:beiden|allen)\s+)?(?P<party>[^()]+)\)$", part)
        if not match:
            waiting.append(part.removeprefix("lid ").strip())
            continue
        for name in [*waiting, match.group("name")]:
            out.append((name.strip(), match.group("party").strip()))
        waiting = []
    for name in waiting:
        doc.review.append(f"vragensteller '{name}': partij niet gevonden")
        out.append((name, ""))
    for name, _ in out:
        if re.search(r"[a-zë][A-Z]", name) and not re.search(r"(?:Mc|Mac|De|Van)[A-Z]", name):
            doc.review.append(f"vragensteller '{name}': naam lijkt aan elkaar geplakt (PDF); controleer de spelling")
    return out


def _answered_by(text: str) -> list[str]:
    """'Minister X (Y), mede namens de Ministers van A en van B' -> office holders, one each."""
    main, _, on_behalf = text.partition("mede namens")
    holders = [_office(main.strip().rstrip(","))]
    if on_behalf:
        holders += [f"mede namens de {office}" for office in _offices(on_behalf.strip().removeprefix("de "))]
    return holders


def _mend(doc: Document, lines: list[str], first: int, pdf: bool) -> list[str]:
    """Glued words mended (PDF text only); every repair is recorded."""
    if not pdf:
        return lines
    out = []
    for i, line in enumerate(lines):
        if line == PAGE_END:
            out.append(line)
            continue
        mended, repairs = repair_line(line, first + i)
        doc.repairs += repairs
        out.append(mended)
    return out


def _header(doc: Document, lines: list[str]) -> int:
    """Read the facts at the top; returns the index of the first body line."""
    i = 0
    sentences: list[str] = []
    while i < len(lines):
        line = lines[i]
        if not line or line == PAGE_END:
            i += 1
            continue
        if _AH.match(line):
            doc.aanhangsel = int(_AH.match(line).group(1))
        elif _KENMERK.match(line):
            match = _KENMERK.match(line)
            doc.kenmerk = f"{match.group(1)}Z{match.group(2)}"
        elif line.isdigit() and not sentences and doc.fmt == "pdf" and i < 3:
            if doc.aanhangsel not in (None, int(line)):
                doc.review.append(f"Aanhangselnummer {line} bovenaan wijkt af van {doc.aanhangsel} in de voet")
            doc.aanhangsel = int(line)
        elif _INGEZONDEN.fullmatch(line):
            doc.ingezonden = parse_date(line)
        elif re.match(r"^(?:Mondelinge )?[Vv]ra(?:ag|gen) van |^Antwoord van |^Mededeling van |^Zie ook", line):
            sentence = [line]
            complete = _sentence_done
            while not complete(" ".join(sentence), doc) and i + 1 < len(lines) and _continues(lines[i + 1]):
                i += 1
                sentence.append(lines[i])
            sentences.append(" ".join(sentence))
        else:
            break
        i += 1
    for sentence in sentences:
        _read_sentence(doc, sentence)
    return i


def _sentence_done(text: str, doc: Document) -> bool:
    if doc.fmt != "pdf":
        return True  # a .docx paragraph is one line
    if re.match(r"^(?:Mondelinge )?[Vv]ra(?:ag|gen) van ", text):
        return bool(_INGEZONDEN.search(text))
    if re.match(r"^(?:Antwoord|Mededeling) van ", text):
        if not _ONTVANGEN.search(text):
            return False
        return "Zie ook" not in text or bool(_ZIE_OOK.search(text))
    return True


def _continues(line: str) -> bool:
    return bool(line) and line != PAGE_END and not (Q_HEAD.match(line) or A_HEAD.match(line) or line.startswith("Antwoord van"))


_GLUED_OVER = re.compile(r"(?<=[a-zë])(over) (?=[a-z«‘'])")


def _read_sentence(doc: Document, sentence: str) -> None:
    sentence = re.sub(r"\s+", " ", sentence).strip()
    if not _QUESTIONS.match(_ZIE_OOK.sub("", sentence).strip()) and _GLUED_OVER.search(sentence):
        # 'Welzijn en Sportover zorg voor …': the line end glued 'over' to the department.
        glued = _GLUED_OVER.search(sentence)
        word = re.search(r"\S+$", sentence[:glued.end(1)]).group()
        doc.repairs.append(Repair(word, f"{word[:-4]} over", 0))
        sentence = _GLUED_OVER.sub(r" \1 ", sentence, count=1)
    for match in _ZIE_OOK.finditer(sentence):
        doc.uitstel.append((f"{match.group(1)}-{match.group(2)}", int(match.group(3))))
    questions = _QUESTIONS.match(_ZIE_OOK.sub("", sentence).strip())
    if questions:
        if questions.group("oral"):
            doc.kind = "mondeling"
        elif doc.kind == "onbekend":
            doc.kind = "vragen"
        doc.askers = _askers(doc, questions.group("who"))
        doc.gericht_aan = _offices(questions.group("to"), doc.review)
        about = questions.group("about").strip()
        doc.titel = about[:1].upper() + about[1:]
        ingezonden = _INGEZONDEN.search(sentence)
        if ingezonden:
            doc.ingezonden = parse_date(ingezonden.group(1))
        return
    answer = _ANSWER.match(sentence)
    if answer:
        doc.kind = "antwoord" if answer.group("kind") == "Antwoord" else "uitstel"
        who = answer.group("who")
        if who.count("(") != who.count(")"):
            doc.review.append(f"'{who}': haakjes kloppen niet in het document; controleer 'beantwoord_door'")
        doc.beantwoord_door = _answered_by(who)
        ontvangen = _ONTVANGEN.search(sentence)
        doc.ontvangen = parse_date(ontvangen.group(1)) if ontvangen else None
        if doc.ontvangen is None:
            doc.review.append("datum van ontvangst niet gevonden")
    elif not sentence.startswith("Zie ook"):
        doc.review.append(f"kopregel niet begrepen: '{sentence[:80]}'")


# --- footnotes --------------------------------------------------------------------------

_PDF_NOTE = re.compile(r"^(?P<n>\d{1,2})(?P<text>[^\d\s.),:;].*)$")
_DOCX_NOTE = re.compile(r"^(?P<n>\d{1,2})\)\s+(?P<text>.+)$")


def _pdf_footnotes(lines: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """Footnote blocks stand just above a page footer, numbered on: '1X, 23 oktober …'."""
    notes: dict[str, list[str]] = {}
    body: list[str] = []
    i = 0
    expected = 1
    while i < len(lines):
        match = _PDF_NOTE.match(lines[i])
        if match and int(match.group("n")) == expected:
            end = next((j for j in range(i, len(lines)) if lines[j] == PAGE_END), len(lines))
            block = lines[i:end]
            if _is_note_block(block, expected):
                current = ""
                for line in block:
                    head = _PDF_NOTE.match(line)
                    if head and int(head.group("n")) == expected:
                        current = str(expected)
                        notes[current] = [head.group("text").strip()]
                        expected += 1
                    elif line:
                        notes[current].append(line)
                i = end
                continue
        body.append(lines[i])
        i += 1
    return body, notes


def _is_note_block(block: list[str], first: int) -> bool:
    """Every line is the next footnote or a continuation (no heading inside)."""
    expected = first
    for line in block:
        head = _PDF_NOTE.match(line)
        if head and int(head.group("n")) == expected:
            expected += 1
        elif Q_HEAD.match(line) or A_HEAD.match(line):
            return False
    return True


def _docx_footnotes(lines: list[str]) -> tuple[list[str], dict[str, list[str]]]:
    """'1) Pointer, 17 november 2024, …' lines ending the document."""
    start = len(lines)
    for j in range(len(lines) - 1, -1, -1):
        if not lines[j] or _DOCX_NOTE.match(lines[j]) or lines[j] == PAGE_END:
            if _DOCX_NOTE.match(lines[j]):
                start = j
            continue
        if start < len(lines) and j > 0 and _DOCX_NOTE.match(lines[start]):
            break
    notes: dict[str, list[str]] = {}
    body = lines[:start]
    current = ""
    for line in lines[start:]:
        head = _DOCX_NOTE.match(line)
        if head:
            current = head.group("n")
            notes[current] = [head.group("text").strip()]
        elif line and line != PAGE_END and current:
            notes[current].append(line)
    return body, notes


def _place_refs(doc: Document, lines: list[str], labels: list[str], pdf: bool) -> list[str]:
    """Put '[^n]' where each footnote is referred to, in order; what is not found is reviewed."""
    lines = list(lines)
    pos = (0, 0)  # (line, column) after the previous reference
    for label in labels:
        found = _find_ref(lines, label, pos, pdf)
        if found is None:
            doc.review.append(f"voetnoot {label}: de plaats van de verwijzing is niet gevonden")
            continue
        line_no, start, end, attach_prev = found
        if attach_prev:
            lines[line_no] = (lines[line_no][:start] + lines[line_no][end:]).strip()
            prev = next((k for k in range(line_no - 1, -1, -1) if lines[k] and lines[k] != PAGE_END
                         and not _is_heading(lines[k])), None)
            if prev is None:
                lines[line_no] = f"[^{label}] " + lines[line_no]
                pos = (line_no, 0)
            else:
                # Punctuation printed after the mark ('2. Met dit …') stays after it, on its line.
                stop = re.match(r"[.,;:)»”’]*", lines[line_no]).end()
                lines[prev] = lines[prev] + f"[^{label}]" + lines[line_no][:stop]
                lines[line_no] = lines[line_no][stop:].lstrip()
                pos = (line_no, 0)
        else:
            lines[line_no] = lines[line_no][:start] + f"[^{label}]" + lines[line_no][end:]
            pos = (line_no, start + len(label) + 3)
    return lines


def _mid_sentence(lines: list[str], i: int) -> bool:
    """The text line before `i` ends in a letter: '2.' opening line `i` is the mark and the full
    stop of that sentence, not a numbered item (those follow a '.', ':' or a number)."""
    prev = next((lines[k] for k in range(i - 1, -1, -1) if lines[k] and lines[k] != PAGE_END), "")
    return bool(re.search(r"[^\W\d_]$", prev)) and not _is_heading(prev)


def _is_heading(line: str) -> bool:
    return bool(Q_HEAD.match(line) or A_HEAD.match(line) or A_BARE.match(line) or line == MEDEDELING)


def _find_ref(lines: list[str], label: str, pos: tuple[int, int], pdf: bool) -> tuple[int, int, int, bool] | None:
    """(line, start, end, attach to the previous line) of the reference to footnote `label`."""
    n = re.escape(label)
    if pdf:
        alone = re.compile(rf"^(?:\d+ )*{n}(?: \d+)*$")       # '1' or '2 3' on a line of its own
        leading = re.compile(rf"^{n}(?=[ ,»”’)])")                  # '2 Deze richtlijnen', '3, Algerije'
        closing = re.compile(rf"^{n}(?=\.\s)")  # '2. Met dit …' after a line that ends mid-sentence
        glued = re.compile(rf"(?:(?<=[^\W\d_]{{2}})|(?<=[)?!.»”’\"])){n}(?=[\s.,;:?!)»]|$)")  # 'Algerije4,'
    else:
        alone = re.compile(rf"^{n}\)$")
        leading = closing = re.compile(r"(?!)")
        glued = re.compile(rf"\s?\(?(?<!\d){n}\)(?=[\s.,;:?!]|$)")
    for i in range(pos[0], len(lines)):
        line = lines[i]
        if not line or line == PAGE_END or _is_heading(line):
            continue
        start_col = pos[1] if i == pos[0] else 0
        if start_col == 0 and alone.match(line):
            match = re.search(rf"(?<!\d){n}(?!\d)", line)
            return i, match.start(), match.end(), True
        if start_col == 0 and (leading.match(line) or closing.match(line) and _mid_sentence(lines, i)):
            return i, 0, len(label), True
        match = glued.search(line, start_col)
        if match:
            return i, match.start(), match.end(), False
    return None


# --- questions and answers ----------------------------------------------------------------


def _style(lines: list[str]) -> str:
    if any(Q_HEAD.match(l) for l in lines):
        return "kop"
    if any(A_BARE.match(l) or A_HEAD.match(l) for l in lines):
        return "lijst"
    if any((LIST_Q.match(l) or LIST_ALONE.match(l)) and int((LIST_Q.match(l) or LIST_ALONE.match(l)).group("num")) == 1
           for l in lines):
        return "lijst"
    return "alinea"


def _items(doc: Document, lines: list[str]) -> list[Item]:
    style = _style(lines)
    items: list[Item] = []
    current: list | None = None  # [kind, numbers, heading, lines]
    pending: list[str] = []      # question numbers still without an answer (list style)
    intro: list[str] = []

    def start(kind: str, numbers: tuple[str, ...], heading: str) -> list:
        item = [kind, numbers, heading, []]
        items.append(item)  # type: ignore[arg-type]
        return item

    expected = 1
    for line in lines:
        if line == PAGE_END:
            continue
        q, a = Q_HEAD.match(line), A_HEAD.match(line)
        if style == "kop" and (q or a):
            match = q or a
            current = start("vraag" if q else "antwoord", expand(match.group("nums")), match.group("label"))
            pending = pending + list(current[1]) if q else []
            continue
        if style == "kop" and A_BARE.match(line):
            current = _bare_answer(doc, start, pending, line)
            pending = []
            continue
        if line == MEDEDELING:
            current = start("tekst", (), line)
            continue
        if style == "lijst":
            listed = LIST_Q.match(line) or LIST_ALONE.match(line)
            if listed and int(listed.group("num")) == expected and (current is None or current[0] == "antwoord"
                                                                       or not current[3] or pending):
                number = listed.group("num")
                current = start("vraag", (number,), f"Vraag {number}")
                pending.append(number)
                expected += 1
                text = listed.groupdict().get("text")
                if text:
                    current[3].append(text)
                continue
            if A_HEAD.match(line):
                current = start("antwoord", expand(A_HEAD.match(line).group("nums")), A_HEAD.match(line).group("label"))
                pending = []
                continue
            if A_BARE.match(line):
                current = _bare_answer(doc, start, pending, line)
                pending = []
                continue
        if current is None:
            intro.append(line)
        else:
            current[3].append(line)
    if style == "alinea" and doc.kind in ("vragen", "onbekend"):
        paragraphs = [l for l in intro if l]
        intro = []
        for n, paragraph in enumerate(paragraphs, start=1):
            items.append(["vraag", (str(n),), f"Vraag {n}", [paragraph]])  # type: ignore[arg-type]
        if paragraphs:
            doc.review.append(f"het document nummert de vragen niet (lijstnummering van Word ging verloren); "
                              f"de {len(paragraphs)} alinea's zijn op volgorde genummerd: controleer dat elke alinea één vraag is")
    doc.intro = _trim(intro)
    return [Item(kind, numbers, heading, tuple(_trim(body))) for kind, numbers, heading, body in items]


def _bare_answer(doc: Document, start, pending: list[str], line: str) -> list:
    """'Antwoord' without a number answers the question(s) just before it."""
    if not pending:
        doc.review.append(f"'{line}' volgt niet op een vraag: bij welke vraag hoort het?")
    label = "Antwoord " + " en ".join([", ".join(pending[:-1]), pending[-1]] if len(pending) > 1 else pending)
    return start("antwoord", tuple(pending), label.strip())


def _trim(lines: list[str]) -> list[str]:
    """Without leading and trailing blank lines, and with runs of blank lines made one."""
    out: list[str] = []
    for line in lines:
        if not line and (not out or not out[-1]):
            continue
        out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


def _check_numbers(doc: Document) -> None:
    """Gaps, repeats, and answers without a question: reported for a person to decide."""
    questions = doc.numbers("vraag")
    answers = doc.numbers("antwoord")
    for kind, numbers in (("Vraag", questions), ("Antwoord", answers)):
        seen: set[str] = set()
        for number in numbers:
            if number in seen:
                doc.review.append(f"'{kind} {number}' staat meer dan eens in het document")
            seen.add(number)
    plain = sorted({int(re.match(r"\d+", n).group()) for n in questions})
    if plain:
        missing = sorted(set(range(1, plain[-1] + 1)) - set(plain))
        if missing:
            doc.review.append(f"nummering: vraag {', '.join(map(str, missing))} ontbreekt in het document")
    if doc.kind == "antwoord":
        for number in dict.fromkeys(questions):
            if number not in answers and re.match(r"\d+", number).group() not in answers:
                doc.review.append(f"'Vraag {number}' heeft geen antwoord in het document")
        for number in dict.fromkeys(answers):
            if questions and number not in questions:
                doc.review.append(f"'Antwoord {number}' heeft geen vraag {number} in het document")


def parse(source: Source) -> Document:
    """Everything the importer needs from one document."""
    doc = Document(source.name, source.fmt)
    raw = [line.rstrip() for line in source.text.split("\n")]
    pdf = source.from_pdf or any(line.strip().startswith("Tweede Kamer der Staten-Generaal") for line in raw[:3])
    if pdf and doc.fmt == "txt":
        doc.fmt = "pdf"
    lines = _strip_furniture(doc, raw)
    lines = _mend(doc, lines, 1, pdf)
    if pdf:
        lines, joins = join_hyphenated(lines)
        doc.repairs += joins
    start = _header(doc, lines)
    doc.header = [line for line in lines[:start] if line and line != PAGE_END]
    body = lines[start:]
    body, doc.footnotes = _pdf_footnotes(body) if pdf else _docx_footnotes(body)
    body = _place_refs(doc, body, list(doc.footnotes), pdf)
    doc.items = _items(doc, body)
    if doc.kind == "uitstel" and doc.kenmerk is None:  # 'De vragen … (2024Z16988) kunnen …'
        named = sorted(set(re.findall(rf"\(({KENMERK_PATTERN})\)", "\n".join(body))))
        doc.kenmerk = named[0] if len(named) == 1 else None
    if doc.kind == "onbekend":
        doc.review.append("soort document niet herkend (geen 'Vragen van', 'Antwoord van' of 'Mededeling van')")
    if doc.kind == "antwoord" and not doc.items:
        doc.review.append("geen vragen en antwoorden gevonden")
    _check_numbers(doc)
    return doc
