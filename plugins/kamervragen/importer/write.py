"""From parsed documents to notes on disk: one note per set, never overwriting one.

Documents of one set (the question document, the answer, a postponement notice) are put
together by kenmerk, or, where a published answer names no kenmerk, by the askers and the
subject. The note is written in the note format (docs/notitieformaat.md): front matter
through `yaml.safe_dump` (so titles with ':' and quotes are quoted right), then the questions
and answers under their headings as printed, footnotes as Markdown footnotes.

What the importer cannot decide goes into the note's `controleren:` list, which
`kamervragen check` rejects until a person has resolved and removed each item, and into the
review list printed at the end. An answer for an open set already in the archive is merged
into that note (reported); for an answered set it is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kamervragen.read.body import parse_body
from kamervragen.read.notes import find_note
from kamervragen.read.source import read_text, split_front_matter
from kamervragen.problems import Problem
from kamervragen.read.themes import Theme
from kamervragen.importer.parse import Document, Item
from kamervragen.importer.read import ReadError, Source, read_source
from kamervragen.importer import parse as parsing

_REF = re.compile(r"(\[\^[\w-]+\])")
_BLOCK_START = re.compile(r"^(#|>|[-+*](?=\s)|\d+(?=[.)]\s)|!!!|\?\?\?|[=\-_*]{3,}$)")


def escape(line: str) -> str:
    """A line of document text as Markdown that renders it verbatim (footnote references kept)."""
    parts = _REF.split(line)
    for i in range(0, len(parts), 2):
        part = parts[i].replace("\\", "\\\\")
        part = re.sub(r"([*`<\[\]])", r"\\\1", part)
        part = re.sub(r"(?<!\w)_|_(?!\w)", r"\\_", part)
        parts[i] = part
    text = "".join(parts).rstrip()
    match = _BLOCK_START.match(text)
    if match:
        text = text[:match.end()] + "\\" + text[match.end():] if match.group(1)[0].isdigit() else "\\" + text
    return text


@dataclass
class SetDocs:
    """The documents of one set found among the files given."""

    answer: Document | None = None
    questions: Document | None = None
    notices: list[Document] = field(default_factory=list)

    @property
    def all(self) -> list[Document]:
        return [d for d in (self.questions, self.answer, *self.notices) if d]

    @property
    def kenmerk(self) -> str | None:
        return next((d.kenmerk for d in self.all if d.kenmerk), None)


def _subject_key(doc: Document) -> str:
    """Askers and subject, letters only: the published answer and its question document agree."""
    names = ",".join(sorted(re.sub(r"\W", "", n).lower() for n, _ in doc.askers))
    return names + "|" + re.sub(r"[\W\d_]", "", (doc.titel or "").lower())


def group(docs: list[Document]) -> list[SetDocs]:
    """Documents put together per set: by kenmerk, else by askers and subject."""
    sets: list[SetDocs] = []
    by_key: dict[str, SetDocs] = {}
    for doc in sorted(docs, key=lambda d: d.kind != "vragen" and d.kind != "mondeling"):
        keys = [k for k in (doc.kenmerk, _subject_key(doc) if doc.titel else None) if k]
        found = next((by_key[k] for k in keys if k in by_key), None)
        if found is None:
            found = SetDocs()
            sets.append(found)
        if doc.kind in ("vragen", "mondeling") and found.questions is None:
            found.questions = doc
        elif doc.kind == "antwoord" and found.answer is None:
            found.answer = doc
        elif doc.kind == "uitstel":
            found.notices.append(doc)
        else:
            found = SetDocs(**{"answer" if doc.kind == "antwoord" else "questions": doc})
            sets.append(found)
        for k in keys:
            by_key.setdefault(k, found)
    return sets


def suggest_themes(text: str, themes: dict[str, Theme]) -> list[str]:
    """Themes whose name or other names occur in the text (abbreviations in capitals only)."""
    found = []
    for slug, theme in themes.items():
        for term in theme.terms:
            flags = 0 if term.isupper() else re.I
            if re.search(rf"(?<!\w){re.escape(term)}(?!\w)", text, flags):
                found.append(slug)
                break
    return found


def _holders(doc: Document) -> list[str] | str | None:
    if not doc.beantwoord_door:
        return None
    return doc.beantwoord_door[0] if len(doc.beantwoord_door) == 1 else list(doc.beantwoord_door)


def _body(docs: SetDocs, review: list[str]) -> str:
    """Questions, answers, other texts and footnotes, in the order of the main document."""
    main = docs.answer or (docs.questions if docs.questions and docs.questions.items else None)
    items: list[Item] = list(main.items) if main else []
    footnotes = dict(main.footnotes) if main else {}
    intro = list(main.intro) if main else []
    if docs.answer and docs.questions and docs.questions.items:
        asked = docs.questions.numbers("vraag")
        if not docs.answer.numbers("vraag"):
            items = [*docs.questions.items, *items]
            footnotes = {**docs.questions.footnotes, **footnotes}
        elif asked != docs.answer.numbers("vraag"):
            review.append(f"de vragen in {docs.questions.source} ({', '.join(asked)}) en in {docs.answer.source} "
                          f"({', '.join(docs.answer.numbers('vraag'))}) verschillen")
    for notice in docs.notices:
        if notice is not main and (notice.items or notice.intro):
            if not items:
                items = [i for i in notice.items if i.kind == "vraag"]
                footnotes = {**notice.footnotes, **footnotes}
            text = [*notice.intro, *[l for i in notice.items if i.kind == "tekst" for l in i.lines]]
            if text:
                items.append(Item("tekst", (), "Mededeling van uitstel", tuple(text)))
    out: list[str] = [escape(l) for l in intro]
    for item in items:
        out += ["", f"## {item.heading}", ""]
        out += [escape(l) for l in item.lines]
    if footnotes:
        out.append("")
        for label, lines in footnotes.items():
            out.append(f"[^{label}]: {escape(lines[0])}")
            out += [f"    {escape(l)}" for l in lines[1:]]
    return "\n".join(out).strip() + "\n"


def note_data(docs: SetDocs, themes: dict[str, Theme]) -> tuple[dict[str, Any], str, list[str]]:
    """Front matter, body and review items of one set's note."""
    review: list[str] = []
    for doc in docs.all:
        review += [f"{doc.source}: {r}" for r in doc.review]
    facts = docs.questions or docs.answer or docs.notices[0]
    answer = docs.answer
    if docs.questions is None:
        if facts.titel is None:
            review.append("vraagdocument ontbreekt: titel, vragenstellers, gericht_aan en gesteld staan alleen "
                          "daarin; vul ze in")
    if not docs.kenmerk:
        review.append("kenmerk ontbreekt in het document (de gepubliceerde versie noemt het niet); zoek het op")
    data: dict[str, Any] = {"kenmerk": docs.kenmerk, "titel": facts.titel}
    if any(d.kind == "mondeling" for d in docs.all):
        data["soort"] = "mondeling"
    data["gesteld"] = facts.ingezonden
    data["vragenstellers"] = [{"naam": n, "partij": p} for n, p in facts.askers]
    data["gericht_aan"] = list(facts.gericht_aan)
    if answer:
        data["beantwoord_door"] = _holders(answer)
        data["aanhangsel"] = answer.aanhangsel
        data["vergaderjaar"] = answer.vergaderjaar or _vergaderjaar(answer.ontvangen)
        data["ontvangen"] = answer.ontvangen
    postponements = [{"aanhangsel": nr, "vergaderjaar": vj} for d in docs.all for vj, nr in d.uitstel]
    postponements += [{"datum": n.ontvangen, **({"aanhangsel": n.aanhangsel} if n.aanhangsel else {})}
                      for n in docs.notices if n.ontvangen]
    if postponements:
        data["uitstel"] = postponements
    body = _body(docs, review)
    suggested = suggest_themes(f"{facts.titel or ''}\n{body}", themes)
    data["themas"] = suggested
    review.append(f"thema's bevestigen (voorgesteld uit het themaregister: {', '.join(suggested)})" if suggested
                  else "thema's kiezen: het themaregister gaf geen voorstel")
    data["bron"] = [d.source for d in docs.all]
    data["controleren"] = review
    return {k: v for k, v in data.items() if v is not None}, body, review


