"""What visitors type, answered by the browser's search code (run in Node) on the search site
of seeds, real documents (tests/fixtures/real-search/) and synthetic notes: fallback when no
set has every word, suggestions, prefixes, apostrophes, synonyms, phrases, and the precedent
finder ignoring the standard parts of a Kamervraag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kamervragen.analysis import terms as analysis
from kamervragen.analysis import vocabulary
from kamervragen.read.themes import Theme
from search_support import REAL_NOTES, harness


@pytest.fixture(scope="module")
def site(search_site: Path) -> Path:
    return search_site / "site"


@pytest.fixture(scope="module")
def find(site: Path):
    """The browser's find() on the search site, one answer per input."""
    return lambda *inputs: harness(site, [{"find": q} for q in inputs])


def kenmerken(answer: dict) -> list[str]:
    return [k for k, _, _ in answer["hits"]]


PUNCTUATION = [
    "ME’ers en ME'ers, ME‘ers, ME`ers en ME´ers", "auto’s, baby’s en AZC’s", "’s-Gravenhage en 's-Gravenhage",
    "2020–2024, 2020—2024, 2020-2024 en 2020‒2024", "Noord‑Holland en Noord-Holland", "zo’n «citaat» „dit” “dat”",
    "Kamerlid‐Van Dijk − min", "rock ’n’ roll", "geïnformeerd—coördinatie",
]


def test_punctuation_normalised_alike_in_python_and_browser(site):
    """Apostrophes and dashes give the same terms at index time (Python) and query time (JS)."""
    got = harness(site, [{"texts": PUNCTUATION}])[0]
    assert got == [analysis.terms(t) for t in PUNCTUATION]
    assert analysis.terms("ME’ers") == analysis.terms("ME'ers") == analysis.terms("ME`ers")
    assert analysis.terms("2020–2024") == analysis.terms("2020 - 2024") == ["2020", "2024"]


def test_apostrophe_typed_finds_the_curly_one(find):
    straight, curly = find("ME'ers", "ME’ers")
    assert kenmerken(straight)[0] == kenmerken(curly)[0] == "2024Z18655"


def test_a_word_finds_longer_words_ranked_below_itself(find):
    asiel, = find("asiel")
    found = kenmerken(asiel)
    # asielzoekers, asielkinderen, asielopvang: none of these sets has the word 'asiel' alone...
    assert {"2024Z18887", "2024Z15585", "2024Z18659"} <= set(found)
    # ...and a set with the word itself outranks one with only longer words.
    zoekers, = find("asielzoekers")
    assert "2024Z15585" not in kenmerken(zoekers)  # 'Asielkinderen' is not 'asielzoekers'
    assert asiel["query"] == "asiel^3 asiel*^1"


def test_no_set_with_every_word_gives_the_sets_with_most_of_them(find):
    answer, = find("zwangere demonstraties asielzoekers")
    assert answer["mode"] == "deels"
    counts = [count for _, _, count in answer["hits"]]
    assert counts == sorted(counts, reverse=True) and counts[0] == 2
    assert {"2024Z18659", "2024Z18887"} <= set(kenmerken(answer)[:3])


def test_unknown_word_gets_the_nearest_index_terms(find):
    answer, = find("geboortezorg asielzoekrs")
    assert answer["mode"] == "deels" and answer["unknown"] == ["asielzoekrs"]
    assert answer["suggestions"] == [{"word": "asielzoekrs", "alternatives": ["asielzoekers"]}]
    assert kenmerken(answer)[0] in {"2024Z18887", "2024Z18659"}


def test_abbreviations_find_their_full_names_and_back(find):
    omo, full, me, jenv = find("OMO", "Ondersteuningsnetwerk Maatschappelijke Onrust", "ME", "JenV")
    assert kenmerken(omo)[0] == kenmerken(full)[0] == "2025Z21156"
    assert "omo" in omo["query"] and "ondersteuningsnetwerk" in omo["query"]
    # 'ME' is a stop word ('me'), so only its full name can be found, and only in capitals.
    assert kenmerken(me)[0] == "2024Z18655"
    assert find("me")[0]["mode"] == "stopwoorden"
    assert "justitie" in jenv["query"]


def test_synonym_groups_come_from_the_theme_registry_and_the_list():
    themes = {"omo": Theme("omo", "Ondersteuningsnetwerk Maatschappelijke Onrust", "-", ("OMO",)),
              "scan": Theme("scan", "Veiligheidsscan", "-", ("veiligheidsscans",))}
    groups = vocabulary.synonym_groups(themes, [["BZK", "Binnenlandse Zaken en Koninkrijksrelaties"],
                                                ["OMO", "Onrustnetwerk"]])
    as_sets = [set(g) for g in groups]
    assert {"Ondersteuningsnetwerk Maatschappelijke Onrust", "OMO", "Onrustnetwerk"} in as_sets  # merged by OMO
    assert {"BZK", "Binnenlandse Zaken en Koninkrijksrelaties"} in as_sets
    assert not any("Veiligheidsscan" in g for g in groups), "word forms of one term are no synonyms"
    assert all(len(g) >= 2 for g in vocabulary.synonym_groups({}))


