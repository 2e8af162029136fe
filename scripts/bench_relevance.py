"""Relevance benchmark: judged queries against the search code of this tree and of a revision.

Builds a site from the seed notes (notes/), notes made from real documents
(tests/fixtures/real-search/, each naming its source row in ../shared/real/questions.csv) and
synthetic noise notes, once with the plugin of this working tree and once with the plugin of
--voor (a git revision, default main), then runs each site's own search code in Node
(scripts/relevance_driver.js) on the judged queries in tests/fixtures/real-search/relevantie.yml
and prints MRR and nDCG@10 side by side, per query and in all, with the search files read;
then, for this tree, the same with each feature switched off in turn (what each change adds).

    .venv/bin/python scripts/bench_relevance.py --echt ../shared/real --voor main

--echt checks that every real note's text stands verbatim in the documents it names (so the
fixtures stay real). It prints figures; nothing fails when a score drops.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
REAL = REPO / "tests" / "fixtures" / "real-search"
DRIVER = REPO / "scripts" / "relevance_driver.js"
sys.path.insert(0, str(REPO / "scripts"))
import synth  # noqa: E402


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


def make_corpus(folder: Path, noise: int) -> None:
    synth.generate(folder, noise, seed=7, target_bytes=3000)
    for note in [*(REPO / "notes").rglob("*.md"), *REAL.glob("*.md")]:
        shutil.copy(note, folder / "notes" / note.name)
    with open(folder / "notes" / "themas.yml", "a", encoding="utf-8") as registry:
        registry.write("\n" + (REAL / "themas.yml").read_text(encoding="utf-8"))


def build(folder: Path, corpus: Path, plugin: Path | None) -> Path:
    """Build the corpus with the plugin package in `plugin` (None: this tree's)."""
    folder.mkdir(exist_ok=True)
    site = folder / "site"
    config = folder / "mkdocs.yml"
    config.write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: {REPO / 'docs'}\nsite_dir: {site}\n"
                      f"plugins:\n  kamervragen:\n    notes_dir: {corpus / 'notes'}\n"
                      f"    themes_file: {corpus / 'notes' / 'themas.yml'}\n    cache_dir: {folder / 'cache'}\n",
                      encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if plugin:
        env["PYTHONPATH"] = str(plugin)
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)], check=True, env=env)
    return site


def pasted(kenmerk: str) -> str:
    """The questions of a note as staff would paste them: opening text and every question."""
    note = next(p for p in [*(REPO / "notes").rglob("*.md"), *REAL.glob("*.md")] if p.stem == kenmerk)
    body = note.read_text(encoding="utf-8").split("\n---\n", 1)[1].split("\n!!! ")[0]
    head, *parts = body.split("\n## ")
    return "\n".join([head, *(p.split("\n", 1)[1] for p in parts if p.startswith("Vraag "))])


def queries() -> list[dict]:
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


FEATURES = ("voorvoegsels", "synoniemen", "terugval", "standaardtekst")


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


def gz_size(site: Path, files: list[str]) -> int:
    return sum(len(gzip.compress((site / "search" / f).read_bytes(), 6)) for f in files)


def main() -> None:
    parser = argparse.ArgumentParser(description="MRR en nDCG@10 van beoordeelde zoekvragen, voor en na.")
    parser.add_argument("--echt", type=Path, help="map met questions.csv (../shared/real): controleer de echte notities")
    parser.add_argument("--voor", default="main", help="git-revisie om mee te vergelijken (standaard: main)")
    parser.add_argument("--ruis", type=int, default=300, help="aantal synthetische notities als ruis (standaard: 300)")
    args = parser.parse_args()
    if args.echt:
        print(f"echte notities letterlijk gecontroleerd: {check_real(REAL, args.echt)}")
    judged = queries()
    with tempfile.TemporaryDirectory(prefix="kv-relevance-") as tmp:
        root = Path(tmp)
        make_corpus(root / "corpus", args.ruis)
        old = root / "voor"
        old.mkdir()
        archive = subprocess.run(["git", "-C", str(REPO), "archive", args.voor, "plugins"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", str(old)], input=archive.stdout, check=True)
        sites = {args.voor: build(old, root / "corpus", old / "plugins"), "nu": build(root / "nu", root / "corpus", None)}
        results = {name: rank(site, judged) for name, site in sites.items()}
        ablations = {f: rank(sites["nu"], judged, f) for f in FEATURES}
        for name, answers in results.items():
            for answer in answers:
                answer["gz"] = gz_size(sites[name], answer["files"])
        for name, site in sites.items():
            catalogue = json.loads((site / "search" / "catalogue.json").read_text(encoding="utf-8"))
            print(f"{name}: {len(catalogue['sets']['kenmerk'])} sets, {len(catalogue['shards']['first'])} shards, "
                  f"{len(catalogue.get('synoniemen', []))} synoniemgroepen, "
                  f"{len(catalogue.get('standaardtekst', []))} standaardzinnen")
    print(f"{'vraag':<40} " + "  ".join(f"{n[:8]:>8} RR {n[:8]:>8} nDCG  KB gz" for n in results))
    totals = {n: [0.0, 0.0] for n in results}
    for i, q in enumerate(judged):
        cells = []
        for name, answers in results.items():
            rr, ndcg = scores(answers[i]["ranking"], q["relevant"], q["zelf"])
            totals[name][0] += rr
            totals[name][1] += ndcg
            cells.append(f"{rr:11.2f} {ndcg:13.2f} {answers[i]['gz'] / 1000:6.1f}")
        print(f"{q['label'][:40]:<40} " + "  ".join(cells))
    n = len(judged)
    print(f"{'gemiddeld (MRR, nDCG@10)':<40} " + "  ".join(f"{t[0] / n:11.3f} {t[1] / n:13.3f}       " for t in totals.values()))
    print("\nnu, met telkens één onderdeel uit:")
    for feature, answers in ablations.items():
        both = [scores(a["ranking"], q["relevant"], q["zelf"]) for a, q in zip(answers, judged)]
        changed = [q["label"] for a, b, q in zip(answers, results["nu"], judged) if a["ranking"] != b["ranking"]]
        print(f"  zonder {feature:<15} MRR {sum(b[0] for b in both) / n:.3f}  nDCG@10 {sum(b[1] for b in both) / n:.3f}"
              f"  (andere uitkomst bij: {', '.join(changed) or 'geen'})")


if __name__ == "__main__":
    main()
