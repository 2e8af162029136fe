"""Dutch text analysis that gives exactly the terms the browser's lunr.js gives.

The browser runs lunr 2.3.9 with lunr-languages 1.22.0 (`lunr.nl`): lowercase, split on
`/[\\s\\-]+/`, trim to word characters, drop stop words, fold diacritics, stem with the
pre-2025 Snowball Dutch stemmer. Here the same steps run in Python: PyStemmer's
`dutch_porter` is that stemmer in C (Snowball 3's `dutch` is a different algorithm; see
README.md, "Design notes"). The constants are copied from lunr.nl.js 1.22.0 and checked
against it by the test suite over a real Dutch word list.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import Stemmer

# lunr.nl.wordCharacters (lunr.nl.js 1.22.0); the trimmer adds ASCII digits.
WORD_CHARACTERS = (
    "A-Za-z\xAA\xBA\xC0-\xD6\xD8-\xF6\xF8-\u02B8\u02E0-\u02E4\u1D00-\u1D25\u1D2C-\u1D5C"
    "\u1D62-\u1D65\u1D6B-\u1D77\u1D79-\u1DBE\u1E00-\u1EFF\u2071\u207F\u2090-\u209C\u212A"
    "\u212B\u2132\u214E\u2160-\u2188\u2C60-\u2C7F\uA722-\uA787\uA78B-\uA7AD\uA7B0-\uA7B7"
    "\uA7F7-\uA7FF\uAB30-\uAB5A\uAB5C-\uAB64\uFB00-\uFB06\uFF21-\uFF3A\uFF41-\uFF5A"
)
_ALLOWED = WORD_CHARACTERS + "0-9"
_TRIM_START = re.compile("^[^" + _ALLOWED + "]+")
_TRIM_END = re.compile("[^" + _ALLOWED + r"]+\Z")

# lunr.nl.stopWordFilter's list (lunr.nl.js 1.22.0); '' is a stop word too, so emptied tokens go.
STOP_WORDS = frozenset(
    " aan al alles als altijd andere ben bij daar dan dat de der deze die dit doch doen door dus een"
    " eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in"
    " is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat"
    " onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat"
    " werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou".split(" ")
)

# Typed and printed punctuation that must not make words differ ("ME'ers" typed, "ME’ers" in the
# text): apostrophes are dropped inside words and every dash becomes the hyphen the tokenizer
# splits on. kv-search-core.js has the same two character classes (tested for parity).
_APOSTROPHES = re.compile("['\u2018\u2019\u201b`\u00b4\u02bc\u2032]")
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
# JavaScript's \s, which lunr.tokenizer.separator (/[\s\-]+/) splits on.
_SEPARATOR = re.compile("[\t\n\v\f\r \xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff-]+")
_COMBINING = re.compile("[\u0300-\u036f]")

# Pipelines as the serialized index names them; search.js registers `fold-nl` in the browser.
INDEX_PIPELINE = ("trimmer-nl", "stopWordFilter-nl", "fold-nl", "stemmer-nl")
SEARCH_PIPELINE = ("trimmer-nl", "fold-nl", "stemmer-nl")

_stemmer = Stemmer.Stemmer("dutch_porter")


def normalize(text: str) -> str:
    """Apostrophes out, dashes to hyphens: the same at index and query time."""
    return _DASHES.sub("-", _APOSTROPHES.sub("", text))


def tokenize(text: str) -> list[str]:
    """lunr.tokenizer after `normalize`: lowercase, split on whitespace and hyphens."""
    return [t for t in _SEPARATOR.split(normalize(text).lower()) if t]


def trim(token: str) -> str:
    return _TRIM_END.sub("", _TRIM_START.sub("", token))


def fold(token: str) -> str:
    """Drop diacritics the stemmer keeps (è, ê, ç): NFKD, no combining marks, NFC."""
    return unicodedata.normalize("NFC", _COMBINING.sub("", unicodedata.normalize("NFKD", token)))


def stem(token: str) -> str:
    return _stemmer.stemWord(token)


@lru_cache(maxsize=500_000)
def term(token: str) -> str | None:
    """One token through the index pipeline; None for stop words and empty tokens."""
    trimmed = trim(token)
    if trimmed in STOP_WORDS:
        return None
    return stem(fold(trimmed))


def terms(text: str) -> list[str]:
    """All index terms of a text, in order, stop words removed."""
    return [t for t in map(term, tokenize(text)) if t is not None]
