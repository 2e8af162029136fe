"""Positions (standpunten): the register per theme, newest first, each linked to its answer;
internal positions only in the internal archive. Uses the real seed notes."""

from __future__ import annotations

from bs4 import BeautifulSoup

from kamervragen.audience import PUBLIC, STAFF

from kamervragen.read.body import question_numbers
from kamervragen.model import load_archive
from kamervragen.read.notes import parse_note
from kamervragen.generate.pages import pages
from kamervragen.views import numbers_label, position_item
from search_support import REPO

NOTES = REPO / "notes"


def archive(internal: bool):
    result, problems = load_archive(NOTES, NOTES / "themas.yml", STAFF if internal else PUBLIC)
    assert not problems
    return result


def test_seed_notes_record_the_memos_kern_as_positions():
    a = archive(internal=False)
    by_kenmerk = {n.kenmerk: a.positions(n) for n in a.notes}
    assert len(by_kenmerk["2025Z21156"]) == 6 and len(by_kenmerk["2026Z00186"]) == 8
    first = by_kenmerk["2025Z21156"][0]
    assert first.vragen == (2, 3, 4, 5, 6) and "onacceptabel" in first.tekst


def test_register_is_newest_first_and_links_to_the_answer():
    a = archive(internal=False)
    register = a.positions_by_theme["bedreiging-en-intimidatie"]
    dates = [note.date for note, _ in register]
    assert dates == sorted(dates, reverse=True) and len({n.kenmerk for n, _ in register}) == 2
    for note, position in register:
        item = position_item(note, position)
        anchor = item.url.split("#")[1]
        assert item.url.startswith(f"vragen/{note.kenmerk}/#")
        assert anchor == f"antwoord-{position.vragen[0]}"
        assert str(position.vragen[0]) in note.body.numbers("antwoord")


def test_internal_positions_only_in_the_internal_archive():
    public, internal = archive(internal=False), archive(internal=True)
    note = public.by_kenmerk["2026Z00186"]
    assert all(not p.intern for p in public.positions(note))
    assert any(p.intern for p in internal.positions(internal.by_kenmerk["2026Z00186"]))
    texts = {p.tekst for _, p in public.positions_by_theme["online-dreiging"]}
    assert not any("terrein van BZK" in t for t in texts)
    view = next(s for s in pages(public, 50, {}) if s.src == "themas/online-dreiging.md").view
    assert not any(p.intern for p in view["positions"])


def test_question_numbers_and_labels_round_trip():
    for text, numbers, label in [("2 t/m 6", [2, 3, 4, 5, 6], "vragen 2 t/m 6"), ("3 en 7", [3, 7], "vragen 3 en 7"),
                                 ("5", [5], "vraag 5"), ("4, 6 en 9", [4, 6, 9], "vragen 4, 6 en 9")]:
        assert question_numbers(text) == numbers
        assert numbers_label(tuple(numbers)) == label
    assert question_numbers("twee") is None


def test_position_naming_a_missing_question_is_an_error():
    text = (NOTES / "2026" / "2026Z00186.md").read_text(encoding="utf-8").replace("vragen: 3 en 7", "vragen: 3 en 17")
    note, problems = parse_note(text, "notes/2026/2026Z00186.md")
    assert note is None
    assert [(p.key, "17" in p.message) for p in problems] == [("standpunten", True)]


def test_theme_page_shows_the_register_with_working_links(search_site):
    site = search_site / "site"
    page = BeautifulSoup((site / "themas" / "bedreiging-en-intimidatie" / "index.html").read_text(), "html.parser")
    heading = page.find(id="kv-standpunten")
    assert heading is not None
    items = heading.find_next_sibling("ol").select("li.kv-position")
    assert len(items) == 6
    for li in items:
        href = li.select_one(".kv-position__source a")["href"]
        path, anchor = href.split("#")
        target = BeautifulSoup((site / "themas" / "bedreiging-en-intimidatie" / path / "index.html").resolve()
                               .read_text(), "html.parser")
        assert target.find(id=anchor) is not None, href
    times = [li.find("time")["datetime"] for li in items]
    assert times == sorted(times, reverse=True)
