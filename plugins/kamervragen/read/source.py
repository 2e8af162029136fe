"""Reading source files: text decoding, front matter and YAML with line numbers.

Dates stay strings here so that an impossible date ("2025-02-30") becomes a clear
validation message in `notes.py` instead of a YAML constructor traceback. PyYAML's errors
are English and differ between its C and Python parsers; `explain` turns both into one
Dutch message with line, column and, for the common slips, a hint.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kamervragen.problems import Problem

MAX_BYTES = 5_000_000  # a source file; the largest real note is far below 1 MB
MAX_DEPTH = 50  # nesting levels a note could ever need is 3; deeper is reported at this level
_PATH_DEPTH = 4  # node lines are kept down to ("standpunten", 0, "themas", 1)


class _DutchError(yaml.constructor.ConstructorError):
    """A constructor error whose text is already Dutch."""


def make_loader(base: type) -> type:
    """A loader on `base` (libyaml's or PyYAML's own parser) that keeps timestamps as text and
    refuses duplicate keys. Both parsers are supported, so both are tested."""

    class Loader(base):  # type: ignore[valid-type,misc]
        def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
            seen: set[Any] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=deep)
                if not isinstance(key, Hashable):
                    raise _DutchError(None, None, "een sleutel moet tekst zijn, geen lijst of tabel",
                                      key_node.start_mark)
                if key in seen:
                    raise _DutchError(None, None, f"sleutel '{key}' komt twee keer voor", key_node.start_mark)
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    Loader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return Loader


LOADERS: dict[str, type] = {"python": make_loader(yaml.SafeLoader)}
if hasattr(yaml, "CSafeLoader"):
    LOADERS["libyaml"] = make_loader(yaml.CSafeLoader)
LOADER = LOADERS.get("libyaml", LOADERS["python"])  # libyaml's parser when present: ~5x faster

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_BRACKETS = re.compile(r"[\[\]{}]")
_TOP_KEY = re.compile(r"([^\s#'\"\-?:\[{][^:#]*?)[ \t]*:(?:[ \t]|$)")


def line_at(lines: dict[tuple[Any, ...], int], path: tuple[Any, ...]) -> int | None:
    """The line of the node at `path` (keys and list indexes), else of its nearest recorded parent."""
    for n in range(len(path), 0, -1):
        if path[:n] in lines:
            return lines[path[:n]]
    return None


@dataclass
class YamlDoc:
    """Parsed YAML with the (1-based) file line of each key and list item, by path:
    `("themas", 1)` is the second theme, `("standpunten", 0, "themas")` a key inside an item."""

    data: Any
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)

    @property
    def key_lines(self) -> dict[str, int]:
        return {path[0]: line for path, line in self.lines.items() if len(path) == 1}

    def line(self, *path: Any) -> int | None:
        return line_at(self.lines, path)


def _node_lines(root: yaml.Node, first_line: int) -> dict[tuple[Any, ...], int]:
    """Lines of keys (where the key is written) and list items, each shared node once: aliases
    may make a tree of millions of paths from a few nodes."""
    lines: dict[tuple[Any, ...], int] = {}
    seen: set[int] = set()
    stack: list[tuple[tuple[Any, ...], yaml.Node]] = [((), root)]
    while stack:
        path, node = stack.pop()
        if id(node) in seen or len(path) >= _PATH_DEPTH:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            children = [((*path, k.value), k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
        elif isinstance(node, yaml.SequenceNode):
            children = [((*path, i), v, v) for i, v in enumerate(node.value)]
        else:
            continue
        for child_path, marked, child in children:
            lines.setdefault(child_path, first_line + marked.start_mark.line)
            stack.append((child_path, child))
    return lines


def source_paths(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Everything named `*.md` below `folder`, sorted (not only files: `read_text` refuses the rest
    by name), and the folders that are not read, each with the reason: nothing is left out unsaid."""
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []

    def unreadable(err: OSError) -> None:
        skipped.append((Path(err.filename), "is een map die niet kan worden gelezen (geen rechten?)"))

    for top, dirs, files in os.walk(folder, onerror=unreadable):
        for name in dirs:
            if os.path.islink(os.path.join(top, name)):  # not followed: a link may loop
                skipped.append((Path(top, name), "is een koppeling naar een map; notities daarin worden niet "
                                "gelezen (zet ze in een gewone map)"))
            else:
                found.append(Path(top, name))
        found += [Path(top, name) for name in files]
    return sorted(p for p in found if p.name.endswith(".md")), sorted(skipped)


