"""The front-matter schema: a table of fields for each kind of mapping, and one reader for all.

A note, each of its askers, postponements and positions (`standpunten`), and each theme of the
registry are YAML mappings. Their fields are declared here once (key, kind of value, required
or not, pattern with a Dutch hint, allowed values), and one `Reader` checks any mapping against
its table, so one fault gets one Dutch message wherever it is made. docs/notitieformaat.md lists
the same keys; tests/test_schema.py checks that the two agree.
"""

from __future__ import annotations

import datetime as dt
import re
import reprlib
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Any, Callable

from kamervragen import sanitize
from kamervragen.audience import AUDIENCES
from kamervragen.problems import Problem
from kamervragen.read.body import question_numbers
from kamervragen.read.source import YamlDoc

KENMERK_PATTERN = "[0-9]{4}Z[0-9]{5}"  # the one pattern of a kenmerk: Python derives its regexes from it, JS gets it
KENMERK_IN_TEXT = re.compile(rf"\b{KENMERK_PATTERN}\b")  # a kenmerk standing alone in running text
_KENMERK_TAIL = re.compile(KENMERK_PATTERN[KENMERK_PATTERN.index("Z"):])
KENMERK = re.compile(rf"\A{KENMERK_PATTERN}\Z")  # \Z, not $: "2026Z00186\n" is no kenmerk
DATE = re.compile(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
# Dates outside these years are typing errors, and past 2106 no gzip timestamp (the sitemap's) can hold them.
FIRST_DATE, LAST_DATE = dt.date(1900, 1, 1), dt.date(2100, 12, 31)
DOCUMENTNUMMER = re.compile(r"\A[0-9]{4}D[0-9]{5}\Z")
VERGADERJAAR = re.compile(r"\A([0-9]{4})-([0-9]{4})\Z")
SLUG = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z, not $: "nieuw\n" is no slug
SOORTEN = ("schriftelijk", "mondeling")


def kenmerken_in(text: str) -> list[str]:
    """`KENMERK_IN_TEXT.findall(text)`, eight times faster: Python's re has no fast scan for a
    pattern that starts with a class of digits, so the literal 'Z' part is found first and
    the whole pattern tried where it stands (at 10,000 sets: 0.5 s instead of 4 s a build)."""
    return [text[m.start() - 4:m.end()] for m in _KENMERK_TAIL.finditer(text)
            if m.start() >= 4 and KENMERK_IN_TEXT.match(text, m.start() - 4)]


class Kind(Enum):
    """The kind of one value; a field with `many` holds a list of them."""

    TEXT = "tekst"
    MARKDOWN = "Markdown"  # text a page renders: what the sanitiser would drop is an error
    DATE = "datum JJJJ-MM-DD"
    NUMBER = "nummer"
    YEAR = "vergaderjaar"
    FLAG = "true of false"
    QUESTIONS = "vraagnummers"
    TABLE = "tabel"  # mappings with a table of their own, in a list (askers, postponements, positions)


ONE, LIST, ONE_OR_LIST = "één", "lijst", "één of lijst"  # how many values a field holds


@dataclass(frozen=True)
class Field:
    """One key of a mapping: one value of its `kind`, or (`many`) a list of them.

    `hint` is Dutch and completes the message for a bad value: after "is geen" for a `pattern`
    ("Kamerkenmerk in de vorm …"), after the `allowed` values, or as an example of a number."""

    key: str
    kind: Kind = Kind.TEXT
    required: bool = False
    many: str = ONE
    pattern: re.Pattern[str] | None = None
    hint: str = ""
    allowed: tuple[str, ...] = ()
    default: Any = None  # for an absent or empty value; a list's default is ()
    not_empty: bool = False  # given, it may not be empty (an empty 'zichtbaarheid' is no 'openbaar')
    table: Table | None = None  # the fields of a Kind.TABLE value

    def __post_init__(self) -> None:
        if (self.kind is Kind.TABLE) != (self.table is not None) or (self.table and self.many != LIST):
            raise ValueError(f"{self.key}: a Kind.TABLE field has a table and holds a list of them")

    @cached_property
    def empty(self) -> Any:
        return () if self.many != ONE and self.default is None else self.default

    @cached_property
    def parse(self) -> Callable[[Any, Field], Any]:
        """The check of one value of this kind, looked up once: notes are read by the thousand."""
        return _PARSE[self.kind]


@dataclass(frozen=True)
class Table:
    """The fields of one kind of mapping, and how messages name one of them in a list:
    "standpunt 'tekst'" by its `name_key`, else by number ("standpunt 2")."""

    noun: str
    fields: tuple[Field, ...]
    name_key: str | None = None
    one_of: tuple[str, ...] = ()  # at least one of these keys is given
    shorthand: str | None = None  # a bare text stands for {shorthand: text} ('- 2024-10-28')

    @cached_property
    def keys(self) -> frozenset[str]:
        return frozenset(f.key for f in self.fields)

    @cached_property
    def needs(self) -> str:
        """The keys an item must have, in Dutch: "'naam' en 'partij'", "'datum' en/of 'aanhangsel'"."""
        keys = [f"'{k}'" for k in self.one_of] or [f"'{f.key}'" for f in self.fields if f.required]
        return f"{', '.join(keys[:-1])} {'en/of' if self.one_of else 'en'} {keys[-1]}" if len(keys) > 1 else keys[0]

    @cached_property
    def shape(self) -> str:
        """What one item must be, in Dutch: "een tabel met 'naam' en 'partij'"."""
        short = next((f"een {f.kind.value} of " for f in self.fields if f.key == self.shorthand), "")
        return f"{short}een tabel met {self.needs}"


def _texts(key: str, **kw: Any) -> Field:
    """A list of texts, the most common field."""
    return Field(key, many=LIST, **kw)


_KENMERK = dict(pattern=KENMERK, hint="Kamerkenmerk in de vorm 2026Z00186 (jaar, Z, vijf cijfers)")

ASKER = Table("vragensteller", (Field("naam", required=True), Field("partij", required=True)), name_key="naam")
POSTPONEMENT = Table("uitstelbericht", (
    Field("datum", Kind.DATE),
    Field("aanhangsel", Kind.NUMBER, hint="zoals 507"),
    Field("vergaderjaar", Kind.YEAR),
), one_of=("datum", "aanhangsel"), shorthand="datum")
POSITION = Table("standpunt", (
    Field("standpunt", required=True),
    Field("vragen", Kind.QUESTIONS, default=()),
    _texts("themas"),
    Field("zichtbaarheid", allowed=AUDIENCES, default="openbaar", not_empty=True),
), name_key="standpunt")

# In the order of docs/notitieformaat.md, which is also the order problems are reported in.
NOTE = Table("notitie", (
    Field("kenmerk", required=True, **_KENMERK),
    Field("titel", required=True),
    Field("gesteld", Kind.DATE, required=True),
    Field("vragenstellers", Kind.TABLE, required=True, many=LIST, table=ASKER),
    _texts("gericht_aan", required=True),
    Field("beantwoord_door", many=ONE_OR_LIST),
    Field("termijn", Kind.DATE),
    Field("beantwoord", Kind.DATE),
    Field("uitstel", Kind.TABLE, many=LIST, table=POSTPONEMENT),
    _texts("themas", required=True),
    _texts("gerelateerd", **_KENMERK),
    Field("referentie"),
    Field("aanleiding"),
    Field("zichtbaarheid", allowed=AUDIENCES, default="openbaar", not_empty=True),
    Field("synthetisch", Kind.FLAG, default=False, not_empty=True),
    Field("standpunten", Kind.TABLE, many=LIST, table=POSITION),
    Field("soort", allowed=SOORTEN, default="schriftelijk"),
    Field("ontvangen", Kind.DATE),
    Field("aanhangsel", Kind.NUMBER, hint="zoals 604"),
    Field("vergaderjaar", Kind.YEAR),
    _texts("documentnummers", pattern=DOCUMENTNUMMER, hint="documentnummer in de vorm 2024D45005"),
    Field("opmerking"),
    Field("nummering", allowed=("origineel",), hint="nummers zoals in het officiële document"),
    _texts("bron"),
    _texts("controleren"),
))

THEME = Table("thema", (
    Field("slug", required=True, pattern=SLUG,
          hint="slug: alleen kleine letters en cijfers, met '-' ertussen (zoals weerbaar-bestuur)"),
    Field("naam", required=True),
    Field("beschrijving", Kind.MARKDOWN, required=True),  # Markdown on the theme's page
    _texts("namen"),
), name_key="slug")


class Bad(Exception):
    """A value that does not fit its field; the messages say why, in Dutch."""

    def __init__(self, *messages: str) -> None:
        super().__init__(*messages)
        self.messages = messages


def _text(value: Any, f: Field) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise Bad("moet ingevuld zijn")
    if not isinstance(value, str):
        hint = "" if isinstance(value, (list, dict)) else "; zet het tussen aanhalingstekens"
        raise Bad(f"moet tekst zijn, niet {_kind(value)} ({_show(value)}){hint}")
    if f.pattern and not f.pattern.fullmatch(value):  # exactly: "nieuw\n" is no slug
        raise Bad(f"{_show(value)} is geen {f.hint}")
    text = value.strip()
    if f.allowed and text not in f.allowed:
        alternatives = " of ".join(f"'{a}'" for a in f.allowed)
        raise Bad(f"'{text}' kan alleen {alternatives} zijn" + (f" ({f.hint})" if f.hint else ""))
    return text


def _markdown(value: Any, f: Field) -> str:
    text = _text(value, f)
    dropped = [message for line in text.splitlines() for message in sanitize.dropped(line)]
    if dropped:
        raise Bad(*dropped)
    return text


def _date(value: Any, f: Field) -> dt.date:
    text = _text(value, f)
    if not DATE.fullmatch(value):
        raise Bad(f"{_show(value)} is geen datum in de vorm JJJJ-MM-DD")
    try:
        date = dt.date.fromisoformat(text)
    except ValueError:
        raise Bad(f"'{text}' is geen bestaande datum") from None
    if not FIRST_DATE <= date <= LAST_DATE:
        raise Bad(f"'{text}' ligt niet tussen {FIRST_DATE.year} en {LAST_DATE.year}; een tikfout in het jaar?")
    return date


def _year(value: Any, f: Field) -> str:
    text = _text(value, f)
    match = VERGADERJAAR.fullmatch(value)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise Bad(f"{_show(value)} is geen vergaderjaar in de vorm 2024-2025")
    return text


def _number(value: Any, f: Field) -> int:
    whole = isinstance(value, int) and not isinstance(value, bool)
    if not whole or value < 1:
        example = f" ({f.hint})" if f.hint else ""
        raise Bad(f"moet een nummer zijn{example}, niet {value if whole else f'{_kind(value)} ({_show(value)})'}")
    return value


def _flag(value: Any, f: Field) -> bool:
    if not isinstance(value, bool):
        raise Bad(f"moet true of false zijn, niet {_kind(value)} ({_show(value)})")
    return value


def _questions(value: Any, f: Field) -> tuple[int, ...]:
    """"2 t/m 6", "3 en 7", 5, or a list of numbers."""
    if isinstance(value, list) and all(isinstance(n, int) and not isinstance(n, bool) for n in value):
        return tuple(value)
    numbers = question_numbers(str(value)) if isinstance(value, (str, int)) else None
    if numbers is None:
        raise Bad(f"{_show(value)} is geen lijst van vraagnummers zoals \"2 t/m 6\" of \"3 en 7\"")
    return tuple(numbers)


_PARSE: dict[Kind, Callable[[Any, Field], Any]] = {
    Kind.TEXT: _text, Kind.MARKDOWN: _markdown, Kind.DATE: _date, Kind.YEAR: _year, Kind.NUMBER: _number,
    Kind.FLAG: _flag, Kind.QUESTIONS: _questions,
}


class Values(dict[str, Any]):
    """A checked mapping's values by key (a bad or absent value: the field's default), with its
    place in the YAML document and what messages call it: "standpunt 'Tekst'", "thema 3", or
    nothing for a note itself. The name is made only for a message."""

    __slots__ = ("path", "noun", "name")

    def __init__(self, path: tuple[Any, ...], noun: str = "", name: Any = None) -> None:
        self.path, self.noun, self.name = path, noun, name  # dict.__new__ made the empty dict

    @property
    def label(self) -> str:
        if not self.noun:
            return ""
        named = isinstance(self.name, str) and self.name.strip()
        return f"{self.noun} '{self.name.strip()}'" if named else f"{self.noun} {self.path[-1] + 1}"


class Reader:
    """Checks mappings of one file against their tables and keeps every problem, each with the
    file, the line and the field.

    A problem is filed under the first key of its path: a note's own field, or a registry
    entry's field. A field inside a list item (an asker, a position) is named in the message:
    "standpunt 'Tekst', veld 'vragen': …". A key that is missing is placed at its mapping's line
    or, for a note, at `end_line` (the closing '---', where it can be added)."""

    def __init__(self, rel: str, doc: YamlDoc, end_line: int | None = None) -> None:
        self.rel, self.doc, self.end_line = rel, doc, end_line
        self.problems: list[Problem] = []

    def say(self, at: Values, key: str | None, message: str, *within: Any) -> None:
        """A problem with field `key` (None: the whole item) of the mapping `at`."""
        path = (*at.path, *([] if key is None else [key]), *within)
        owner = next((k for k in path if isinstance(k, str)), None)
        label = at.label
        if label:
            named = "" if key is None or key == owner else f", veld '{key}'"
            message = f"{label}{named}: {message}"
        self.problems.append(Problem(self.rel, message, key=owner, line=self.doc.line(*path) or self.end_line))

    def mapping(self, table: Table, data: dict[Any, Any], at: Values) -> Values:
        """`data` checked against `table`, its values put in `at`."""
        if not table.keys.issuperset(data):
            for key in sorted(set(data) - table.keys, key=str):
                self.say(at, str(key), f"onbekende sleutel; toegestaan zijn: {', '.join(sorted(table.keys))}")
        for f in table.fields:
            value = data.get(f.key)
            if value is None and not (f.required or f.not_empty):  # most keys of a note are absent
                at[f.key] = f.empty
            else:
                at[f.key] = self.field(f, value, f.key in data, at)
        if table.one_of and all(_empty(data.get(k)) for k in table.one_of):
            self.say(at, None, f"geef {table.needs}")
        return at

    def item(self, table: Table, value: Any, path: tuple[Any, ...]) -> Values | None:
        """One list item of `table` at `path` (its index last); None if anything in it is wrong."""
        before = len(self.problems)
        if isinstance(value, dict):
            values = self.mapping(table, value, Values(path, table.noun, value.get(table.name_key)))
        elif table.shorthand and isinstance(value, str):
            values = self.mapping(table, {table.shorthand: value}, Values(path))
        else:
            self.say(Values(path, table.noun), None, f"moet {table.shape} zijn, niet {_kind(value)} ({_show(value)})")
            return None
        return values if len(self.problems) == before else None

    def field(self, f: Field, value: Any, present: bool, at: Values) -> Any:
        """The value of field `f`, checked; its default when it is absent, empty or wrong."""
        if value is None or value == [] or (value.__class__ is str and not value.strip()):  # _empty, inline
            if f.required or (f.not_empty and present):
                self.say(at, f.key, "ontbreekt of is leeg" + (": geef minstens één waarde" if f.many == LIST else ""))
            return f.empty
        if not isinstance(value, list) or f.many == ONE:
            if f.many == LIST:
                self.say(at, f.key, f"moet een lijst zijn (regels die beginnen met '- '), niet {_kind(value)}")
                return f.empty
            one = self._one(f, value, at)
            if f.many == ONE:
                return one
            return f.empty if one is None else (one,)
        if f.table is not None:
            checked = [self.item(f.table, item, (*at.path, f.key, i)) for i, item in enumerate(value)]
        else:
            checked = [self._one(f, item, at, i) for i, item in enumerate(value)]
        return tuple(v for v in checked if v is not None)

    def _one(self, f: Field, value: Any, at: Values, *index: int) -> Any:
        """One value (the list's item at `index`, if given); None after reporting what is wrong."""
        try:
            return f.parse(value, f)
        except Bad as bad:
            for message in bad.messages:  # 'moet …' says what the value must be: in a list, each element
                self.say(at, f.key, f"elk element {message}" if index and message.startswith("moet ") else message,
                         *index)
            return None


def _empty(value: Any) -> bool:
    """Nothing given: no value, blank text or an empty list (`titel:`, `titel: ''`, `themas: []`)."""
    return value is None or value == [] or (isinstance(value, str) and not value.strip())


_REPR = reprlib.Repr()
_REPR.maxstring = _REPR.maxother = 80
_REPR.maxlevel = 3


def _show(value: Any) -> str:
    """A bad value in a message, shortened: YAML aliases can make huge values from small text."""
    return _REPR.repr(value)


def _kind(value: Any) -> str:
    """The kind of a YAML value, as staff know it."""
    return {bool: "ja/nee", int: "een getal", float: "een getal", str: "tekst", list: "een lijst",
            dict: "een tabel met sleutels", type(None): "leeg"}.get(type(value), type(value).__name__)
