"""Similar sets by content (kamervragen.analysis.similar) on synthetic notes; no site is built.

The statistics come from the search's own analysis (records.documents, records.field_terms),
so the Dutch stemming is the real one. The corpus is made by scripts/synth.py; a
near-duplicate is a copy of one of its notes with another kenmerk and a few words changed.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
import sys
from pathlib import Path

import pytest

from kamervragen.audience import PUBLIC

from kamervragen import model
from kamervragen.analysis import records
from kamervragen.analysis import similar
from kamervragen.analysis.cache import Numbers
from kamervragen.analysis.records import SearchDoc

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import synth  # noqa: E402

DUPLICATE = "2099Z99999"


NUMBERS = Numbers([])  # one numbering of terms for every test here, as a build has one


def stats_of(*docs: tuple[str, str]) -> list[dict]:
    """Statistics of hand-written (titel, tekst) pairs, through the real Dutch analysis."""
    return [NUMBERS.stats(records.field_terms(SearchDoc(str(i), {"titel": t, "tekst": x})))
            for i, (t, x) in enumerate(docs)]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[model.Archive, list[dict], int, int]:
    """60 synthetic notes plus a near-duplicate of one; (archive, stats, original, duplicate)."""
    root = tmp_path_factory.mktemp("similar")
    synth.generate(root, 60, seed=5, target_bytes=1500)
    source = sorted((root / "notes").rglob("*.md"))[17]
    text = source.read_text(encoding="utf-8")
    original = re.search(r"^kenmerk: (\S+)$", text, re.M).group(1)
    head, body = text.split("\n---\n", 1)
    words = body.split(" ")
    for i in range(7, len(words), 40):  # a few words changed, headings untouched
        if words[i].isalpha() and not words[i - 1].endswith("#"):  # not a heading's word
            words[i] = "gewijzigd"
    copy = head.replace(f"kenmerk: {original}", f"kenmerk: {DUPLICATE}") + "\n---\n" + " ".join(words)
    assert copy.count("gewijzigd") >= 3
    (root / "notes" / "2099" / f"{DUPLICATE}.md").write_text(copy, encoding="utf-8")
    archive, problems = model.load_archive(root / "notes", root / "notes" / "themas.yml", PUBLIC)
    assert not problems and len(archive.notes) == 61
    stats = [NUMBERS.stats(records.field_terms(d)) for d in records.documents(archive)]
    kenmerken = [n.kenmerk for n in archive.notes]
    return archive, stats, kenmerken.index(original), kenmerken.index(DUPLICATE)


def test_near_duplicate_ranks_first_both_ways(corpus):
    _, stats, original, duplicate = corpus
    result = similar.most_similar(stats)
    assert result[original][0][0] == duplicate
    assert result[duplicate][0][0] == original
    for i in (original, duplicate):
        best, runner_up = result[i][0][1], result[i][1][1]
        assert best > 0.7 and best > 10 * runner_up


def test_never_lists_itself(corpus):
    _, stats, _, _ = corpus
    for i, found in enumerate(similar.most_similar(stats, k=60)):
        assert i not in [j for j, _ in found]


@pytest.mark.parametrize("k", [1, 2, 5, 10])
def test_at_most_k_best_first(corpus, k):
    _, stats, _, _ = corpus
    result = similar.most_similar(stats, k=k)
    assert len(result) == len(stats)
    for found in result:
        assert 0 < len(found) <= k  # random Dutch text always shares some words
        sims = [s for _, s in found]
        assert sims == sorted(sims, reverse=True)
        assert all(0.0 < s <= 1.0 + 1e-9 for s in sims)
        assert len({j for j, _ in found}) == len(found)


def test_matches_the_whole_similarity_matrix(corpus):
    """With k above the corpus, a set lists exactly the others it has a positive dot product with."""
    _, stats, _, _ = corpus
    x = similar.vectors(stats)
    full = (x @ x.T).toarray()
    for i, found in enumerate(similar.most_similar(stats, k=1000)):
        expected = sorted((j for j in range(len(stats)) if j != i and full[i, j] > 0),
                          key=lambda j: (-full[i, j], j))
        assert [j for j, _ in found] == expected
        assert [s for _, s in found] == pytest.approx([full[i, j] for j in expected])


def test_set_sharing_nothing_gets_nothing(corpus):
    _, stats, _, _ = corpus
    loner = stats_of(("Xylofoonquasar", "Zwoelfbrumqat vlompertikker kwazelbrieg."))[0]
    result = similar.most_similar([*stats, loner])
    assert result[-1] == []
    assert all(j != len(stats) for found in result for j, _ in found)


def test_deterministic(corpus):
    _, stats, _, _ = corpus
    assert similar.most_similar(stats) == similar.most_similar(stats)
    # Small blocks (one row at a time) give exactly the same answer as one block.
    assert similar.most_similar(stats, block_cells=1) == similar.most_similar(stats)


def test_equal_similarities_lower_index_first():
    query = ("Bodemdaling in het veenweidegebied", "Boeren in het veenweidegebied zien bodemdaling.")
    twin = ("Bodemdaling veenweidegebied", "Bodemdaling bij boeren.")
    other = ("Stikstofuitstoot", "Melkveehouders en stikstof.")
    stats = stats_of(other, twin, query, twin)
    found = similar.most_similar(stats)[2]
    assert [j for j, _ in found[:2]] == [1, 3]
    assert found[0][1] == found[1][1]


def test_stemming_matches_word_forms():
    """Dutch stemming: 'windparken'/'windpark', 'vergunningen'/'vergunning' count as the same."""
    stats = stats_of(
        ("Vergunning voor een windpark op de Noordzee", "Vragen over de vergunning."),
        ("Windparken en vergunningen Noordzee", "Antwoorden van de minister."),
        ("Onderwijs in de regio", "Vragen over leraren."),
    )
    assert similar.most_similar(stats)[0][0][0] == 1


def test_title_words_count_more_than_body_words():
    """Two sets alike but for where the query's words stand: the one with them in its title wins.

    Guaranteed by the weighting whenever the rest of both vectors has the same norm: here
    each holds the shared words once and three words of its own once, only the fields are
    swapped (the words of their own are each in one set only, so their weights are equal).
    """
    stats = stats_of(
        ("Windparken Noordzee vergunningen", "Antwoorden over scheepvaart."),  # the query
        ("Vergunning windpark Noordzee", "Appelboom fietspad zwembad"),  # words in the title
        ("Zeehond duinpan vuurtoren", "Vergunning windpark Noordzee"),  # the same words in the text
        ("Onderwijs in de regio", "Leraren en scholen."),
    )
    found = similar.most_similar(stats)
    assert [j for j, _ in found[0][:2]] == [1, 2]
    assert found[0][0][1] > found[0][1][1] > 0


def reference_cosines(stats: list[dict]) -> list[dict[int, float]]:
    """TF-IDF cosines as the module documents them, computed plainly with dicts."""
    n = len(stats)
    vectors = []
    for s in stats:
        v: dict[str, float] = {}
        for name, boost in (("titel", 3.0), ("tekst", 1.0)):
            for term, tf in zip(s[name][0], s[name][1]):
                v[term] = v.get(term, 0.0) + boost * (1 + math.log(tf))
        vectors.append(v)
    df: dict[str, int] = {}
    for v in vectors:
        for term in v:
            df[term] = df.get(term, 0) + 1
    for v in vectors:
        for term in v:
            v[term] *= math.log((n + 1) / df[term])
        norm = math.sqrt(sum(w * w for w in v.values()))
        for term in v:
            v[term] /= norm
    return [{j: sum(w * vectors[j].get(t, 0.0) for t, w in v.items()) for j in range(n) if j != i}
            for i, v in enumerate(vectors)]


def test_untruncated_is_the_plain_tfidf_cosine(corpus):
    _, stats, _, _ = corpus
    expected = reference_cosines(stats)
    for i, found in enumerate(similar.most_similar(stats, k=5, top_terms=10**6)):
        best = sorted(((-c, j) for j, c in expected[i].items() if c > 0))[:5]
        assert [j for j, _ in found] == [j for _, j in best]
        assert [c for _, c in found] == pytest.approx([-c for c, _ in best], rel=1e-9)


def test_empty_archive_and_one_set():
    assert similar.most_similar([]) == []
    assert similar.most_similar(stats_of(("Eén set", "Alleen deze tekst."))) == [[]]
    assert similar.most_similar(stats_of(("", ""), ("", ""))) == [[], []]
    assert similar.most_similar(stats_of(("a", "b"), ("a", "b")), k=0) == [[], []]


def test_truncation_keeps_shared_heaviest_terms():
    """Each vector holds at most top_terms terms, only terms another set also has, norm <= 1."""
    stats = stats_of(
        ("Eerste set", " ".join(f"woord{i}" for i in range(80)) + " uniekwoord"),
        ("Tweede set", " ".join(f"woord{i}" for i in range(80))),
    )
    x = similar.vectors(stats, top_terms=10)
    assert x.getnnz(axis=1).tolist() == [10, 10]
    assert (x.multiply(x).sum(axis=1) <= 1 + 1e-12).all()
    found = similar.most_similar(stats, top_terms=10)
    assert found[0][0][0] == 1 and found[1][0][0] == 0


def test_set_pages_list_up_to_five_similar_sets_never_themselves(site):
    """The built site shows the content neighbours on every set page."""
    from conftest import article

    with_neighbours = 0
    for path in sorted((site.root / "vragen").glob("*/index.html")):
        kenmerk = path.parent.name
        heading = article(site.page(f"vragen/{kenmerk}/")).find(id="kv-vergelijkbaar")
        assert heading is not None, kenmerk
        listed = heading.find_next_sibling("ol")
        if listed is None:
            continue
        kenmerken = [k.get_text() for k in listed.select(".kv-kenmerk")]
        assert 0 < len(kenmerken) <= 5 and kenmerk not in kenmerken, (kenmerk, kenmerken)
        with_neighbours += 1
    assert with_neighbours >= 3


def test_chunk_with_no_term_unique_to_one_set():
    """Every term in at least two sets: no 'alone' postings in any chunk (numpy gave int64 zeros
    there, and adding float weights crashed at 10,000 notes)."""
    stats = stats_of(("asiel opvang", "gemeente opvang asiel"), ("asiel opvang", "gemeente opvang"),
                     ("politie inzet", "gemeente politie"), ("politie inzet", "gemeente inzet"))
    result = similar.most_similar(stats, k=2)
    assert [row[0][0] for row in result] == [1, 0, 3, 2]
    assert all(0.0 < sim <= 1.0 + 1e-9 for row in result for _, sim in row)


def test_build_works_out_similar_sets_in_another_process_with_the_same_result(corpus, tmp_path, monkeypatch):
    """The orchestrator finds similar sets in a forked process while it makes the search index;
    the set pages list the same sets as when it is all done in one process."""
    from kamervragen import build, parallel
    from kamervragen.options import Options

    archive = corpus[0]
    options = Options(tmp_path, tmp_path / "themas.yml", workers=1)
    alone = build.generate(archive, [], options)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    pids = tmp_path / "pids"
    most_similar = similar.most_similar

    def counted(stats):
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return most_similar(stats)

    monkeypatch.setattr(similar, "most_similar", counted)
    forked = build.generate(archive, [], dataclasses.replace(options, workers=2))
    assert pids.read_text().split() != [str(os.getpid())]

    def listed(site) -> dict[str, list[str]]:
        return {p.src: [i.kenmerk for i in p.view["similar"]] for p in site.pages if "similar" in p.view}

    assert listed(forked) == listed(alone) and sum(map(len, listed(alone).values())) > len(archive.notes)