_KINDS = ((stat.S_ISDIR, "een map"), (stat.S_ISFIFO, "een pipe (FIFO)"), (stat.S_ISSOCK, "een socket"),
          (stat.S_ISCHR, "een apparaat"), (stat.S_ISBLK, "een apparaat"))


def read_text(path: Path, rel: str, inside: Path | None = None) -> str | Problem:
    """Read a source file as UTF-8 (a BOM and CRLF line endings accepted), refusing with a reason
    what is no plain file, too large, unreadable, or a link out of the folder `inside`.

    Nothing is opened before it is known to be a plain file: a FIFO would block the build."""
    def refuse(reason: str) -> Problem:
        return Problem(rel, reason, line=1)

    try:
        target, info = path, path.lstat()
        if stat.S_ISLNK(info.st_mode):  # only a link is resolved: that costs a call per folder of its path
            target = path.resolve(strict=True)
            info = target.stat()
    except FileNotFoundError:
        return refuse("is een koppeling (symlink) naar een bestand dat niet bestaat")
    except (OSError, RuntimeError):  # a link to itself, or a folder we may not enter
        return refuse("is een koppeling die niet uitkomt bij een bestand (een kring van koppelingen?)")
    if target is not path and inside is not None and not target.is_relative_to(inside):
        return refuse(f"is een koppeling naar {target}, buiten het project; zet de notitie zelf in de map")
    if not stat.S_ISREG(info.st_mode):
        kind = next((name for test, name in _KINDS if test(info.st_mode)), "geen gewoon bestand")
        return refuse(f"is {kind}, geen tekstbestand; geef het een naam die niet op .md eindigt, of haal het weg")
    if info.st_size > MAX_BYTES:
        return refuse(_too_large(info.st_size))
    try:
        with target.open("rb") as file:
            raw = file.read(MAX_BYTES + 1)
    except PermissionError:
        return refuse("mag niet worden gelezen (geen leesrechten); pas de rechten van het bestand aan")
    except OSError as err:
        return refuse(f"kan niet worden gelezen (systeemfout {errno.errorcode.get(err.errno, err.errno)})")
    if len(raw) > MAX_BYTES:
        return refuse(_too_large(len(raw)))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line, column = raw.count(b"\n", 0, err.start) + 1, err.start - raw.rfind(b"\n", 0, err.start)
        return Problem(rel, f"het bestand is geen geldige UTF-8-tekst (byte {err.start}, kolom {column}); "
                       "sla het op als UTF-8", line=line)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _too_large(size: int) -> str:
    return (f"is groter dan {MAX_BYTES // 1_000_000} MB ({size / 1_000_000:.1f} MB); dat is geen set Kamervragen "
            "(splits het, of haal ingeplakte bijlagen eruit)")


def _deep_bracket(text: str) -> int | None:
    """Offset of the first '[' or '{' nested deeper than MAX_DEPTH, quotes ignored: cheap to find,
    and the parsers need only the text up to it to tell whether it really is that deep.

    Both parsers look far ahead in deep flow collections: PyYAML's scanner slowly (a second
    at a depth of 1,000), libyaml's until it meets its own limit."""
    depth = 0
    for match in _BRACKETS.finditer(text):
        depth = max(depth + (1 if match.group() in "[{" else -1), 0)
        if depth > MAX_DEPTH:
            return match.start()
    return None


