"""The theme registry: each theme defined once, with the names it goes by in text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kamervragen.problems import ArchiveError, Problem
from kamervragen.read.schema import THEME, Reader
from kamervragen.read.source import parse_yaml, read_text


@dataclass(frozen=True)
class Theme:
    """A theme; `namen` are the other names and abbreviations (OMO, CCV) found in text."""

    slug: str
    naam: str
    beschrijving: str
    namen: tuple[str, ...] = ()

    @property
    def terms(self) -> tuple[str, ...]:
        return (self.naam, *self.namen)


def load_themes(path: Path, rel: str) -> tuple[dict[str, Theme], list[Problem]]:
    """Read the registry: a YAML list of themes. A missing or unreadable file stops the build."""
    if not path.is_file():
        raise ArchiveError(f"{rel}: het themaregister ontbreekt; elk thema moet daarin staan")
    text = read_text(path, rel)
    doc = parse_yaml(text, rel) if isinstance(text, str) else text
    if isinstance(doc, Problem):
        raise ArchiveError(str(doc))
    if not isinstance(doc.data, list):
        raise ArchiveError(f"{rel}:1: het themaregister moet een lijst van thema's zijn ('- slug: …')")
    reader = Reader(rel, doc)
    themes: dict[str, Theme] = {}
    first_line: dict[str, int | None] = {}
    for i, entry in enumerate(doc.data):
        v = reader.item(THEME, entry, (i,))
        if v is None:
            continue
        if v["slug"] == "index":
            reader.say(v, "slug", "'index' is het adres van de lijst van alle thema's; kies een andere slug")
        elif v["slug"] in themes:
            reader.say(v, "slug", f"staat twee keer in het register (ook op regel {first_line[v['slug']]})")
        else:
            first_line[v["slug"]] = doc.line(i)
            themes[v["slug"]] = Theme(v["slug"], v["naam"], v["beschrijving"], v["namen"])
    return themes, reader.problems
