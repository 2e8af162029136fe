"""The benchmarks' input: synthetic notes (scripts/synth.py), kept between runs, and edits to them.

A generated corpus is reused when its folder holds one of the same count, seed, size and
kind (generating 50,000 notes takes minutes); `fresh=True` generates it again.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import synth  # noqa: E402

STAMP = "synth.json"
CHANGE_MARK = "Deze zin is toegevoegd door de benchmark"


def notes(folder: Path, count: int, seed: int = 1, target_bytes: int = 10_000, shared_terms: bool = False,
          fresh: bool = False) -> Path:
    """`folder/notes` with `count` synthetic notes (generated unless already there)."""
    stamp = folder / STAMP
    wanted = {"count": count, "seed": seed, "bytes": target_bytes, "shared_terms": shared_terms,
              "generator": _generator_version()}
    if fresh or not stamp.is_file() or json.loads(stamp.read_text()) != wanted:
        folder.mkdir(parents=True, exist_ok=True)
        stamp.unlink(missing_ok=True)
        synth.generate(folder, count, seed=seed, target_bytes=target_bytes, shared_terms=shared_terms)
        stamp.write_text(json.dumps(wanted))
    return folder / "notes"


def _generator_version() -> str:
    """Changes when synth.py changes, so an old corpus is not mistaken for a new one."""
    return hashlib.sha1(Path(synth.__file__).read_bytes()).hexdigest()[:12]


def note_files(notes_dir: Path) -> list[Path]:
    """The notes, in a stable order (the theme registry is not a note)."""
    return sorted(p for p in notes_dir.rglob("*.md"))


def change_one(path: Path, tag: str) -> None:
    """Append (or replace) one sentence at the end of a note's last answer: a body-only edit."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(rf"\n{CHANGE_MARK} \(.*\)\.\n$", "\n", text)
    path.write_text(text.rstrip("\n") + f"\n{CHANGE_MARK} ({tag}).\n", encoding="utf-8")


def bare_docs(notes_dir: Path, docs: Path) -> int:
    """The notes' text as plain MkDocs pages (front matter becomes page meta), plus a home page."""
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Kamervragen\n\nDezelfde tekst zonder plugin.\n", encoding="utf-8")
    count = 0
    for path in note_files(notes_dir):
        target = docs / "vragen" / path.name
        target.parent.mkdir(exist_ok=True)
        target.write_bytes(path.read_bytes())
        count += 1
    return count