def test_a_quoted_phrase_needs_its_words_in_order(find):
    phrase, reversed_phrase, loose = find('"zwangere vrouwen"', '"vrouwen zwangere"', "vrouwen zwangere")
    assert kenmerken(phrase)[0] == "2024Z18659"
    assert reversed_phrase["hits"] == [] and reversed_phrase["mode"] == "deels"
    assert set(kenmerken(phrase)) <= set(kenmerken(loose))


def test_standard_phrases_are_learned_from_the_archive(site):
    sets = [["Bent u bekend met het bericht over de brug?", "Kunt u deze vragen afzonderlijk beantwoorden?"],
            ["Bent u bekend met het rapport?", "Kunt u deze vragen afzonderlijk beantwoorden?"],
            ["Bent u bekend met de brief?", "Wat vindt u van de brug?", "Kunt u deze vragen afzonderlijk beantwoorden?"],
            ["Hoe staat het met de dijken?"], ["Wat kost de brug?"]]
    phrases = vocabulary.standard_phrases([vocabulary.opening_grams(texts) for texts in sets])
    assert "bent u bekend" in phrases and "deze vragen afzonderlijk" in phrases
    assert not any("brug" in p for p in phrases)
    catalogue = json.loads((site / "search" / "catalogue.json").read_text())
    assert catalogue["standaardtekst"] and len(catalogue["standaardtekst"]) <= vocabulary.MAX_PHRASES


BOILERPLATE = ("Vragen van het lid Jansen (CDA) aan de minister van Justitie en Veiligheid en de minister van "
               "Binnenlandse Zaken over zwangere vrouwen in asielzoekerscentra (ingezonden 3 maart 2026). "
               "Bent u bekend met het bericht? Kunt u deze vragen afzonderlijk beantwoorden?")


def test_precedent_finder_leaves_out_the_standard_parts(site):
    answer, = harness(site, [{"precedent": BOILERPLATE}])
    kept = " ".join(answer["kept"])
    assert "jansen" not in kept and "justitie" not in kept and "ingezonden" not in kept
    assert "zwangere" in kept and "asielzoekerscentra" in kept
    assert not {analysis.term("minister"), analysis.term("veiligheid"), "justitie"} & set(answer["terms"])
    assert answer["hits"][0] in {"2024Z18659", "2024Z18887"}


def test_precedent_positions_rank_by_the_pasted_words(site):
    text = (REAL_NOTES.parent.parent.parent / "notes" / "2026" / "2026Z00186.md").read_text(encoding="utf-8")
    questions = "\n".join(p.split("\n## ")[0] for p in text.split("## Vraag ")[1:])
    answer, = harness(site, [{"precedent": questions}])
    assert answer["positions"], "positions of the matching sets are ranked"
    kenmerk, statement, anchor = answer["positions"][0]
    assert kenmerk in {"2026Z00186", "2025Z21156"} and anchor.startswith("antwoord-")
    assert all("terrein van BZK" not in p[1] for p in answer["positions"]), "internal positions stay internal"


@pytest.mark.parametrize("query", ["asiel", "OMO", '"zwangere vrouwen"', "zwangere demonstraties asielzoekers"])
def test_find_scores_are_lunr_scores_of_its_query(query, find, site):
    """find() ranks with the scores lunr gives its composed query string (no scoring of its own)."""
    answer, = find(query)
    plain, = harness(site, [{"query": answer["query"]}])
    scores = dict(plain["results"])
    sets, = harness(site, [{"sets": True}])
    sets = sets["kenmerk"]
    for kenmerk, score, _ in answer["hits"]:
        assert score == pytest.approx(scores[str(sets.index(kenmerk))])


@pytest.mark.parametrize("text", [
    "Bent u bekend met het bericht " * 200,  # long: read from its start only
    "kort stuk tekst",
    "één-woord " + "x" * 5000 + " daarna nog woorden " * 100,  # a very long word at the cut
    ("— ’ " * 800) + "pas hier beginnen de woorden " * 30,  # the start has no words at all
])
def test_opening_words_are_the_first_words_of_the_whole_text(text):
    assert vocabulary._opening_words(text) == vocabulary._words(text)[:vocabulary.WORDS_PER_PART]