def _vergaderjaar(day: dt.date | None) -> str | None:
    """The parliamentary year runs from the third Tuesday of September; only the safe months count."""
    if day is None or day.month == 9:
        return None
    start = day.year if day.month >= 10 else day.year - 1
    return f"{start}-{start + 1}"


def note_text(data: dict[str, Any], body: str) -> str:
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    return f"---\n{front}---\n\n{body}"


@dataclass
class Outcome:
    """What one import run did: files written or merged, refusals, repairs and review items."""

    written: list[Path] = field(default_factory=list)
    merged: list[Path] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    repairs: list[str] = field(default_factory=list)
    review: dict[str, list[str]] = field(default_factory=dict)

    @property
    def failed(self) -> bool:
        return bool(self.refused)


def _target(notes_dir: Path, data: dict[str, Any], docs: SetDocs) -> Path:
    kenmerk = data.get("kenmerk")
    if kenmerk:
        return notes_dir / kenmerk[:4] / f"{kenmerk}.md"
    answer = docs.answer
    day = data.get("ontvangen") or data.get("gesteld")
    year = str(day.year) if day else "onbekend"
    if answer and answer.aanhangsel and answer.vergaderjaar:
        return notes_dir / year / f"ah-tk-{answer.vergaderjaar.replace('-', '')}-{answer.aanhangsel}.md"
    stem = re.sub(r"[^\w.-]+", "_", Path(docs.all[0].source).stem)
    return notes_dir / year / f"import-{stem}.md"


