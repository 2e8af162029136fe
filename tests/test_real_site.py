"""The site of real documents (tests/fixtures/real-site/), built once per session by conftest.

Its notes were made with `kamervragen importeer` from the real documents in tests/fixtures/real/
(copied from questions.csv of jorisheijkant/kamervragen-limburg; see their README) and their review items resolved by hand; the first
test proves that nothing else was changed. One synthetic note covers the two forms no real
document has (sub-questions, a cross-reference to a combined answer).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REAL_SITE, article, search_files, search_json, text
from kamervragen import official
from kamervragen.importer.write import import_files
from kamervragen.read.notes import Note, load_notes
from kamervragen.urls import set_url
from kamervragen.analysis.markdown_text import text as markdown_text
from kamervragen.read.source import split_front_matter
from kamervragen.read.themes import load_themes

REAL_DOCS = Path(__file__).parent / "fixtures" / "real"
NOTES = REAL_SITE / "notes"
# What a person resolving an imported note may add (the review items and what `check` reports).
RESOLVED = {"kenmerk", "titel", "gesteld", "vragenstellers", "gericht_aan", "documentnummers", "gerelateerd",
            "nummering", "opmerking"}


def _notes() -> dict[str, Note]:
    notes, problems = load_notes(NOTES)
    assert problems == []
    return {n.kenmerk: n for n in notes}


ALL = _notes()
REAL = {k: n for k, n in ALL.items() if not n.synthetisch}


def _front(path: Path) -> tuple[dict, str]:
    doc, body, _ = split_front_matter(path.read_text(encoding="utf-8"), path.name)
    return doc.data, body


def _casefold(value):
    return json.dumps(value, default=str, ensure_ascii=False).casefold()


# --- the fixture notes are the importer's output ----------------------------------------------


def test_at_least_ten_real_documents_and_every_note_names_its_source():
    sources = {s for n in REAL.values() for s in n.bron}
    assert len(sources) >= 10 and all((REAL_DOCS / s).is_file() for s in sources)
    for note in REAL.values():
        raw = (REAL_SITE / note.path).read_text(encoding="utf-8")
        assert "# ECHT document, niet synthetisch" in raw and "questions.csv" in raw, note.path


@pytest.mark.parametrize("kenmerk", sorted(REAL))
def test_real_note_is_the_importers_output_with_its_review_items_resolved(kenmerk, tmp_path):
    """Body verbatim; every fact the importer wrote kept (a name only re-cased, as `check`
    asks); only themes and what the review list named were added by hand."""
    note = REAL[kenmerk]
    notes = tmp_path / "notes"
    notes.mkdir()
    themes, _ = load_themes(NOTES / "themas.yml", "themas.yml")
    outcome = import_files([REAL_DOCS / s for s in note.bron], notes, themes)
    (written,) = outcome.written
    imported, imported_body = _front(written)
    fixture, fixture_body = _front(REAL_SITE / note.path)
    assert fixture_body == imported_body
    for key, value in imported.items():
        if key not in ("themas", "controleren") and value != []:  # [] is what the importer could not find
            assert _casefold(fixture[key]) == _casefold(value), key
    assert set(fixture) - set(imported) <= RESOLVED
    assert "controleren" not in fixture and "synthetisch" not in fixture


# --- combined headings, sub-questions and cross-links -----------------------------------------


def _anchors_before(heading) -> list[str]:
    """Ids of the .kv-anker elements standing right before a heading, nearest last."""
    out = []
    for sibling in heading.find_previous_siblings():
        if "kv-anker" not in (sibling.get("class") or []):
            break
        out.insert(0, sibling["id"])
    return out


def _section_of(page, anchor: str):
    """The heading an anchor lands on: the element itself, or the heading after a .kv-anker."""
    target = page.find(id=anchor)
    assert target is not None, anchor
    while "kv-anker" in (target.get("class") or []):
        target = target.find_next_sibling()
    return target


@pytest.mark.parametrize("kenmerk", sorted(ALL))
def test_every_number_of_a_heading_has_its_anchor_on_that_heading(real_site, kenmerk):
    page = real_site.page(set_url(kenmerk))
    body = article(page).select_one("div.kv-body")
    for section in ALL[kenmerk].body.sections:
        if not section.kind:
            continue
        heading = body.find(id=section.anchors[0])
        assert heading is not None and heading.name == "h2", section.title
        assert text(heading) == section.title
        assert _anchors_before(heading) == list(section.anchors[1:])


def test_combined_and_sub_question_anchors_exist(real_site):
    mutluer = real_site.page(set_url("2024Z18294"))
    assert text(_section_of(mutluer, "antwoord-4")) == text(_section_of(mutluer, "antwoord-3")) == \
        "Antwoord op vraag 3 en 4"
    assert [text(_section_of(mutluer, f"vraag-{n}")) for n in (3, 4)] == ["Vraag 3", "Vraag 4"]
    boswijk = real_site.page(set_url("2024Z18792"))
    assert {text(_section_of(boswijk, f"antwoord-{n}")) for n in range(1, 6)} == {"Antwoord vragen 1,2,3,4 en 5"}
    synthetic = real_site.page(set_url("2099Z00101"))
    assert [text(_section_of(synthetic, f"vraag-{n}")) for n in ("2", "3", "4a", "4b")] == \
        ["Vraag 2 en 3", "Vraag 2 en 3", "Vraag 4a", "Vraag 4b"]
    # the printed duplicate 'Vraag 7' (nummering: origineel) gets a second anchor of its own
    kathmann = real_site.page(set_url("2024Z16043"))
    assert [text(_section_of(kathmann, a)) for a in ("vraag-7", "vraag-7-2", "antwoord-8")] == \
        ["Vraag 7", "Vraag 7", "Antwoord 8"]


def test_question_links_land_on_the_answer_serving_the_number(real_site):
    """Every 'vraag N' / 'antwoord N' link in a set's text lands on a heading that serves N;
    'het antwoord op vraag 3' lands on the combined answer to questions 2 and 3."""
    to_combined = 0
    for kenmerk, note in ALL.items():
        page = real_site.page(set_url(kenmerk))
        for a in article(page).select('div.kv-body a[href^="#vraag-"], div.kv-body a[href^="#antwoord-"]'):
            if "headerlink" in (a.get("class") or []):
                continue
            kind, number = a["href"][1:].split("-", 1)
            heading = _section_of(page, a["href"][1:])
            section = next(s for s in note.body.sections if s.anchors and s.anchors[0] == heading["id"])
            assert section.kind == kind and number in section.numbers, (kenmerk, a)
            to_combined += len(section.numbers) > 1 and section.anchors[0] != a["href"][1:]
    assert to_combined >= 1
    link = article(real_site.page(set_url("2099Z00101"))).select_one('div.kv-body a[href="#antwoord-3"]')
    assert link is not None and text(link) == "vraag 3"


# --- footnotes, official facts, statuses ------------------------------------------------------


@pytest.mark.parametrize("kenmerk", sorted(k for k, n in REAL.items() if n.body.footnotes(False)))
def test_footnotes_render_with_links_both_ways(real_site, kenmerk):
    page = article(real_site.page(set_url(kenmerk)))
    footnotes = REAL[kenmerk].body.footnotes(False)
    items = page.select("div.footnote li")
    assert [li["id"] for li in items] == [f"fn:{label}" for label, _ in footnotes]
    for li, (label, source) in zip(items, footnotes):
        assert li.select_one("a.footnote-backref")["href"] == f"#fnref:{label}"
        ref = page.find(id=f"fnref:{label}")
        assert ref is not None and ref.find("a")["href"] == f"#fn:{label}"
        assert " ".join(markdown_text(source).split()[:3]) in text(li)
    assert "[^" not in text(page)


def test_ten_footnotes_of_one_set(real_site):
    assert len(article(real_site.page(set_url("2024Z18438"))).select("div.footnote li")) == 10


def _facts(page) -> dict[str, object]:
    dl = article(page).select_one("dl.kv-facts")
    return {text(dt): dt.find_next_sibling("dd") for dt in dl.find_all("dt")}


@pytest.mark.parametrize("kenmerk", sorted(k for k, n in REAL.items() if n.aanhangsel))
def test_official_publication_and_case_page_are_linked(real_site, kenmerk):
    note = REAL[kenmerk]
    facts = _facts(real_site.page(set_url(kenmerk)))
    hrefs = [a["href"] for a in facts["Officiële bronnen"].find_all("a", rel="external")]
    assert hrefs == [official.case_page(kenmerk, (note.documentnummers or (None,))[0]),
                     official.answer_publication(note.vergaderjaar, note.aanhangsel)]
    assert text(facts["Aanhangsel"]) == f"Aanhangsel van de Handelingen, vergaderjaar 2024-2025, nr. {note.aanhangsel}"


def test_document_number_is_shown_and_in_the_case_link(real_site):
    facts = _facts(real_site.page(set_url("2024Z16043")))
    assert text(facts["Documentnummer"]) == "2024D44830"
    assert facts["Officiële bronnen"].find("a")["href"] == \
        "https://www.tweedekamer.nl/kamerstukken/kamervragen/detail?id=2024Z16043&did=2024D44830"


def test_set_answered_within_its_postponement_is_not_late(real_site):
    # asked 11 October, answered 15 November: late after three weeks, on time with the notice (nr. 426)
    facts = _facts(real_site.page(set_url("2024Z15705")))
    assert text(facts["Status"]) == "Beantwoord"
    assert text(facts["Termijn"]) == "1 november 2024, met uitstel 22 november 2024"
    assert text(facts["Uitstel gemeld"]) == "Aanhangsel 2024-2025 nr. 426"
    # the notice with date and number: the set is postponed, not open
    facts = _facts(real_site.page(set_url("2024Z16988")))
    assert text(facts["Status"]) == "Uitgesteld"
    assert "15 november 2024" in text(facts["Uitstel gemeld"]) and "562" in text(facts["Uitstel gemeld"])


@pytest.mark.parametrize("kenmerk", ["2024Z18775", "2024Z18777"])
def test_oral_questions_are_labelled_and_never_overdue(real_site, kenmerk):
    page = real_site.page(set_url(kenmerk))
    assert text(article(page).select_one("p.kv-kind")).startswith("Mondelinge vragen")
    facts = _facts(page)
    assert text(facts["Status"]) == "Mondelinge vragen"
    assert text(facts["Termijn"]).startswith("Geen")
    assert "Beantwoord" not in facts


def test_related_set_outside_the_archive_is_an_external_link(real_site):
    page = article(real_site.page(set_url("2024Z18656")))
    (link,) = page.select("ul.kv-extern a")
    assert link["href"] == official.case_page("2024Z18284") and link["rel"] == ["external"]
    # one inside the archive is an ordinary related set, and a backlink there
    inside = article(real_site.page(set_url("2024Z18795")))
    assert inside.select_one('a[href="../2024Z18794/"]') is not None and inside.select_one("ul.kv-extern") is None
    back = article(real_site.page(set_url("2024Z18794")))
    assert back.find("h2", id="kv-verwijzingen").find_next("a")["href"] == "../2024Z18795/"


def test_editorial_remark_is_shown(real_site):
    remark = article(real_site.page(set_url("2024Z16043"))).select_one("aside.kv-opmerking")
    assert remark is not None and REAL["2024Z16043"].opmerking in text(remark)


def test_two_answering_office_holders(real_site):
    holders = _facts(real_site.page(set_url("2024Z18792")))["Beantwoord door"].find_all("li")
    assert [text(li) for li in holders] == ["minister Klever (Buitenlandse Handel en Ontwikkelingshulp)",
                                            "mede namens de minister van Financiën"]
    assert [li.a["href"] for li in holders] == ["../../bewindspersonen/minister-klever-buitenlandse-handel-en-"
                                                "ontwikkelingshulp/", "../../bewindspersonen/minister-van-financien/"]


def test_statistics_count_oral_and_postponed_sets(real_site):
    """12 sets: 2 oral; 5 answered (one late: 2024Z16043 after 34 days); 5 written ones open
    (one of them postponed); 2 with a postponement (2024Z16988 open, 2024Z15705 answered)."""
    facts = {k: text(v) for k, v in _facts(real_site.page("statistieken/")).items()}
    assert facts["Vragensets"] == "12"
    assert facts["Mondelinge vragen"].startswith("2 ")
    assert facts["Met uitstel"] == "2"
    assert (facts["Beantwoord"], facts["Nog open"], facts["Te laat beantwoord"]) == ("5", "5", "1")


def test_search_data_holds_the_footnote_text(real_site):
    record = search_json(real_site.root, "sets/2024Z18438.json.gz")
    notes = {anchor: body for anchor, _, body in record["delen"] if anchor.startswith("fn:")}
    assert len(notes) == 10 and "Recyclingmagazine, 23 juli 2024" in notes["fn:2"]
    # a word only in that footnote is an index term
    shards = json.dumps(list(search_files(real_site.root, "shards").values()), ensure_ascii=False)
    assert re.search(r'\["recyclingmagazin', shards)


def test_build_had_no_warnings(real_site):
    assert real_site.warnings == []
