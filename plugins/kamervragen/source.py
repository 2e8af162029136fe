"""Reading source files: text decoding, front matter and YAML with line numbers.

Dates stay strings here so that an impossible date ("2025-02-30") becomes a clear
validation message in `notes.py` instead of a YAML constructor traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from collections.abc import Hashable
from typing import Any

import yaml

from .problems import Problem


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when present: ~5x faster


class _Loader(_Base):  # type: ignore[valid-type,misc]
    """SafeLoader that keeps timestamps as text and refuses duplicate keys."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, Hashable):
                raise yaml.constructor.ConstructorError(
                    None, None, "een sleutel moet tekst zijn, geen lijst of tabel", key_node.start_mark)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"sleutel '{key}' komt twee keer voor", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


@dataclass
class YamlDoc:
    """Parsed YAML with the (1-based) file line of each top-level key."""

    data: Any
    key_lines: dict[str, int] = field(default_factory=dict)


def read_text(path: Path, rel: str) -> str | Problem:
    """Decode a source file as UTF-8, accepting a BOM and CRLF line endings."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        return Problem(rel, f"het bestand is geen geldige UTF-8-tekst (byte {err.start}); sla het op als UTF-8")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def parse_yaml(text: str, rel: str, first_line: int = 1) -> YamlDoc | Problem:
    """Parse YAML text that starts at `first_line` of file `rel`."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = first_line + mark.line if mark else None
        what = err.problem or err.context or "onleesbare YAML"
        return Problem(rel, f"YAML kan niet worden gelezen: {what}", line=line)
    except yaml.YAMLError as err:
        return Problem(rel, f"YAML kan niet worden gelezen: {err}")
    except RecursionError:
        return Problem(rel, "YAML kan niet worden gelezen: de waarden zijn te diep genest", line=first_line)
    finally:
        loader.dispose()
    lines: dict[str, int] = {}
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            lines[str(key_node.value)] = first_line + key_node.start_mark.line
    return YamlDoc(data, lines)


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
