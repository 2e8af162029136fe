"""The theme registry: each theme defined once, with the names it goes by in text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kamervragen import sanitize
from kamervragen.problems import ArchiveError, Problem
from kamervragen.read.source import parse_yaml, read_text

SLUG = re.compile(r"\A[a-z0-9]+(?:-[a-z0-9]+)*\Z")  # \Z, not $: "nieuw\n" is no slug
_KEYS = {"slug", "naam", "beschrijving", "namen"}


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
    themes: dict[str, Theme] = {}
    lines: dict[str, int | None] = {}
    problems: list[Problem] = []
    for i, entry in enumerate(doc.data):
        where = f"thema '{entry['slug']}'" if isinstance(entry, dict) and isinstance(entry.get("slug"), str) \
            else f"thema {i + 1}"
        found = _entry_problems(entry, lines)
        problems += [Problem(rel, f"{where}{message}", key=key, line=doc.line(i, *([key] if key else [])))
                     for key, message in found]
        if not found:
            slug = entry["slug"]
            lines[slug] = doc.line(i)
            themes[slug] = Theme(slug, entry["naam"].strip(), entry["beschrijving"].strip(),
                                 tuple(x.strip() for x in entry.get("namen", [])))
    return themes, problems


def _entry_problems(entry: Any, lines: dict[str, int | None]) -> list[tuple[str | None, str]]:
    """(key, message) per problem of one registry entry; `lines` has the slugs seen so far."""
    if not isinstance(entry, dict):
        return [(None, " moet sleutels slug, naam en beschrijving hebben")]
    found: list[tuple[str | None, str]] = [
        (key, ": ontbreekt of is geen tekst") for key in ("slug", "naam", "beschrijving")
        if not isinstance(entry.get(key), str) or not entry[key].strip()]
    found += [(str(key), f": onbekende sleutel (toegestaan: {', '.join(sorted(_KEYS))})")
              for key in sorted(set(entry) - _KEYS, key=str)]
    namen = entry.get("namen", [])
    if not isinstance(namen, list) or not all(isinstance(x, str) and x.strip() for x in namen):
        found.append(("namen", ": moet een lijst van namen (tekst) zijn"))
    found += [("beschrijving", f": {message}") for line in str(entry.get("beschrijving", "")).splitlines()
              for message in sanitize.dropped(line)]  # the description is Markdown on the theme's page
    if found:
        return found
    slug = entry["slug"]
    if not SLUG.fullmatch(slug):
        return [("slug", ": alleen kleine letters, cijfers en '-' zijn toegestaan")]
    if slug == "index":
        return [("slug", ": 'index' is het adres van de lijst van alle thema's; kies een andere slug")]
    if slug in lines:
        return [("slug", f" staat twee keer in het register (ook op regel {lines[slug]})")]
    return []
