"""The search index: weights equal lunr.py's, the split index scores exactly like the whole
one in lunr.js, Python and the browser stem alike, and the per-set cache works."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from wordfreq import top_n_list

from kamervragen.audience import PUBLIC

from kamervragen.analysis import terms as analysis
from kamervragen.analysis import records
from kamervragen.generate import search
from kamervragen.model import load_archive
from kamervragen.read.notes import STATUS_LABELS
from conftest import search_json
from lunr_reference import reference_index
from search_support import ASSETS, REPO, harness


@pytest.fixture(scope="module")
def archive(search_site):
    root = search_site
    archive, problems = load_archive(root / "notes", root / "notes" / "themas.yml", PUBLIC)
    assert not problems
    return archive


@pytest.fixture(scope="module")
def reference(archive):
    return reference_index(records.documents(archive))


def test_weights_equal_lunr_py(archive, reference):
    """Same terms, same BM25 weights (to lunr's 3 decimals) as lunr.py's own index."""
    analysed = records.analyse(archive)
    postings = search.weigh(analysed.stats, analysed.terms)
    ours = {}
    for i, term in enumerate(postings.terms):
        for f, (field, _) in enumerate(records.FIELDS):
            for doc, weight in zip(*postings.of(i, f)):
                ours[term, field, str(doc)] = weight
    serialized = reference.serialize()
    term_of = {posting["_index"]: term for term, posting in serialized["invertedIndex"]}
    theirs = {}
    for field_ref, vector in serialized["fieldVectors"]:
        field, ref = field_ref.split("/", 1)
        for k in range(0, len(vector), 2):
            theirs[term_of[vector[k]], field, ref] = vector[k + 1]
    assert len(ours) > 10_000
    assert set(ours) == set(theirs)
    assert ours == theirs


QUERIES = [
    "bedreiging", "+bedreigingen +veiligheidsscans", "veiligheidsscan*", "monitor integriteit",
    "titel:bedreiging", "+geïnformeerd", "geinformeerd", "+minister -asielopvang", "bedreig* gemeent*",
    "de het een", "onbestaandwoordxyz", "tekst:antwoord^5 vraag", "+2026z00186", "ministerie overheid",
    # What the search page sends for typed words (Search.queryOf): exact words boosted, prefixes.
    "bedreigingen^3 bedreig*^1 veiligheidsscans^3 veiligheidsscan*^1", "asiel^3 asiel*^1 meers^3",
]


def test_split_index_scores_equal_whole_index(archive, reference, search_site):
    """The browser's partial index, assembled from shards, ranks and scores like lunr.py's whole index."""
    site = search_site / "site"
    catalogue = json.loads((site / "search" / "catalogue.json").read_text())
    assert len(catalogue["shards"]["first"]) > 20, "the test corpus must span many shards"
    answers = harness(site, [{"query": q} for q in QUERIES])
    for query, answer in zip(QUERIES, answers):
        expected = [[r["ref"], r["score"]] for r in reference.search(query)]
        got = answer["results"]
        # Same score for every set, and the same order (sets with equal scores may swap).
        assert dict(got) == pytest.approx(dict(expected)), query
        assert [score for _, score in got] == pytest.approx([score for _, score in expected]), query
        assert answer["shards"] <= 4, f"{query}: fetched {answer['shards']} shards"
    assert any(a["results"] for a in answers[:4])


def test_browser_and_python_give_the_same_terms(search_site):
    """Over 50,000 real Dutch words (wordfreq), the browser's pipeline gives Python's terms."""
    words = top_n_list("nl", 50_000) + ["geïnformeerd", "coördinatie", "ideeën", "enquête", "'t", "Ünal", "2026Z00186"]
    js_terms = harness(search_site / "site", [{"terms": words}])[0]
    mismatches = [(w, analysis.term(w.lower()), j) for w, j in zip(words, js_terms) if analysis.term(w.lower()) != j]
    assert not mismatches[:20], f"{len(mismatches)} words differ"


def test_word_forms_and_diacritics_match():
    assert analysis.term("bedreigingen") == analysis.term("bedreiging")
    assert analysis.term("veiligheidsscans") == analysis.term("veiligheidsscan")
    assert analysis.term("geïnformeerd") == analysis.term("geinformeerd")
    assert analysis.term("enquête") == analysis.term("enquete")
    assert analysis.term("de") is None


def test_typed_input_becomes_a_safe_query(search_site):
    """Each word counts itself (boost 3) and, from four letters of its stem, longer words
    starting with it (boost 1); lunr's operators are dropped, so no input makes a query fail."""
    site = search_site / "site"
    answers = harness(site, [
        {"input": "Bedreigingen de veiligheidsscans", "typing": True},
        {"input": "Bedreigingen de veiligheidsscans", "typing": False},
        {"input": "de het", "typing": False},
        {"input": "titel:x +y ~z^2 *", "typing": False},
        {"input": "één vóór", "typing": False},
        {"input": "Bedreigingen ver", "typing": True},
        {"input": "Bedreigingen ver", "typing": False},
    ])
    assert answers[0] == answers[1] == "bedreigingen^3 bedreig*^1 veiligheidsscans^3 veiligheidsscan*^1"
    assert answers[2] is None
    assert answers[3] == "titel^3 titel*^1 x^3 y^3 z^3 2^3"
    # Stop words are checked before diacritics are folded, as in the index: "één" is a word.
    assert answers[4] == "een^3 voor^3"
    assert analysis.term("één") == "een" and analysis.term("een") is None
    # A last word still being typed is a prefix from three letters on; a finished one is not.
    assert answers[5] == "bedreigingen^3 bedreig*^1 ver^3 ver*^1"
    assert answers[6] == "bedreigingen^3 bedreig*^1 ver^3"


def test_vendored_browser_files_equal_npm_packages():
    """The lunr files we serve are the npm releases pinned in package.json, unmodified."""
    modules = REPO / "node_modules"
    pairs = {
        "lunr.min.js": modules / "lunr" / "lunr.min.js",
        "lunr.stemmer.support.min.js": modules / "lunr-languages" / "min" / "lunr.stemmer.support.min.js",
        "lunr.nl.min.js": modules / "lunr-languages" / "min" / "lunr.nl.min.js",
    }
    for name, source in pairs.items():
        assert (ASSETS / "vendor" / name).read_bytes() == source.read_bytes(), name


def test_catalogue_and_set_texts(archive, search_site):
    site = search_site / "site"
    catalogue = json.loads((site / "search" / "catalogue.json").read_text())
    assert catalogue["pipeline"] == list(analysis.SEARCH_PIPELINE)
    assert len(catalogue["sets"]["kenmerk"]) == len(archive.notes)
    record = search_json(site, "sets/2026Z00186.json.gz")
    anchors = [part[0] for part in record["delen"]]
    assert "antwoord-5" in anchors and "vraag-5" in anchors
    assert all("intern" not in part[1].lower() for part in record["delen"])
    assert "Kern van de beslisnota" not in json.dumps(record)


def test_browser_reads_each_sets_facts_from_the_compact_catalogue(archive, search_site):
    """Kenmerk, date and status come to the browser compactly; its code reads back the archive's
    values, and the facets (a file of their own) name each set's own themes, askers and year."""
    site = search_site / "site"
    sets, facets, *found = harness(site, [{"sets": True}, {"facets": True}, {"kenmerk": " 2026z00186 "},
                                          {"kenmerk": "2026Z00186 en meer"}, {"kenmerk": "2026Z0018"}])
    notes = archive.notes
    assert sets["kenmerk"] == [n.kenmerk for n in notes]
    assert sets["datum"] == [(n.date - dt.date(1970, 1, 1)).days for n in notes]
    assert sets["status"] == [n.status for n in notes]
    assert len(set(sets["status"])) >= 3, "the test corpus must hold several statuses"
    assert found == [sets["kenmerk"].index("2026Z00186"), -1, -1]

    def named(key: str, i: int) -> set[str]:
        return {facets["values"][key][v] for v in facets["sets"][key][i]}

    for i, n in enumerate(notes):
        assert named("thema", i) == {archive.themes[t].naam for t in n.themas}
        assert named("lid", i) == {a.naam for a in n.vragenstellers}
        assert named("partij", i) == {a.partij for a in n.vragenstellers}
        assert named("minister", i) == {*n.gericht_aan, *n.answerers}
        assert named("jaar", i) == {str(n.gesteld.year)}
        assert named("status", i) == {n.status}
    catalogue = json.loads((site / "search" / "catalogue.json").read_text())
    assert catalogue["statussen"] == STATUS_LABELS
    assert "thema" not in catalogue["sets"], "facets stay out of what the first result waits for"
