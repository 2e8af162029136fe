"""What the search and similar sets know of each set, analysed once per build.

A set's *record* is what a search result shows (title, askers, the text per question and
answer, the positions); its *statistics* are the analysed terms per lunr field. Both are for
one audience. The index files (`generate/search.py`) and similar sets
(`analysis/similar.py`) both start from here, so the text is analysed once.
"""

from __future__ import annotations

import gzip
from collections import Counter
from dataclasses import dataclass
from typing import Any

import orjson

from kamervragen import parallel
from kamervragen.analysis import markdown_text, terms as analysis, vocabulary
from kamervragen.analysis.cache import NoCache, Stats, TermCache, decode, encode
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
    return [_doc(note, str(i), record) for i, (note, record) in enumerate(zip(archive.notes, records))]


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
    """Per set (in archive order): its search record as its search file holds it (`pack`) and
    its term statistics; and the standard phrases of the archive's text
    (vocabulary.standard_phrases). Records stay packed: as Python objects, the text of
    10,000 sets took hundreds of megabytes for the whole build."""

    files: list[bytes]
    stats: list[Stats]  # per field: numbers of its distinct terms (in `terms`), their counts, its length
    reanalysed: int  # sets that were not in the cache
    phrases: list[str]
    terms: list[str]  # each term once, by number (more than the sets hold, when from the cache)


def pack(value: object, level: int = 9) -> bytes:
    """A search file's bytes (a record, a shard, the facets): compact JSON, gzip-compressed
    without a timestamp, so the same value gives the same bytes in every build; the browser
    unpacks it."""
    return gzip.compress(compact_json(value), level, mtime=0)


def compact_json(value: object) -> bytes:
    """JSON in UTF-8 without spaces, by orjson: the bytes of the standard library's
    `json.dumps(value, ensure_ascii=False, separators=(",", ":"))` for our values (rounded
    weights, strings, integers), eight times faster: 4 s a build at 10,000 sets."""
    return orjson.dumps(value)


def unpack(data: bytes) -> Any:
    """What `pack` packed, as the browser reads it."""
    return orjson.loads(gzip.decompress(data))


# A set's packed record, statistics and opening trigrams (None: not worked out, the set was
# not sampled when it was analysed).
Analysed = tuple[bytes, dict[str, tuple[list[str], list[int], int]], str | None]


def analyse_set(archive: Archive, note: Note, sampled: bool) -> Analysed:
    """The slow part for one set: its Markdown rendered to text, the text analysed. The opening
    trigrams only for a sampled set: for every set they took a fifth of the analysis."""
    labels, sources = _sources(archive, note)
    record = set_record(archive, note, markdown_text.texts(sources, labels))
    return pack(record), field_terms(_doc(note, "", record)), _grams(record) if sampled else None


def analyse(archive: Archive, cache: TermCache | None = None, workers: int | None = 1) -> Analysis:
    """Every set's analysis, found in the cache by its note, else made in up to `workers`
    processes. Similar sets reuse its statistics."""
    cache = cache or NoCache()
    keys = [cache.key(note, archive.internal) for note in archive.notes]
    sampled = set(vocabulary.sample(len(keys)))  # the sets standard phrases are learned from
    files: list[bytes] = []
    stats: list[Stats] = []
    grams: list[str] = []
    todo: list[int] = []
    for i, key in enumerate(keys):  # one set's found copy at a time
        found = cache.find(key)
        if found is None:
            todo.append(i)
            found = b"", {}, ""
        elif i in sampled and found[2] is None:  # sampled now (the archive grew or shrank), not then
            found = (found[0], found[1], _grams(unpack(found[0])))
            cache.amend(key, found)
        files.append(found[0])
        stats.append(found[1])
        grams.append(found[2] if i in sampled else "")
    # A worker hands over each set's analysis as marshal data: unpickling, interning and
    # encoding it in this process again took 3.4 ms a set, a third of the analysis's
    # processor time, beside the workers. Its terms are numbered here, as the cache keeps them.
    made = parallel.run(lambda i: encode(analyse_set(archive, archive.notes[i], i in sampled)), todo, workers)
    for i, data in zip(todo, made):
        files[i], fields, trigrams = decode(data)
        stats[i] = cache.numbers.stats(fields)
        cache.keep(keys[i], (files[i], stats[i], trigrams))
        grams[i] = trigrams or ""
    return Analysis(files, stats, len(todo), cache.phrases([grams[i] for i in sorted(sampled)],
                                                           vocabulary.standard_phrases), cache.numbers.terms)


def _grams(record: dict) -> str:
    return vocabulary.opening_grams(_parts(record))


def _parts(record: dict) -> list[str]:
    return [text for _, _, text in record["delen"]]


def _doc(note: Note, ref: str, record: dict) -> SearchDoc:
    return SearchDoc(ref, _fields(note, _parts(record), record["standpunten"]))