def _merge(path: Path, data: dict[str, Any], docs: SetDocs) -> str:
    """The existing open note with the answer added; ValueError (Dutch) when that is not safe."""
    text = read_text(path, str(path))
    if isinstance(text, Problem):
        raise ValueError(str(text))
    split = split_front_matter(text, str(path))
    if isinstance(split, Problem) or not isinstance(split[0].data, dict):
        raise ValueError(f"{path} heeft geen leesbare front matter; voeg het antwoord met de hand toe")
    front, body_text, body_line = split[0].data, split[1], split[2]
    if front.get("beantwoord") or front.get("ontvangen"):
        raise ValueError(f"{path} is al beantwoord; het nieuwe antwoord is niet ingevoegd (vergelijk het zelf)")
    if docs.answer is None:
        front["uitstel"] = [*(front.get("uitstel") or []), *data.get("uitstel", [])]
        return note_text(front, body_text.lstrip("\n"))
    body, _ = parse_body(body_text, str(path), body_line)
    asked = [n for s in body.sections if s.kind == "vraag" for n in s.numbers]
    if [n for n in asked] != docs.answer.numbers("vraag"):
        raise ValueError(f"{path}: de vragen in de notitie ({', '.join(asked) or 'geen'}) zijn niet die van "
                         f"{docs.answer.source} ({', '.join(docs.answer.numbers('vraag'))}); niets ingevoegd")
    if body.numbers("antwoord"):
        raise ValueError(f"{path} heeft al antwoorden; niets ingevoegd")
    for key in ("beantwoord_door", "aanhangsel", "vergaderjaar", "ontvangen"):
        if key in data and not front.get(key):
            front[key] = data[key]
    front["uitstel"] = [*(front.get("uitstel") or []), *data.get("uitstel", [])] or None
    front["bron"] = [*(front.get("bron") or []), *data["bron"]]
    front = {k: v for k, v in front.items() if v is not None}
    answers = _body(SetDocs(answer=Document(docs.answer.source, docs.answer.fmt, items=[
        i for i in docs.answer.items if i.kind == "antwoord"], footnotes=docs.answer.footnotes)), [])
    return note_text(front, body_text.strip() + "\n\n" + answers)


def import_files(paths: list[Path], notes_dir: Path, themes: dict[str, Theme]) -> Outcome:
    """Read, parse, group and write; nothing is overwritten, every change is reported."""
    outcome = Outcome()
    docs: list[Document] = []
    for path in paths:
        try:
            docs.append(parsing.parse(read_source(path)))
        except ReadError as err:
            outcome.refused.append(str(err))
    return write_sets(group(docs), notes_dir, themes, outcome)


def import_sources(sources: list[Source], notes_dir: Path, themes: dict[str, Theme]) -> Outcome:
    """As `import_files`, for texts already read (the batch script reads them from a CSV)."""
    return write_sets(group([parsing.parse(s) for s in sources]), notes_dir, themes, Outcome())


def write_sets(sets: list[SetDocs], notes_dir: Path, themes: dict[str, Theme], outcome: Outcome) -> Outcome:
    for docs in sets:
        outcome.repairs += [f"{d.source}: {r}" for d in docs.all for r in d.repairs]
        data, body, review = note_data(docs, themes)
        existing = find_note(notes_dir, data["kenmerk"]) if data.get("kenmerk") else None
        if existing is not None:
            try:
                merged = _merge(existing, data, docs)
            except ValueError as err:
                outcome.refused.append(str(err))
                continue
            existing.write_text(merged, encoding="utf-8")
            outcome.merged.append(existing)
            continue
        if docs.answer is None and docs.questions is None and data.get("kenmerk"):
            review.append("uitstelbericht voor een set die niet in het archief staat")
        target = _target(notes_dir, data, docs)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with target.open("x", encoding="utf-8", newline="\n") as out:
                out.write(note_text(data, body))
        except FileExistsError:
            outcome.refused.append(f"{target} bestaat al; die wordt niet overschreven")
            continue
        outcome.written.append(target)
        outcome.review[target.as_posix()] = review
    return outcome
