"""Relevance benchmark: judged queries against the search code of this tree and of a revision.

Builds a site from the seed notes (notes/), notes made from real documents
(tests/fixtures/real-search/, each naming its source row in
questions.csv of jorisheijkant/kamervragen-limburg, commit 670272b) and
synthetic noise notes, once with the plugin of this working tree and once with the plugin of
--voor (a git revision, default main), then runs each site's own search code in Node
(scripts/relevance_driver.js) on the judged queries in tests/fixtures/real-search/relevantie.yml
and prints MRR and nDCG@10 side by side, per query and in all, with the search files read;
then, for this tree, the same with each feature switched off in turn (what each change adds).

    .venv/bin/python scripts/bench_relevance.py --echt MAP_MET_QUESTIONS_CSV --voor main

--echt checks that every real note's text stands verbatim in the documents it names (so the
fixtures stay real). It prints figures; nothing fails when a score drops. The parts are in
scripts/bench/relevance.py; this is the command line and the printed table.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import corpus, relevance  # noqa: E402
from bench.builds import BenchError  # noqa: E402
from bench.relevance import FEATURES, REAL, build, check_real, rank, revision_plugins, scores, search_gz  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description="MRR en nDCG@10 van beoordeelde zoekvragen, voor en na.")
    parser.add_argument("--echt", type=Path, help="map met questions.csv (de echte documenten): controleer de echte notities")
    parser.add_argument("--voor", default="main", help="git-revisie om mee te vergelijken (standaard: main)")
    parser.add_argument("--ruis", type=int, default=300, help="aantal synthetische notities als ruis (standaard: 300)")
    args = parser.parse_args()
    if args.echt:
        print(f"echte notities letterlijk gecontroleerd: {check_real(REAL, args.echt)}")
    judged = relevance.judged()
    with tempfile.TemporaryDirectory(prefix="kv-relevance-") as tmp:
        root = Path(tmp)
        notes = corpus.with_real(root / "corpus", args.ruis)
        try:
            sites = {args.voor: build(root / "voor", notes, revision_plugins(args.voor, root / "voor")),
                     "nu": build(root / "nu", notes, None)}
        except BenchError as err:
            sys.exit(str(err))
        results = {name: rank(site, judged) for name, site in sites.items()}
        ablations = {f: rank(sites["nu"], judged, f) for f in FEATURES}
        for name, answers in results.items():
            for answer in answers:
                answer["gz"] = search_gz(sites[name], answer["files"])
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
