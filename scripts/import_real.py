"""Import every document of a questions.csv (the real documents, given on the command line) and count the outcome.

    .venv/bin/python scripts/import_real.py PAD/questions.csv [--notes MAP]

The CSV holds text extracted from real .docx and .pdf files (columns `name`, `text_content`).
Every document goes through the importer into a fresh notes folder (the archive's theme
registry copied beside it); then each note is checked as `kamervragen check` does and put in
one of three groups: passes with no edit, needs review (its `controleren:` items say why),
or fails (problems the review list does not explain). For each answer document the numbers
of questions and answers in its note are compared with the document's own.
"""

from __future__ import annotations

import argparse
import re
import csv
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from kamervragen.read.body import parse_body  # noqa: E402
from kamervragen.importer.parse import parse  # noqa: E402
from kamervragen.importer.read import Source, original_format  # noqa: E402
from kamervragen.importer.write import import_sources  # noqa: E402
from kamervragen.read.notes import parse_note  # noqa: E402
from kamervragen.read.source import split_front_matter  # noqa: E402
from kamervragen.read.themes import load_themes  # noqa: E402


def sources(csv_path: Path) -> list[Source]:
    csv.field_size_limit(sys.maxsize)
    with csv_path.open(encoding="utf-8", newline="") as f:
        return [Source(r["name"], r["text_content"], original_format(r["name"])) for r in csv.DictReader(f)]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path)
    parser.add_argument("--notes", type=Path, help="write the notes here (default: a temporary folder)")
    args = parser.parse_args(argv)
    docs = sources(args.csv)
    notes_dir = args.notes or Path(tempfile.mkdtemp(prefix="kv-import-")) / "notes"
    notes_dir.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "notes" / "themas.yml", notes_dir / "themas.yml")
    themes, _ = load_themes(notes_dir / "themas.yml", "themas.yml")
    outcome = import_sources(docs, notes_dir, themes)
    kinds = Counter(parse(s).kind for s in docs)
    print(f"{len(docs)} documenten: " + ", ".join(f"{n} {k}" for k, n in sorted(kinds.items())))
    print(f"{len(outcome.written)} notities geschreven in {notes_dir}, {len(outcome.refused)} geweigerd, "
          f"{len(outcome.repairs)} woorden hersteld")
    answers_by_name = {s.name: parse(s) for s in docs if parse(s).kind == "antwoord"}
    answer_names = set(answers_by_name)
    counts_differ: list[str] = []
    groups: dict[str, list[str]] = {"pass": [], "review": [], "fail": []}
    reasons: Counter[str] = Counter()
    themes_only = 0  # notes that need nothing but their themes chosen or confirmed
    for path in outcome.written:
        text = path.read_text(encoding="utf-8")
        note, problems = parse_note(text, path.name)
        front = split_front_matter(text, path.name)[0].data
        review = front.get("controleren") or []
        if not set(front.get("bron") or []) & answer_names:
            continue
        body = parse_body(split_front_matter(text, path.name)[1], path.name, 1, original_numbering=True)[0]
        for name in set(front["bron"]) & answer_names:
            doc = answers_by_name[name]
            if ([n for s in body.sections if s.kind == "vraag" for n in s.numbers] != doc.numbers("vraag")
                    or set(body.numbers("antwoord")) != set(doc.numbers("antwoord"))):
                counts_differ.append(name)
        unexplained = [p for p in problems if p.key not in ("controleren", "themas", "kenmerk", "titel", "gesteld",
                                                             "vragenstellers", "gericht_aan") and not _explained(p, review)]
        if not problems:
            groups["pass"].append(path.name)
        elif review and not unexplained:
            groups["review"].append(path.name)
            reasons.update({_reason(r) for r in review})
            themes_only += all(r.startswith("thema's") for r in review)
        else:
            groups["fail"].append(f"{path.name}: " + "; ".join(str(p) for p in unexplained[:3]))
    answers = [s for s in docs if parse(s).kind == "antwoord"]
    print(f"\nAntwoorddocumenten: {len(answers)}")
    for name, items in groups.items():
        print(f"  {name}: {len(items)}")
    print(f"  (review: {themes_only} alleen nog thema's kiezen of bevestigen)")
    print(f"Vragen en antwoorden als in het document: {len(answers_by_name) - len(counts_differ)} van "
          f"{len(answers_by_name)}" + (f"; anders: {', '.join(sorted(counts_differ))}" if counts_differ else ""))
    print("Redenen voor controle (aantal notities):")
    for reason, n in reasons.most_common():
        print(f"  {n:3d}  {reason}")
    for line in groups["fail"]:
        print(f"  FAIL {line}")
    return 0


def _explained(problem, review: list[str]) -> bool:
    """A text problem the importer already put on the review list (a footnote, the numbering)."""
    label = re.search(r"voetnoot \[\^(\w+)\]", problem.message)
    if label:
        return any(f"voetnoot {label.group(1)}:" in r for r in review)
    return "Vraag" in problem.message or "nummering" in problem.message and any(
        "meer dan eens" in r or "nummering" in r for r in review)


def _reason(item: str) -> str:
    """A review item without its specifics (document, quoted text, numbers), to count alike items together."""
    item = item.split(": ", 1)[1] if item.split(": ", 1)[0].endswith((".pdf", ".docx", ".txt")) else item
    item = re.sub(r"\d+", "N", re.sub(r"'[^']*'(?=\W|$)", "'…'", item))
    return item.split("(")[0].strip().rstrip(":")[:70]


if __name__ == "__main__":
    sys.exit(main())
