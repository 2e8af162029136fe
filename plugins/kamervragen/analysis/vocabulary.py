"""What the browser needs to read queries: synonym groups and the standard text of Kamervragen.

Synonyms come from the theme registry (a theme's name and its other names: OMO and
Ondersteuningsnetwerk Maatschappelijke Onrust) and from a short list of government
abbreviations shipped with the package (`data/afkortingen.yml`). The standard text is
learned from the archive itself: word trigrams found in a large share of the sets (the
opening line, 'Bent u bekend met', 'Kunt u deze vragen afzonderlijk beantwoorden'), so the
precedent finder can leave them out of pasted questions.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

import yaml

from kamervragen.analysis import terms as analysis
from kamervragen.problems import ArchiveError
from kamervragen.read.themes import Theme

ABBREVIATIONS = Path(__file__).parents[1] / "data" / "afkortingen.yml"
GRAM = 3               # words per standard phrase
SHARE = 0.35           # a phrase is standard when at least this share of the sets has it
MIN_SETS = 3           # ... and at least this many sets
SAMPLE_SETS = 2000     # sets read to learn them (evenly spread), so big archives stay fast
WORDS_PER_PART = 80    # standard phrases stand at the start of a question or answer
MAX_PHRASES = 300
CHUNK_SETS = 50        # sets counted at once when looking for standard phrases


def abbreviations(path: Path = ABBREVIATIONS) -> list[list[str]]:
    """The abbreviation list: [[abbreviation, full form, ...], ...]."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ArchiveError(f"{path}: verwacht 'AFKORTING: voluit' per regel")
    groups = []
    for short, full in data.items():
        forms = [full] if isinstance(full, str) else full
        if not isinstance(short, str) or not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
            raise ArchiveError(f"{path}: '{short}' moet een afkorting met een of meer voluit geschreven vormen zijn")
        groups.append([short, *forms])
    return groups


def synonym_groups(themes: dict[str, Theme], extra: Iterable[list[str]] | None = None) -> list[list[str]]:
    """Groups of forms a query may use for the same thing; groups sharing a form are merged."""
    groups: list[list[str]] = [list(t.terms) for t in themes.values() if t.namen]
    groups += list(abbreviations() if extra is None else extra)
    merged: list[dict[str, str]] = []  # per group: form by its index terms
    for group in groups:
        forms = {" ".join(analysis.terms(f)) or f.lower(): f for f in reversed(group)}
        overlapping = [m for m in merged if m.keys() & forms.keys()]
        for m in overlapping:
            forms = {**m, **forms}
        merged = [m for m in merged if m not in overlapping] + [forms]
    # Forms with the same terms (Veiligheidsscan, veiligheidsscans) are one form already.
    return [list(reversed(m.values())) for m in merged if len(m) > 1]


@lru_cache(maxsize=200_000)
def _word(token: str) -> str:
    """A token trimmed and folded, as kv-search-core.js reads words (stop words kept). Cached:
    a few thousand words make up most of the text, and folding each again took a sixth of a
    cold build."""
    return analysis.fold(analysis.trim(token))


def _words(text: str) -> list[str]:
    return [w for w in map(_word, analysis.tokenize(text)) if w]


def _opening_words(text: str) -> list[str]:
    """The first WORDS_PER_PART words of a text. Only its start is read when that has enough
    of them (cut at a space, so no word is split): reading whole parts took a tenth of a cold
    build."""
    space = text.rfind(" ", 0, WORDS_PER_PART * 20)
    if space > 0:
        words = _words(text[:space])
        if len(words) >= WORDS_PER_PART:
            return words[:WORDS_PER_PART]
    return _words(text)[:WORDS_PER_PART]


def sample(sets: int) -> range:
    """The sets standard phrases are learned from: at most about SAMPLE_SETS, evenly spread."""
    return range(0, sets, max(1, sets // SAMPLE_SETS))


def opening_grams(texts: list[str]) -> str:
    """The distinct word trigrams among the first words of each of a set's parts, sorted, a
    line each: one string per set (as lists, the trigrams of 2,000 sets took 150 MB)."""
    grams = set()
    for text in texts:
        ws = _opening_words(text)
        grams.update(" ".join(ws[i:i + GRAM]) for i in range(len(ws) - GRAM + 1))
    return "\n".join(sorted(grams))


def standard_phrases(grams_per_set: Sequence[str]) -> list[str]:
    """The trigrams (`opening_grams` of each sampled set, a line each) found in at least SHARE of the sets
    (and MIN_SETS), most common first, then alphabetically.

    A trigram in SHARE of all sets is in SHARE of the sets of at least one chunk of them, so
    counting each chunk on its own finds every candidate; only the candidates are then counted
    over all sets. One count over all sets held millions of one-set trigrams at once."""
    needed = max(MIN_SETS, SHARE * len(grams_per_set))
    candidates: set[str] = set()
    for start in range(0, len(grams_per_set), CHUNK_SETS):
        chunk = grams_per_set[start:start + CHUNK_SETS]
        counts = Counter(gram for grams in chunk for gram in grams.splitlines())
        candidates.update(g for g, n in counts.items() if n >= SHARE * len(chunk))
    df = Counter(gram for grams in grams_per_set for gram in grams.splitlines() if gram in candidates)
    kept = sorted((g for g, n in df.items() if n >= needed and not all(w in analysis.STOP_WORDS for w in g.split())),
                  key=lambda g: (-df[g], g))
    return kept[:MAX_PHRASES]
