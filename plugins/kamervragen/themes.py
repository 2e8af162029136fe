"""The theme registry: each theme defined once, with the names it goes by in text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .problems import ArchiveError, Problem
from .source import parse_yaml, read_text

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
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
        raise ArchiveError(f"{rel}: het themaregister moet een lijst van thema's zijn ('- slug: …')")
    themes: dict[str, Theme] = {}
    problems: list[Problem] = []
    for n, entry in enumerate(doc.data, start=1):
        where = f"thema {n}"
        if not isinstance(entry, dict):
            problems.append(Problem(rel, f"{where} moet sleutels slug, naam en beschrijving hebben"))
            continue
        slug = entry.get("slug")
        where = f"thema '{slug}'" if isinstance(slug, str) else where
        missing = [k for k in ("slug", "naam", "beschrijving") if not isinstance(entry.get(k), str) or not entry[k].strip()]
        unknown = sorted(set(entry) - _KEYS, key=str)
        namen = entry.get("namen", [])
        bad_names = not isinstance(namen, list) or not all(isinstance(x, str) and x.strip() for x in namen)
        for key in missing:
            problems.append(Problem(rel, f"{where}: ontbreekt of is geen tekst", key=key))
        for key in unknown:
            problems.append(Problem(rel, f"{where}: onbekende sleutel (toegestaan: {', '.join(sorted(_KEYS))})", key=str(key)))
        if bad_names:
            problems.append(Problem(rel, f"{where}: moet een lijst van namen (tekst) zijn", key="namen"))
        if missing or unknown or bad_names:
            continue
        if not SLUG.match(slug):
            problems.append(Problem(rel, f"{where}: alleen kleine letters, cijfers en '-' zijn toegestaan", key="slug"))
        elif slug in themes:
            problems.append(Problem(rel, f"{where} staat twee keer in het register", key="slug"))
        else:
            themes[slug] = Theme(slug, entry["naam"].strip(), entry["beschrijving"].strip(),
                                 tuple(x.strip() for x in namen))
    return themes, problems
