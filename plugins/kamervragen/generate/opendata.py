"""Open data: the public sets' facts as JSON and CSV, with a JSON Schema, for reuse.

Journalists and researchers get the same facts the site shows, one row per set; lists
(askers, parties, ministers, themes) are arrays in JSON and '; '-joined in CSV.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import yaml

from kamervragen import urls
from kamervragen.model import Archive
from kamervragen.site import Context, Output

FIELDS: dict[str, tuple[str, str]] = {  # field -> (JSON Schema type, description), in column order
    key: (field["type"], field["beschrijving"])
    for key, field in yaml.safe_load((Path(__file__).parents[1] / "data" / "opendata.yml").read_text("utf-8")).items()}


def rows(archive: Archive, site_url: str | None) -> list[dict]:
    base = urls.base(site_url) if site_url else ""
    return [{
        "kenmerk": n.kenmerk,
        "titel": n.titel,
        "gesteld": n.gesteld.isoformat(),
        "termijn": n.termijn.isoformat(),
        "beantwoord": n.beantwoord.isoformat() if n.beantwoord else None,
        "uitstel": [p.datum.isoformat() if p.datum else f"Aanhangsel {p.vergaderjaar or ''} nr. {p.aanhangsel}".replace("  ", " ")
                    for p in n.uitstel],
        "vragenstellers": [a.naam for a in n.vragenstellers],
        "partijen": list(dict.fromkeys(a.partij for a in n.vragenstellers)),
        "gericht_aan": list(n.gericht_aan),
        "beantwoord_door": "; ".join(n.beantwoord_door) or None,
        "themas": [archive.themes[s].naam for s in n.themas],
        "status": n.status_label,
        "url": base + urls.set_url(n.kenmerk),
    } for n in sorted(archive.notes, key=lambda n: n.kenmerk)]


def schema() -> dict:
    """JSON Schema (2020-12) of the JSON file."""
    def prop(kind: str, description: str) -> dict:
        if kind == "array":
            return {"type": "array", "items": {"type": "string"}, "description": description}
        return {"type": kind.split("|") if "|" in kind else kind, "description": description}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Kamervragen-archief: vragensets",
        "type": "array",
        "items": {"type": "object", "required": list(FIELDS), "additionalProperties": False,
                  "properties": {k: prop(*v) for k, v in FIELDS.items()}},
    }


def _cell(value: object) -> str:
    """A CSV cell; text a spreadsheet would run as a formula (=, +, -, @) gets a leading '."""
    text = "; ".join(value) if isinstance(value, list) else "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


def build(archive: Archive, site_url: str | None) -> dict[str, bytes]:
    data = rows(archive, site_url)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(FIELDS), lineterminator="\n")
    writer.writeheader()
    for row in data:
        writer.writerow({k: _cell(v) for k, v in row.items()})
    return {
        urls.OPEN_DATA_JSON: json.dumps(data, ensure_ascii=False, indent=1).encode(),
        urls.OPEN_DATA_CSV: out.getvalue().encode("utf-8-sig"),  # BOM: spreadsheet programs then read UTF-8
        urls.OPEN_DATA_SCHEMA: json.dumps(schema(), ensure_ascii=False, indent=1).encode(),
    }


def generate(ctx: Context) -> Output:
    return Output(files=build(ctx.archive, ctx.options.site_url))
