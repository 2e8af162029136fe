"""What the search and similar sets know of each set, analysed once per build.

A set's *record* is what a search result shows (title, askers, the text per question and
answer, the positions); its *statistics* are the analysed terms per lunr field. Both are for
one audience. The index files (`generate/search.py`) and similar sets
(`analysis/similar.py`) both start from here, so the text is analysed once.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass

from kamervragen.analysis import terms as analysis
from kamervragen.analysis.cache import TermCache
from kamervragen.model import Archive
from kamervragen.read.notes import Note

# lunr fields and their boosts: the index weighs them, the statistics count them.
FIELDS: tuple[tuple[str, float], ...] = (("titel", 10.0), ("tekst", 1.0))
# (characters that must be present, pattern, replacement); the check skips most regex runs.
# Each pattern runs in linear time whatever the text (a 1 MB line of '*a ' or '[' included):
# no pattern pairs markers across the text, scans past the next opening bracket, or can
# backtrack into a run it matched (possessive quantifiers, Python 3.11+).
_MD_MARKUP = [
    ("!?", re.compile(r'^(?:!!!|\?\?\?\+?)[ \t]*+[\w\-]++(?:[ \t]++[\w\-]++)*+(?:[ \t]*+"([^"\n]*+)")?[ \t]*+$',
                      re.M), r"\1"),  # admonition -> title
    ("[", re.compile(r"!?\[([^\[\]]*+)\]\([^()]*+\)"), r"\1"),  # links and images -> their text
    ("<", re.compile(r"<[^<>]++>"), " "),  # inline HTML tags
    ("#>-*+.)", re.compile(r"^[ \t]*+(?:#{1,6}[ \t]++|>[ \t]?|[-*+][ \t]++|[0-9]++[.)][ \t]++)", re.M), ""),  # blocks
    # emphasis markers where a word starts or ends (not inside snake_case or 3 * 4), and code ticks
    ("*_`", re.compile(r"(?<![\w*_])[*_]++(?=[^\s*_])|(?<=[^\s*_])[*_]++(?![\w*_])|`++"), ""),
    ("{", re.compile(r"\{[#.][^{}]*+\}"), ""),  # attribute lists
    ("[", re.compile(r"\[\^[^\]\s]++\]:?"), ""),  # footnote references and definition labels
    ("\\", re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>])"), r"\1"),  # Markdown escapes
]


def plain(markdown: str) -> str:
    """Readable text of a Markdown snippet, for search snippets (never rendered as HTML)."""
    for chars, pattern, repl in _MD_MARKUP:
        if any(c in markdown for c in chars):
            markdown = pattern.sub(repl, markdown)
    return " ".join(markdown.split())


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


def set_record(archive: Archive, note: Note) -> dict:
    """What a result shows: title, askers, the text per question and answer (for snippets) and
    the positions this audience may see, each with the answer it links to (precedent finder)."""
    body = note.body
    chunks = [body.head(), *body.sections]
    answers = body.numbers("antwoord")
    return {
        "titel": note.titel,
        "kenmerk": note.kenmerk,
        "vragenstellers": note.askers_label,
        "delen": [[c.anchor, c.title, text] for c in chunks
                  if (text := plain(body.text(archive.internal, c)))]
        + [[f"fn:{label}", f"Voetnoot {label}", plain(text)] for label, text in body.footnotes(archive.internal)],
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
    records = [set_record(archive, n) for n in archive.notes]
    docs = documents(archive, records)
    stats = [_shared(cache.get_or_compute(d, field_terms) if cache else field_terms(d)) for d in docs]
    return Analysis(records, stats, cache.misses if cache else len(docs))


def _shared(fields: dict[str, tuple[list[str], list[int], int]]) -> dict[str, tuple[list[str], list[int], int]]:
    """The same statistics with one string object per distinct term: 10,000 sets name the same
    terms millions of times, and as separate objects they took half a gigabyte."""
    return {name: (list(map(sys.intern, found)), counts, length) for name, (found, counts, length) in fields.items()}