def _too_deep(text: str, loader: type) -> tuple[int, int] | None:
    """(line, column), 0-based, where collections first nest deeper than MAX_DEPTH.

    Found from the event stream, which both parsers produce without recursion; libyaml's
    scanner may look so far ahead that it meets its own limit first, at its error's mark."""
    depth = 0
    events = loader(text)
    try:
        while events.check_event():
            event = events.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line, event.start_mark.column
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        return (mark.line, mark.column) if mark and "nesting depth" in str(err) else None
    finally:
        events.dispose()
    return None


def parse_yaml(text: str, rel: str, first_line: int = 1, loader: type | None = None) -> YamlDoc | Problem:
    """Parse YAML text that starts at `first_line` of file `rel` (with `loader`, default LOADER)."""
    loader = loader or LOADER
    deep = _deep_bracket(text)
    if deep is not None and _too_deep(text[:deep + 1], loader):  # quick, before a parser looks far ahead
        return _nesting_problem(text[:deep + 1], rel, first_line, loader)
    parser = None
    try:
        parser = loader(text)
        node = parser.get_single_node()
        data = parser.construct_document(node) if node is not None else None
    except yaml.YAMLError as err:
        if "nesting depth" in str(err):
            return _nesting_problem(text, rel, first_line, loader)
        return explain(err, text, rel, first_line)
    except RecursionError:
        return _nesting_problem(text, rel, first_line, loader)
    finally:
        if parser is not None:
            parser.dispose()
    return YamlDoc(data, _node_lines(node, first_line) if node is not None else {})


def _nesting_problem(text: str, rel: str, first_line: int, loader: type) -> Problem:
    where = _too_deep(text, loader) or (0, 0)
    return _problem(text, rel, first_line, where, "de waarden zijn te diep genest "
                    f"(meer dan {MAX_DEPTH} lijsten of tabellen in elkaar)",
                    "sluit elke '[' met ']' en elke '{' met '}', of zet de tekst tussen aanhalingstekens")


def _problem(text: str, rel: str, first_line: int, where: tuple[int, int], what: str, hint: str = "") -> Problem:
    """A YAML problem at 0-based (line, column) of `text`, with the top-level key it is under."""
    line, column = where
    lines = text.split("\n")
    key = None
    for source_line in reversed(lines[:line + 1]):
        match = _TOP_KEY.match(source_line)
        if match:
            key = match.group(1) if len(match.group(1)) <= 40 else None
            break
    message = f"YAML kan niet worden gelezen (kolom {column + 1}): {what}" + (f"; {hint}" if hint else "")
    return Problem(rel, message, key=key, line=first_line + line)


QUOTE = "zet de hele waarde tussen dubbele aanhalingstekens, zoals titel: \"Vragen: over de dijk\""
TAB = ("een tab om in te springen", "spring in met spaties, niet met tabs")
STRUCTURE = ("de inspringing of opbouw klopt hier niet",
             "elke sleutel begint aan het begin van de regel en lijstregels ('  - …') springen even ver in; "
             "staat er een ':', '#' of aanhalingsteken midden in een waarde, zet dan de hele waarde tussen "
             "dubbele aanhalingstekens")
