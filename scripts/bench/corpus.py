"""The benchmarks' input: synthetic notes (scripts/synth.py, each marked `synthetisch: true`),
kept between runs, and edits to them.

A generated corpus is reused when its folder holds one of the same count, seed, size, kind and
number of near-duplicates (generating 50,000 notes takes minutes); `fresh=True` generates it
again.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[1]
REPO = SCRIPTS.parent
REAL_NOTES = REPO / "tests" / "fixtures" / "real-search"  # real documents made into notes, each naming its source
sys.path.insert(0, str(SCRIPTS))
import synth  # noqa: E402

STAMP = "synth.json"
PAIRS = "pairs.json"
CHANGE_MARK = "Deze zin is toegevoegd door de benchmark"


@dataclass
class Corpus:
    notes: Path  # the notes folder (with the theme registry themas.yml)
    seconds: float | None  # time spent generating; None when an earlier corpus was reused

    @property
    def pairs(self) -> list[list[str]]:
        """[original, copy] kenmerken of the near-duplicates (see `notes(copies=...)`)."""
        return json.loads((self.notes.parent / PAIRS).read_text())


def notes(folder: Path, count: int, seed: int = 1, target_bytes: int = 10_000, shared_terms: bool = False,
          copies: int = 0, fresh: bool = False) -> Corpus:
    """`folder/notes` with `count` synthetic notes (generated unless already there), plus
    `copies` near-duplicates of some of them (kenmerk 2099Z9nnnn)."""
    stamp = folder / STAMP
    wanted = {"count": count, "seed": seed, "bytes": target_bytes, "shared_terms": shared_terms,
              "copies": copies, "generator": _generator_version()}
    if not fresh and stamp.is_file() and json.loads(stamp.read_text()) == wanted:
        return Corpus(folder / "notes", None)
    start = time.perf_counter()
    folder.mkdir(parents=True, exist_ok=True)
    stamp.unlink(missing_ok=True)
    synth.generate(folder, count, seed=seed, target_bytes=target_bytes, shared_terms=shared_terms)
    if copies:
        pairs = _add_near_duplicates(folder / "notes", copies, random.Random(seed))
        (folder / PAIRS).write_text(json.dumps(pairs))
    stamp.write_text(json.dumps(wanted))
    return Corpus(folder / "notes", time.perf_counter() - start)


def _generator_version() -> str:
    """Changes when synth.py changes, so an old corpus is not mistaken for a new one."""
    return hashlib.sha1(Path(synth.__file__).read_bytes()).hexdigest()[:12]


def _add_near_duplicates(notes_dir: Path, copies: int, rng: random.Random) -> list[list[str]]:
    """Copy `copies` random notes under kenmerk 2099Z9nnnn with about one word in forty changed."""
    sources = note_files(notes_dir)
    pairs = []
    for n, source in enumerate(rng.sample(sources, min(copies, len(sources)))):
        kenmerk = f"2099Z9{n:04d}"
        text = source.read_text(encoding="utf-8")
        original = re.search(r"^kenmerk: (\S+)$", text, re.M).group(1)
        target = notes_dir / "2099" / f"{kenmerk}.md"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(near_duplicate(text, kenmerk, rng), encoding="utf-8")
        pairs.append([original, kenmerk])
    return pairs


def near_duplicate(text: str, kenmerk: str, rng: random.Random) -> str:
    """A copy of a note with another kenmerk and about one body word in forty changed."""
    head, body = text.split("\n---\n", 1)
    words = body.split(" ")
    for i in range(rng.randrange(40), len(words), 40):
        if words[i].isalpha() and not words[i - 1].endswith("#"):  # not a heading's word
            words[i] = rng.choice(["gewijzigd", "anders", "aangepast", "herzien"])
    head = re.sub(r"^kenmerk: .*$", f"kenmerk: {kenmerk}", head, count=1, flags=re.M)
    return head + "\n---\n" + " ".join(words)


def with_real(folder: Path, noise: int) -> Path:
    """Seed notes (notes/), real documents made into notes (tests/fixtures/real-search/) and
    `noise` synthetic notes, below `folder/notes`: queries then meet known Dutch text, real
    punctuation and boilerplate in a corpus that splits into many shards."""
    synth.generate(folder, noise, seed=7, target_bytes=3000)
    for note in [*(REPO / "notes").rglob("*.md"), *REAL_NOTES.glob("*.md")]:
        shutil.copy(note, folder / "notes" / note.name)
    with open(folder / "notes" / "themas.yml", "a", encoding="utf-8") as registry:
        registry.write("\n" + (REAL_NOTES / "themas.yml").read_text(encoding="utf-8"))
    return folder / "notes"


def note_files(notes_dir: Path) -> list[Path]:
    """The notes, in a stable order (the theme registry is not a note)."""
    return sorted(p for p in notes_dir.rglob("*.md"))


def middle_note(notes_dir: Path) -> Path:
    """The note the benchmarks edit to measure a rebuild after one change."""
    files = note_files(notes_dir)
    return files[len(files) // 2]


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
