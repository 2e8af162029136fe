"""The relevance benchmark's parts: judged queries, sites built with this tree's plugin or a
revision's, rankings from each site's own search code in Node, and their scores.

The corpus (bench/corpus.py `with_real`) holds the seed notes, real documents made into notes
(tests/fixtures/real-search/, each naming its source row in
questions.csv of jorisheijkant/kamervragen-limburg, commit 670272b) and
synthetic noise; the judged queries are in tests/fixtures/real-search/relevantie.yml.
"""

from __future__ import annotations

import csv
import json
import math
import re
import subprocess
import sys
from pathlib import Path

import yaml

from .builds import REPO, mkdocs_build, site_config
from .corpus import REAL_NOTES as REAL
from .server import served_size

DRIVER = REPO / "scripts" / "relevance_driver.js"
FEATURES = ("voorvoegsels", "synoniemen", "terugval", "standaardtekst")


def check_real(notes: Path, source: Path) -> int:
    """Every real note's body lines (bar added headings) occur in the document it names."""
    csv.field_size_limit(1 << 30)
    with open(source / "questions.csv", newline="", encoding="utf-8") as f:
        documents = {row["name"]: row["text_content"] for row in csv.DictReader(f)}
    checked = 0
    for note in sorted(notes.glob("*.md")):
        text = note.read_text(encoding="utf-8")
        name = re.search(r"rij met name '(.+)'\.$", text, re.M)
        if not name or name.group(1) not in documents:
            sys.exit(f"{note.name}: noemt geen document uit {source / 'questions.csv'}")
        body = text.split("\n---\n", 1)[1]
        for line in body.splitlines():
            if line.strip() and not line.startswith("## ") and line not in documents[name.group(1)]:
                sys.exit(f"{note.name}: regel staat niet letterlijk in {name.group(1)}: {line[:80]!r}")
        checked += 1
    return checked


def revision_plugins(revision: str, folder: Path) -> Path:
    """The plugin package as it was at `revision` (git archive), below `folder`."""
    folder.mkdir()
    archive = subprocess.run(["git", "-C", str(REPO), "archive", revision, "plugins"], capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder / "plugins"


def build(folder: Path, notes: Path, plugins: Path | None) -> Path:
    """Build `notes` with the plugin package in `plugins` (None: this tree's); the site folder."""
    config = site_config(folder / "mkdocs.yml", notes, cache=str(folder / "cache"))
    mkdocs_build(config, "relevantie", env={"PYTHONPATH": str(plugins)} if plugins else None)
    return folder / "site"


def pasted(kenmerk: str) -> str:
    """The questions of a note as staff would paste them: opening text and every question."""
    note = next(p for p in [*(REPO / "notes").rglob("*.md"), *REAL.glob("*.md")] if p.stem == kenmerk)
    body = note.read_text(encoding="utf-8").split("\n---\n", 1)[1].split("\n!!! ")[0]
    head, *parts = body.split("\n## ")
    return "\n".join([head, *(p.split("\n", 1)[1] for p in parts if p.startswith("Vraag "))])


def judged() -> list[dict]:
    """The judged queries, a precedent query with the text staff would paste."""
    out = []
    for item in yaml.safe_load((REAL / "relevantie.yml").read_text(encoding="utf-8")):
        if "zoek" in item:
            out.append({"label": item["zoek"], "zoek": item["zoek"], "relevant": item["relevant"], "zelf": None})
        else:
            p = item["precedent"]
            own = p.get("notitie")
            out.append({"label": f"precedent {own or 'eigen tekst'}", "precedent": p.get("tekst") or pasted(own),
                        "relevant": item["relevant"], "zelf": own})
    return out


def rank(site: Path, judged: list[dict], off: str = "") -> list[dict]:
    done = subprocess.run(["node", str(DRIVER), str(site), off], input=json.dumps(judged), capture_output=True,
                          text=True, check=False)
    if done.returncode:
        sys.exit(done.stderr)
    return json.loads(done.stdout)


def scores(ranking: list[str], relevant: list[str], own: str | None) -> tuple[float, float]:
    """Reciprocal rank of the first relevant set, and nDCG@10 (binary gains)."""
    ranking = [k for k in ranking if k != own]
    rr = next((1 / (i + 1) for i, k in enumerate(ranking) if k in relevant), 0.0)
    dcg = sum(1 / math.log2(i + 2) for i, k in enumerate(ranking[:10]) if k in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(10, len(relevant))))
    return rr, dcg / ideal if ideal else 0.0


def search_gz(site: Path, files: list[str]) -> int:
    """Bytes (gzip, as served) of the search files a query read."""
    return served_size([site / "search" / f for f in files])[1]