# (pattern in the English context and problem of PyYAML or libyaml, Dutch message, hint, report at the
# context's mark: where the unclosed thing opens). "{char}" is the character at the problem's mark.
_MESSAGES: list[tuple[re.Pattern[str], str, str, bool]] = [(re.compile(p), m, h, c) for p, m, h, c in [
    (r"tab character|character '\\t'", *TAB, False),
    (r"mapping values are not allowed", "hier staat een ':' met een spatie erna midden in een waarde", QUOTE, False),
    (r"unknown escape", "onbekende code met '\\' in tekst tussen dubbele aanhalingstekens",
     "schrijf '\\\\' voor een backslash, of gebruik enkele aanhalingstekens", False),
    (r"quoted scalar", "een aanhalingsteken wordt geopend maar niet gesloten",
     "sluit de tekst met hetzelfde teken; een ' binnen '…' schrijft u als ''", True),
    (r"expected ',' or '\]'", "een lijst die met '[' begint, wordt niet goed gesloten met ']'",
     "staat er een komma of ':' in een waarde in de lijst, zet die waarde dan tussen aanhalingstekens", True),
    (r"expected ',' or '}'", "een tabel die met '{' begint, wordt niet goed gesloten met '}'",
     "staat er een komma of ':' in een waarde, zet die waarde dan tussen aanhalingstekens", True),
    (r"undefined alias|scanning an alias", "een waarde die met '*' begint, is in YAML een verwijzing naar een anker",
     QUOTE, False),
    (r"duplicate anchor|scanning an anchor", "een waarde die met '&' begint, is in YAML een anker", QUOTE, False),
    (r"constructor for the tag|tag handle|scanning a tag",
     "een waarde die met '!' begint, is in YAML een markering{tag}; notities gebruiken die niet", QUOTE, False),
    (r"block scalar", "na '|' of '>' aan het begin van een waarde hoort een ingesprongen tekstblok", QUOTE, False),
    (r"directive", "een regel die met '%' begint, is een YAML-opdracht", QUOTE, False),
    (r"single document", "hier begint een tweede YAML-document (een regel '---')", "", False),
    (r"unhashable key", "een sleutel moet tekst zijn, geen lijst of tabel", "", False),
    (r"mapping keys are not allowed|simple key|expected ':'",
     "hier ontbreekt de ':' na een sleutel", "springt de regel goed in, of hoort ze bij de waarde erboven?", False),
    (r"comment or (?:a )?line break", "na de waarde staat nog tekst op dezelfde regel", QUOTE, False),
    (r"cannot start any token", "het teken '{char}' mag een waarde niet beginnen", QUOTE, False),
    (r"block end|expected key|'-' indicator|block mapping|block collection|block sequence|document start|entries",
     *STRUCTURE, False),
    (r"end of stream", "de YAML houdt onverwacht op",
     "staat er een haakje of aanhalingsteken dat niet gesloten wordt?", False),
]]


def explain(err: yaml.YAMLError, text: str, rel: str, first_line: int = 1) -> Problem:
    """One Dutch message for a PyYAML or libyaml error: no English words of the parser reach staff."""
    if isinstance(err, yaml.reader.ReaderError):
        where = text.count("\n", 0, err.position), err.position - text.rfind("\n", 0, err.position) - 1
        return _problem(text, rel, first_line, where, f"het onzichtbare stuurteken U+{err.character:04X} mag niet "
                        "in de tekst staan", "haal het weg (het komt vaak mee bij kopiëren uit een ander programma)")
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    where = (mark.line, mark.column) if mark else (0, 0)
    if isinstance(err, _DutchError):
        return _problem(text, rel, first_line, where, str(err.problem))
    line = text.split("\n")[where[0]] if where[0] < text.count("\n") + 1 else ""
    indent = line[:len(line) - len(line.lstrip())]
    if "\t" in indent and where[1] <= len(indent):
        return _problem(text, rel, first_line, where, *TAB)
    english = f"{getattr(err, 'context', '')} | {getattr(err, 'problem', '')}"
    for pattern, what, hint, at_context in _MESSAGES:
        if pattern.search(english):
            tag = re.search(r"the tag '([^']*)'", english)
            what = what.replace("{char}", line[where[1]:where[1] + 1]).replace(
                "{tag}", f" ('{tag.group(1).replace('tag:yaml.org,2002:', '!!')}')" if tag else "")
            if at_context and err.context_mark:
                where = err.context_mark.line, err.context_mark.column
            return _problem(text, rel, first_line, where, what, hint)
    return _problem(text, rel, first_line, where, "de YAML klopt hier niet", STRUCTURE[1])


def split_front_matter(text: str, rel: str) -> tuple[YamlDoc, str, int] | Problem:
    """Split a note into its front matter and its Markdown body (with the body's first line)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return Problem(rel, "het bestand begint niet met front matter tussen twee regels '---'", line=1)
    doc = parse_yaml(match.group(1) or "", rel, first_line=2)
    if isinstance(doc, Problem):
        return doc
    body_line = text.count("\n", 0, match.end()) + 1
    return doc, text[match.end():], body_line
