"""The deadline board and calendar feed (kamervragen.generate.deadlines), with a fixed 'today'.

Notes are small synthetic texts read by `parse_note`, so they pass the same validation as real
notes; no site is built. TODAY is fixed; every deadline below is relative to it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import icalendar
import pytest

from conftest import soup, template_env, text
from kamervragen.audience import PUBLIC, STAFF
from kamervragen import dates
from kamervragen.generate import deadlines
from kamervragen.generate.deadlines import board, calendar, effective_deadline, state_label
from kamervragen.model import Archive
from kamervragen.read.themes import Theme
from kamervragen.site import Output
from note_factory import context, synthetic_note as make_note

TODAY = dt.date(2099, 3, 1)
THEMES = {"proef": Theme("proef", "Proefthema", "Verzonnen thema."),
          "dijk": Theme("dijk", "Dijken, sluizen; gemalen", "Thema met leestekens.")}
SITE_URL = "https://intern.example.org/archief/"


def days_before(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


# Deadline relative to TODAY (gesteld + 21, plus 21 per postponement):
NOTES = [
    make_note("2099Z00010", days_before(21 - 5)),                               # in 5 days
    make_note("2099Z00011", days_before(21)),                                   # today
    make_note("2099Z00012", days_before(21 + 3)),                               # 3 days over
    make_note("2099Z00013", days_before(21 + 10), uitstel=(days_before(12),)),  # postponed: in 11 days
    make_note("2099Z00014", days_before(21 + 1)),                               # 1 day over
    make_note("2099Z00015", days_before(40), beantwoord=days_before(2)),        # answered late: left out
    make_note("2099Z00016", days_before(21 - 2), intern=True),                  # internal, in 2 days
    make_note("2099Z00017", days_before(21 - 5)),                               # in 5 days, after ...10
]


def archive(internal: bool = True, notes=NOTES) -> Archive:
    return Archive(list(notes), THEMES, STAFF if internal else PUBLIC)


def by_kenmerk(rows) -> dict:
    return {r.kenmerk: r for r in rows}


# --- the board ---------------------------------------------------------------------------------

def test_order_is_nearest_deadline_first_overdue_first_then_kenmerk():
    rows = board(archive(), TODAY)
    assert [r.kenmerk for r in rows] == [
        "2099Z00012", "2099Z00014", "2099Z00011", "2099Z00016", "2099Z00010", "2099Z00017", "2099Z00013"]
    assert [r.days_left for r in rows] == [-3, -1, 0, 2, 5, 5, 11]
    assert [r.deadline for r in rows] == sorted(r.deadline for r in rows)


def test_labels_overdue_today_and_days_left():
    rows = by_kenmerk(board(archive(), TODAY))
    assert rows["2099Z00012"].state == "Te laat: 3 dagen over de termijn"
    assert rows["2099Z00014"].state == "Te laat: 1 dag over de termijn"
    assert rows["2099Z00011"].state == "Vandaag"
    assert rows["2099Z00010"].state == "Nog 5 dagen"
    assert [k for k, r in rows.items() if r.overdue] == ["2099Z00012", "2099Z00014"]
    assert rows["2099Z00011"].css == "vandaag" and rows["2099Z00012"].css == "te-laat"
    assert state_label(1) == "Nog 1 dag"


def test_postponed_deadline_is_term_plus_three_weeks():
    note = next(n for n in NOTES if n.kenmerk == "2099Z00013")
    assert note.termijn == note.gesteld + dt.timedelta(days=21)
    assert effective_deadline(note) == note.termijn + dt.timedelta(days=21) == note.gesteld + dt.timedelta(weeks=6)
    r = by_kenmerk(board(archive(), TODAY))["2099Z00013"]
    assert (r.termijn, r.deadline, r.days_left) == (note.termijn, note.termijn + dt.timedelta(days=21), 11)
    assert r.postponed == "Uitgesteld" and not r.overdue
    assert all(x.postponed == "" for x in board(archive(), TODAY) if x.kenmerk != "2099Z00013")


def test_each_postponement_notice_adds_three_weeks_to_an_explicit_term():
    twice = make_note("2099Z00020", days_before(60), termijn=days_before(50),
                      uitstel=(days_before(50), days_before(29)))
    assert effective_deadline(twice) == days_before(50) + dt.timedelta(days=42)
    r = board(archive(notes=[twice]), TODAY)[0]
    assert (r.days_left, r.postponed) == (-8, "Uitgesteld (2 keer)")
    assert r.state == "Te laat: 8 dagen over de termijn"


def test_answered_sets_are_left_out_even_when_late():
    assert "2099Z00015" not in by_kenmerk(board(archive(), TODAY))
    assert board(archive(notes=[NOTES[5]]), TODAY) == []


def test_internal_sets_only_on_the_internal_board():
    assert "2099Z00016" in by_kenmerk(board(archive(internal=True), TODAY))
    public = by_kenmerk(board(archive(internal=False), TODAY))
    assert "2099Z00016" not in public and len(public) == 6
    assert by_kenmerk(board(archive(), TODAY))["2099Z00016"].internal


def test_row_links_ministers_and_themes():
    note = make_note("2099Z00030", days_before(1), themas=("dijk", "proef"), beantwoord_door="staatssecretaris Proef")
    r = board(archive(notes=[note]), TODAY)[0]
    assert r.url == "vragen/2099Z00030/"
    assert [(m.text, m.url) for m in r.gericht_aan] == [
        ("minister van Verzonnen Zaken", "bewindspersonen/minister-van-verzonnen-zaken/")]
    assert (r.beantwoord_door.text, r.beantwoord_door.url) == ("staatssecretaris Proef", "bewindspersonen/staatssecretaris-proef/")
    assert [(t.text, t.url) for t in r.themes] == [("Dijken, sluizen; gemalen", "themas/dijk/"), ("Proefthema", "themas/proef/")]
    assert r.askers == "Ünal (Proefpartij)"
    _, events = parsed(calendar(archive(notes=[note]), TODAY))
    assert "Beantwoording door: staatssecretaris Proef" in str(events["2099Z00030@kamervragen-archief"]["description"])


def test_view_and_page_spec():
    v = deadlines.view(archive(), TODAY, SITE_URL)
    assert (v["today"], v["overdue"], v["feed"]) == (TODAY, 2, "termijnen.ics")
    assert v["feed_url"] == "https://intern.example.org/archief/termijnen.ics"
    assert deadlines.view(archive(), TODAY)["feed_url"] is None
    out = deadlines.generate(context(archive(), TODAY))
    [page] = out.pages
    assert (page.src, page.url, page.template) == ("termijnen/index.md", "termijnen/", "deadlines")
    assert '"template": "kamervragen/deadlines.html"' in page.content()
    assert list(out.files) == ["termijnen.ics"]
    assert deadlines.generate(context(archive(internal=False), TODAY)) == Output()  # staff only


def test_today_is_the_date_in_the_netherlands():
    late_utc = dt.datetime(2099, 3, 1, 23, 30, tzinfo=dt.timezone.utc)  # 00:30 on 2 March in Amsterdam
    assert dates.today(late_utc) == dt.date(2099, 3, 2)


# --- the calendar feed -------------------------------------------------------------------------

def parsed(data: bytes) -> tuple[icalendar.Calendar, dict[str, icalendar.Event]]:
    cal = icalendar.Calendar.from_ical(data)
    return cal, {str(e["uid"]): e for e in cal.walk("VEVENT")}


def test_calendar_parses_back_with_one_event_per_open_set():
    cal, events = parsed(calendar(archive(), TODAY, SITE_URL))
    assert str(cal["version"]) == "2.0" and str(cal["prodid"])
    assert str(cal["x-wr-calname"]) == "Termijnen Kamervragen"
    rows = board(archive(), TODAY)
    assert list(events) == [f"{r.kenmerk}@kamervragen-archief" for r in rows]
    for r in rows:
        event = events[f"{r.kenmerk}@kamervragen-archief"]
        start, end = event.decoded("dtstart"), event.decoded("dtend")
        assert type(start) is dt.date and start == r.deadline  # all-day: a DATE, not a DATE-TIME
        assert end == r.deadline + dt.timedelta(days=1)
        assert event.decoded("dtstamp") == dt.datetime(2099, 3, 1, tzinfo=dt.timezone.utc)
        assert str(event["url"]) == f"https://intern.example.org/archief/vragen/{r.kenmerk}/"
        assert event.walk("VALARM"), "a reminder before the deadline"
    postponed = events["2099Z00013@kamervragen-archief"]
    assert postponed.decoded("dtstart") == TODAY + dt.timedelta(days=11)
    assert int(postponed["sequence"]) == 1
    description = str(postponed["description"])
    assert "Ünal (Proefpartij)" in description and "minister van Verzonnen Zaken" in description
    assert "Uitstel gemeld" in description
    assert "2099Z00015@kamervragen-archief" not in events  # answered


def test_calendar_escapes_special_characters_and_round_trips():
    titel = "Dijken, sluizen; gemalen \\ en meer"
    note = make_note("2099Z00040", days_before(3), titel=titel, themas=("dijk",))
    data = calendar(archive(notes=[note]), TODAY, SITE_URL)
    unfolded = data.replace(b"\r\n ", b"")
    assert b"SUMMARY:Termijn 2099Z00040: Dijken\\, sluizen\\; gemalen \\\\ en meer\r\n" in unfolded
    _, events = parsed(data)
    event = events["2099Z00040@kamervragen-archief"]
    assert str(event["summary"]) == f"Termijn 2099Z00040: {titel}"
    assert [str(c) for c in event["categories"].cats] == ["Dijken, sluizen; gemalen"]  # one category, not three
    assert "Thema's: Dijken, sluizen; gemalen" in str(event["description"])  # newlines inside, escaped
    assert "\n" in str(event["description"]) and b"\\n" in unfolded


def test_calendar_newline_in_a_title_stays_inside_the_summary():
    # A YAML block scalar can give a title a newline; it must not end the property.
    note = replace(make_note("2099Z00041", days_before(3)), titel="Eerste regel\nBEGIN:VEVENT")
    cal, events = parsed(calendar(archive(notes=[note]), TODAY))
    assert len(events) == 1
    assert str(events["2099Z00041@kamervragen-archief"]["summary"]) == "Termijn 2099Z00041: Eerste regel\nBEGIN:VEVENT"


def test_calendar_without_site_url_has_no_url_and_is_deterministic():
    first = calendar(archive(), TODAY)
    assert first == calendar(archive(), TODAY)
    _, events = parsed(first)
    assert len(events) == 7 and all("url" not in e for e in events.values())
    assert calendar(archive(), TODAY, SITE_URL) == calendar(archive(), TODAY, SITE_URL)
    assert first.startswith(b"BEGIN:VCALENDAR\r\n") and first.endswith(b"END:VCALENDAR\r\n")


def test_calendar_of_an_archive_without_open_sets_is_valid_and_empty():
    cal, events = parsed(calendar(archive(notes=[NOTES[5]]), TODAY))
    assert events == {} and str(cal["x-wr-calname"]) == "Termijnen Kamervragen"


def test_public_archive_feed_leaves_internal_sets_out():
    _, events = parsed(calendar(archive(internal=False), TODAY))
    assert "2099Z00016@kamervragen-archief" not in events and len(events) == 6


# --- the template ------------------------------------------------------------------------------

@pytest.fixture()
def render():
    """deadlines.html with the plugin's escaping and filters; Material's main.html replaced by a stub."""
    env = template_env()

    def run(notes, site_url=None):
        page = {"title": "Termijnen"}
        html = env.get_template("kamervragen/deadlines.html").render(
            kv=deadlines.view(archive(notes=notes), TODAY, site_url), page=page, config={"site_name": "Test"})
        return soup(html)
    return run


def test_board_page_table(render):
    nasty = make_note("2099Z00050", days_before(30), titel="<script>alert(1)</script> & co")
    page = render([*NOTES, nasty], SITE_URL)
    table = page.find("table")
    assert text(table.caption).startswith("8 open vragensets")
    assert [text(th) for th in table.thead.find_all("th")] == ["Termijn", "Dagen", "Kenmerk en titel", "Bewindspersoon", "Thema's"]
    assert all(th["scope"] == "col" for th in table.thead.find_all("th"))
    body = table.tbody.find_all("tr")
    assert [tr["data-kenmerk"] for tr in body][:3] == ["2099Z00050", "2099Z00012", "2099Z00014"]
    first = body[0]
    assert "Te laat: 9 dagen over de termijn" in text(first)  # in words, not colour alone
    assert first.find("a", string="<script>alert(1)</script> & co")["href"] == "/vragen/2099Z00050/"
    assert page.find("script") is None
    postponed = next(tr for tr in body if tr["data-kenmerk"] == "2099Z00013")
    assert "Uitgesteld" in text(postponed) and "oorspronkelijk" in text(postponed)
    assert "Vandaag" in text(next(tr for tr in body if tr["data-kenmerk"] == "2099Z00011"))
    feed = page.find("a", type="text/calendar")
    assert feed["href"] == "/termijnen.ics"
    assert "https://intern.example.org/archief/termijnen.ics" in text(page)
    assert "1 maart 2099" in text(page)


def test_board_page_without_open_sets(render):
    page = render([NOTES[5]])
    assert page.find("table") is None
    assert "geen open vragensets" in text(page)
