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

from kamervragen import parallel
from kamervragen.analysis import markdown_text, terms as analysis, vocabulary
from kamervragen.analysis.cache import NoCache, TermCache
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
    return [_doc(archive, i, record) for i, record in enumerate(records)]


def _fields(note: Note, texts: list[str], positions: list[list[str]]) -> dict[str, str]:
    parts = [*texts, note.aanleiding or "", *(f"{a.naam} {a.partij}" for a in note.vragenstellers)]
    parts += [text for text, _ in positions]
    return {"titel": note.titel, "tekst": "\n".join(parts)}


def _sources(archive: Archive, note: Note) -> tuple[tuple[str, ...], list[str]]:
    """The footnote labels and the Markdown pieces (head, sections, footnotes) of a set's text."""
    body = note.body
    footnotes = body.footnotes(archive.internal)
    sources = [body.text(archive.internal, c) for c in [body.head(), *body.sections]]
    return tuple(label for label, _ in footnotes), sources + [text for _, text in footnotes]


def set_record(archive: Archive, note: Note, texts: list[str] | None = None) -> dict:
    """What a result shows: title, askers, the text per question and answer (for snippets) and
    the positions this audience may see, each with the answer it links to (precedent finder).

    The text is what Python-Markdown renders of each piece (`texts`, when already known)."""
    body = note.body
    chunks = [body.head(), *body.sections]
    answers = body.numbers("antwoord")
    labels, sources = _sources(archive, note)
    texts = texts if texts is not None else markdown_text.texts(sources, labels)
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
    """Per set (in archive order): its search record and its term statistics; and the
    standard phrases of the archive's text (vocabulary.standard_phrases)."""

    records: list[dict]
    stats: list[dict[str, tuple[list[str], list[int], int]]]
    reanalysed: int  # sets whose terms were not in the cache
    phrases: list[str]


def analyse(archive: Archive, cache: TermCache | None = None, workers: int | None = 1) -> Analysis:
    """The slow, per-set part, cached by content: what the cache does not have is made in up
    to `workers` processes. Similar sets reuse its statistics."""
    cache = cache or NoCache()
    sources = [_sources(archive, note) for note in archive.notes]
    text_keys = [cache.key("texts", s) for s in sources]
    texts = [cache.find("texts", key) for key in text_keys]
    records = [set_record(archive, n, t) if t is not None else {} for n, t in zip(archive.notes, texts)]
    found = (cache.find("stats", cache.key("stats", _doc(archive, i, r).fields)) if r else None
             for i, r in enumerate(records))
    stats = [_shared(s) if s is not None else None for s in found]  # one set's copy at a time
    todo = [i for i, s in enumerate(stats) if s is None]
    sampled = vocabulary.sample(len(records))  # the sets standard phrases are learned from
    opening: dict[int, list[str]] = {}

    def analyse_set(i: int) -> tuple[list[str], dict, list[str] | None]:
        made = texts[i] if texts[i] is not None else markdown_text.texts(sources[i][1], sources[i][0])
        record = set_record(archive, archive.notes[i], made)
        grams = vocabulary.opening_grams(_parts(record)) if i in sampled else None
        return made, field_terms(_doc(archive, i, record)), grams

    for i, (made, terms, grams) in zip(todo, parallel.run(analyse_set, todo, workers)):
        if texts[i] is None:
            cache.keep("texts", text_keys[i], made)
        records[i], stats[i] = set_record(archive, archive.notes[i], made), _shared(terms)
        cache.keep("stats", cache.key("stats", _doc(archive, i, records[i]).fields), terms)
        if grams is not None:
            opening[i] = grams
    return Analysis(records, [s for s in stats if s is not None], len(todo),
                    vocabulary.standard_phrases([_grams(cache, records[i], opening.get(i)) for i in sampled]))


def _grams(cache: TermCache, record: dict, made: list[str] | None) -> list[str]:
    """A sampled set's opening trigrams: found in the cache, else as a worker `made` them or
    made here (a set whose statistics were found can still be new to the sample)."""
    key = cache.key("grams", _parts(record))
    found = cache.find("grams", key)
    if found is None:
        found = made if made is not None else vocabulary.opening_grams(_parts(record))
        cache.keep("grams", key, found)
    return found


def _parts(record: dict) -> list[str]:
    return [text for _, _, text in record["delen"]]


def _doc(archive: Archive, i: int, record: dict) -> SearchDoc:
    return SearchDoc(str(i), _fields(archive.notes[i], _parts(record), record["standpunten"]))


def _shared(fields: dict[str, tuple[list[str], list[int], int]]) -> dict[str, tuple[list[str], list[int], int]]:
    """The same statistics with one string object per distinct term: 10,000 sets name the same
    terms millions of times, and as separate objects they took half a gigabyte."""
    return {name: (list(map(sys.intern, found)), counts, length) for name, (found, counts, length) in fields.items()}
