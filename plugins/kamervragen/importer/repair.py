"""Mending words that PDF text extraction glued together at line ends, with a Dutch word list.

The published PDFs lose the space (or keep a hyphenation hyphen) where a printed line ends:
"tegaan", "vande", "deSecretaris", "oorlogsmis-dadiger", "november2024". A word is only
split or joined when wordfreq's Dutch frequencies say so, and every change is reported,
never made silently. The rules are deliberately narrow: Dutch writes compounds as one word
("wachtlijstbemiddeling"), so two known words side by side prove nothing by themselves.
A split needs a function word ("te gaan", "van de") or a lower-to-upper case change
("de Secretaris"); a join needs a half that is no word at all ("vertegen-woordigd").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from wordfreq import zipf_frequency

LANGUAGE = "nl"
# Words that stand alone and are not usually the start of a compound.
FUNCTION = frozenset("""
de het een van te en is zijn dat die dit deze der niet ook nog als zo wel geen kan mag moet zal wil
zou heeft hebben wordt worden werd waren u uw we wij ik hij zij ons onze mijn hun haar met tot naar
dan maar of want wat wie waar hoe zich nu daar hier wanneer omdat zodat welke alle zoals kunnen
""".split())
# Prepositions that also start compounds ("instromen", "aanwas"): split only before a determiner.
PREFIXES = frozenset("in op aan bij door uit voor over om onder".split())
DETERMINERS = frozenset("de het een deze die dit dat".split())
# Common word endings that are also words: never split them off ("lerende", "meten").
ENDINGS = frozenset("de te en".split())
GLUED_MAX = 2.9       # a glued form more frequent than this is taken to be a word
DETERMINER_MAX = 3.2  # "vande" (3.1) and "inde" (3.0) are frequent typos, still glued
PART_MIN = 3.0        # the content word of a split must be common enough
MONTHS = ("januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december")
_MONTH_YEAR = re.compile(rf"\b({MONTHS})(\d{{4}})\b")
_TOKEN = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_LOOSE_ACCENT = re.compile(r"([^\W\d_]) ´")
_URL = re.compile(r"((?:https?://|www\.)\S+|\S+\.(?:nl|com|org|eu|int|net)/\S*)")


@dataclass(frozen=True)
class Repair:
    """One change to the extracted text: what stood there and what the note says."""

    glued: str
    repaired: str
    line: int  # line of the document text (1-based)

    def __str__(self) -> str:
        return f"regel {self.line}: '{self.glued}' -> '{self.repaired}'"


@lru_cache(maxsize=65536)
def frequency(word: str) -> float:
    """Zipf frequency of a word in Dutch (0 when wordfreq does not know it)."""
    return zipf_frequency(word.lower(), LANGUAGE)


def is_word(word: str) -> bool:
    return frequency(word) > 0


def _split(token: str) -> str | None:
    """Two words glued at a line end, or None when the token may well be one word."""
    for i in range(2, len(token) - 1):
        a, b = token[:i], token[i:]
        if a.islower() and b[0].isupper():  # "deSecretaris", "tegenOekraïne", "hetIMG"
            known = frequency(a) >= 2 and (frequency(b) >= 2 or b.isupper())
            return f"{a} {b}" if known else None
    if not token.islower():
        return None
    glued = frequency(token)
    best: tuple[float, str] | None = None
    for i in range(2, len(token) - 1):
        a, b = token[:i], token[i:]
        fa, fb = frequency(a), frequency(b)
        if (a in FUNCTION or a in PREFIXES) and b in DETERMINERS:
            ok = glued < DETERMINER_MAX
        elif a in PREFIXES:
            ok = False
        elif a in FUNCTION:
            ok = fb >= PART_MIN and glued < GLUED_MAX
        elif b in FUNCTION and b not in ENDINGS:
            ok = fa >= PART_MIN and glued < GLUED_MAX
        else:
            ok = False
        if ok and (best is None or min(fa, fb) > best[0]):
            best = (min(fa, fb), f"{a} {b}")
    return best[1] if best else None


def _join(token: str) -> str | None:
    """A hyphen left by hyphenation: 'vertegen-woordigd' -> 'vertegenwoordigd'."""
    parts = token.split("-")
    if len(parts) != 2 or not all(parts):
        return None
    a, b = parts
    joined = a + b
    if b[:1].isupper() or not is_word(joined) or (is_word(a) and is_word(b)):
        return None
    return joined


def repair_line(line: str, number: int) -> tuple[str, list[Repair]]:
    """The line with glued words mended, and the repairs made."""
    repairs: list[Repair] = []

    def month(match: re.Match[str]) -> str:
        new = f"{match.group(1)} {match.group(2)}"
        repairs.append(Repair(match.group(0), new, number))
        return new

    line = _MONTH_YEAR.sub(month, line)

    def accent(match: re.Match[str]) -> str:  # 'Kostic ´' -> 'Kostić': the accent came loose
        new = unicodedata.normalize("NFC", match.group(1) + "\u0301")
        repairs.append(Repair(match.group(0), new, number))
        return new

    line = _LOOSE_ACCENT.sub(accent, line)

    def token(match: re.Match[str]) -> str:
        word = match.group(0)
        new = _join(word) if "-" in word else _split(word)
        if new is None or new == word:
            return word
        repairs.append(Repair(word, new, number))
        return new

    # Web addresses are left as they are: their words are no Dutch text.
    parts = _URL.split(line)
    return "".join(part if i % 2 else _TOKEN.sub(token, part) for i, part in enumerate(parts)), repairs


def join_hyphenated(lines: list[str], first_line: int = 1) -> tuple[list[str], list[Repair]]:
    """Join a word hyphenated over two lines ('toonaan-' + 'gevende') when the word list knows it."""
    out: list[str] = []
    repairs: list[Repair] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        head = re.search(r"([^\W\d_]+)-$", line)
        tail = re.match(r"([^\W\d_]+)(.*)$", nxt)
        if head and tail and tail.group(1).islower():
            glued = f"{head.group(1)}-{tail.group(1)}"
            joined = _join(glued)
            if joined:
                repairs.append(Repair(f"{head.group(1)}-\n{tail.group(1)}", joined, first_line + i))
                out.append(line[:head.start()] + joined + tail.group(2))
                i += 2
                continue
        out.append(line)
        i += 1
    return out, repairs
