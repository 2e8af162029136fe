"""What the search and similar sets know of each set, analysed once per build.

A set's *record* is what a search result shows (title, askers, the text per question and
answer, the positions); its *statistics* are the analysed terms per lunr field. Both are for
one audience. The index files (`generate/search.py`) and similar sets
(`analysis/similar.py`) both start from here, so the text is analysed once.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass

from kamervragen.analysis import markdown_text, terms as analysis
from kamervragen.analysis.cache import TermCache
from kamervragen.model import Archive
from kamervragen.read.notes import Note

# lunr fields and their boosts: the index weighs them, the statistics count them.
FIELDS: tuple[tuple[str, float], ...] = (("titel", 10.0), ("tekst", 1.0))


@dataclass(frozen=True)
class SearchDoc:
    """One lunr document: a set, by its position in the catalogue."""

    ref: str
    fields: dict[str, str]


def documents(archive: Archive, records: list[dict] | None = None) -> list[SearchDoc]:
    """The text of each set per field, as this audience sees it (from its set records)."""
    records = records or [set_record(archive, n) for n in archive.notes]
    docs = []
    for i, (note, record) in enumerate(zip(archive.notes, records)):
        parts = [text for _, _, text in record["delen"]]
        parts += [note.aanleiding or "", *(f"{a.naam} {a.partij}" for a in note.vragenstellers)]
        parts += [text for text, _ in record["standpunten"]]
        docs.append(SearchDoc(str(i), {"titel": note.titel, "tekst": "\n".join(parts)}))
    return docs


def set_record(archive: Archive, note: Note, cache: TermCache | None = None) -> dict:
    """What a result shows: title, askers, the text per question and answer (for snippets) and
    the positions this audience may see, each with the answer it links to (precedent finder).

    The text is what Python-Markdown renders of each piece (found in `cache` if it has them)."""
    body = note.body
    chunks = [body.head(), *body.sections]
    answers = body.numbers("antwoord")
    footnotes = body.footnotes(archive.internal)
    labels = tuple(label for label, _ in footnotes)
    sources = [body.text(archive.internal, c) for c in chunks] + [text for _, text in footnotes]

    def render() -> list[str]:
        return [markdown_text.text(source, labels) for source in sources]

    texts = cache.texts([labels, sources], render) if cache else render()
    return {
        "titel": note.titel,
        "kenmerk": note.kenmerk,
        "vragenstellers": note.askers_label,
        "delen": [[c.anchor, c.title, text] for c, text in zip(chunks, texts) if text]
        + [[f"fn:{label}", f"Voetnoot {label}", text] for label, text in zip(labels, texts[len(chunks):])],
        "standpunten": [[p.tekst, next((answers[str(n)].anchor for n in p.vragen if str(n) in answers), "")]
                        for p in archive.positions(note)],
    }


def field_terms(doc: SearchDoc) -> dict[str, tuple[list[str], list[int], int]]:
    """Per field: distinct terms, their frequencies, and the field length in terms."""
    out = {}
    for name, _ in FIELDS:
        found = analysis.terms(doc.fields[name])
        counts = Counter(found)
        out[name] = (list(counts), list(counts.values()), len(found))
    return out


@dataclass
class Analysis:
    """Per set (in archive order): its search record and its term statistics."""

    records: list[dict]
    stats: list[dict[str, tuple[list[str], list[int], int]]]
    reanalysed: int  # sets whose terms were not in the cache


def analyse(archive: Archive, cache: TermCache | None = None) -> Analysis:
    """The slow, per-set part (cached by content); similar sets reuse its statistics."""
    records = [set_record(archive, n, cache) for n in archive.notes]
    docs = documents(archive, records)
    stats = [_shared(cache.get_or_compute(d, field_terms) if cache else field_terms(d)) for d in docs]
    return Analysis(records, stats, cache.misses if cache else len(docs))


def _shared(fields: dict[str, tuple[list[str], list[int], int]]) -> dict[str, tuple[list[str], list[int], int]]:
    """The same statistics with one string object per distinct term: 10,000 sets name the same
    terms millions of times, and as separate objects they took half a gigabyte."""
    return {name: (list(map(sys.intern, found)), counts, length) for name, (found, counts, length) in fields.items()}
