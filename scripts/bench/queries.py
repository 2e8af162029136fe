"""The search benchmark's queries, chosen from our built search data and the corpus.

Two mid-frequency words that occur together in some sets (the common case), the three terms
in most sets (the worst case for bytes), and the stop word "de" (which our search answers
with a note that it is too common).
A query is typed as a visitor would, so each index term is given back as a plain word that
stems to it.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kamervragen.analysis import terms as analysis
from kamervragen.analysis.records import unpack

from .builds import BenchError
from .corpus import synth


@dataclass
class Queries:
    pair: str
    common: str
    stop: str = "de"
    info: dict[str, Any] = field(default_factory=dict)


WORD = re.compile(r"[a-zà-öø-ÿ]+")


def vocabulary_words(vocabulary: list[str]) -> dict[str, str]:
    """Index term -> the generator vocabulary's most frequent plain word with that stem."""
    found: dict[str, str] = {}
    for word in vocabulary:
        if WORD.fullmatch(word) and (t := analysis.term(word)) and t not in found:
            found[t] = word
    return found


def surface_words(terms: set[str], known: dict[str, str], notes: Path) -> dict[str, str]:
    """A typed word per index term: from `known`, else the first word in the notes with that
    stem (notes are read only until every term has one)."""
    found = {t: known[t] for t in terms if t in known}
    missing = terms - found.keys()
    if missing:
        for path in sorted(notes.rglob("*.md")):
            for token in analysis.tokenize(path.read_text(encoding="utf-8")):
                word = analysis.trim(token)
                if WORD.fullmatch(word) and (t := analysis.term(word)) in missing:
                    found[t] = word
                    missing.discard(t)
            if not missing:
                break
    return found


def choose_queries(site: Path, notes: Path, n: int, seed: int, pair: str | None, common: str | None) -> Queries:
    """Two mid-frequency words that occur together, and the three terms in most sets.

    Document frequencies come from our shards (a set counts once, title or text)."""
    shards = sorted((site / "search" / "shards").glob("*.json*"))  # packed (.json.gz) since issue 13
    known = vocabulary_words(synth.Generator(seed).words)
    df: dict[str, int] = {}
    docs: dict[str, set[int]] = {}  # only for candidates of the two-word query
    lo, hi, aim = 0.05, 0.20, 0.10
    for shard in shards:
        data = shard.read_bytes()
        for row in unpack(data) if shard.suffix == ".gz" else json.loads(data):
            ids = set(row[2]).union(*row[4::2])  # a set per document, whichever field
            df[row[0]] = len(ids)
            if lo * n <= len(ids) <= hi * n and len(known.get(row[0], "")) >= 5:
                docs[row[0]] = ids
    info: dict[str, Any] = {"termen": len(df), "shards": len(shards)}
    alphabetic = [t for t in df if WORD.fullmatch(t)]
    top = sorted(alphabetic, key=lambda t: (-df[t], t))[:3]
    words = surface_words(set(top) | set(docs), known, notes)

    if common is None:
        if len(top) < 3 or any(t not in words for t in top):
            raise BenchError("geen drie veelvoorkomende woorden gevonden; geef ze met --gewone-woorden")
        common = " ".join(words[t] for t in top)
        info["gewone_woorden"] = {words[t]: {"term": t, "sets": df[t]} for t in top}
    if pair is None:
        candidates = sorted(docs,
                            key=lambda t: (abs(df[t] / n - aim), t))
        need = max(2, math.ceil(0.005 * n))
        for i, first in enumerate(candidates[:60]):
            second = next((t for t in candidates[i + 1:i + 200]
                           if not t.startswith(first) and not first.startswith(t)
                           and len(docs[first] & docs[t]) >= need), None)
            if second:
                pair = f"{words[first]} {words[second]}"
                info["twee_woorden"] = {words[first]: {"term": first, "sets": df[first]},
                                        words[second]: {"term": second, "sets": df[second]},
                                        "samen": len(docs[first] & docs[second])}
                break
        else:
            raise BenchError("geen paar middelfrequente woorden gevonden dat samen voorkomt; geef het met --woorden")
    return Queries(pair=pair, common=common, info=info)

