"""The statistics page (kamervragen.generate.stats): counts, answer time against the term, and the charts.

Notes are small synthetic texts read by `parse_note`, so they pass the same validation as real
notes; no site is built. The page template is rendered with the plugin's escaping and filters,
Material's main.html replaced by a stub (conftest.template_env, as in test_deadlines.py).

The archive below, per year (days = from questions to answer; term = 21 days unless given):

    2097  A  answered after 10 days (on time)                      water          Partij Een
          B  answered after 31 days (late), one postponement        water, wonen   Partij Een, Partij Twee
          C  open, one postponement                                 water          Partij Een
    2098  (no sets: a row of zeros between the two years)
    2099  D  answered after exactly 21 days (on time: on the term)  wonen          Partij Twee (two members)
          E  internal, answered after 5 days (on time)              water          Interne Partij
          F  answered after 39 days, own term 44 days (on time)     water          HOSTILE_PARTY
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from functools import partial

import pytest

from conftest import soup, template_env, text
from kamervragen.audience import PUBLIC, STAFF
from kamervragen import charts
from kamervragen.generate import stats
from kamervragen.model import Archive
from kamervragen.read.themes import Theme
from note_factory import synthetic_note

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE_PARTY = '<script>alert("x")</script> & Co'
HOSTILE_THEME = "Wonen & <bouwen>"
THEMES = {
    "water": Theme("water", "Water", "Verzonnen thema."),
    "wonen": Theme("wonen", HOSTILE_THEME, "Thema met tekens die in XML iets betekenen."),
    "leeg": Theme("leeg", "Leeg thema", "Thema zonder vragensets."),
}
# Unless a note says otherwise: one asker of Partij Een, theme water.
make_note = partial(synthetic_note, themas=("water",), askers=(("Ünal", "Partij Een"),))


def after(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


D = dt.date
NOTES = [
    make_note("2097Z00001", D(2097, 1, 5), beantwoord=after(D(2097, 1, 5), 10)),                        # A
    make_note("2097Z00002", D(2097, 3, 1), beantwoord=after(D(2097, 3, 1), 31), themas=("water", "wonen"),
              askers=(("Ünal", "Partij Een"), ("De Vries", "Partij Twee")), uitstel=(D(2097, 3, 20),),
              termijn=after(D(2097, 3, 1), 7)),  # B: late even with its postponement (7 + 21 days < 31)
    make_note("2097Z00003", D(2097, 6, 1), uitstel=(D(2097, 6, 20),)),                                   # C
    make_note("2099Z00004", D(2099, 2, 1), beantwoord=after(D(2099, 2, 1), 21), themas=("wonen",),
              askers=(("Jansen", "Partij Twee"), ("Bakker", "Partij Twee"))),                           # D
    make_note("2099Z00005", D(2099, 3, 1), beantwoord=after(D(2099, 3, 1), 5), intern=True,
              askers=(("Geheim", "Interne Partij"),)),                                                   # E
    make_note("2099Z00006", D(2099, 4, 1), beantwoord=after(D(2099, 4, 1), 39),
              termijn=after(D(2099, 4, 1), 44), askers=(("Smit", HOSTILE_PARTY),)),                      # F
]


def archive(internal: bool = False, notes=NOTES) -> Archive:
    return Archive(list(notes), THEMES, STAFF if internal else PUBLIC)


@pytest.fixture(scope="module")
def public() -> dict:
    return stats.build(archive())


@pytest.fixture(scope="module")
def internal() -> dict:
    return stats.build(archive(internal=True))


def measures(m: stats.Measures) -> tuple:
    return (m.sets, m.answered, m.open, m.on_time, m.late, m.postponed, m.median_days, m.on_time_pct)


# --- numbers -------------------------------------------------------------------------------

def test_per_year_oldest_first_with_empty_years_between(public):
    assert [(r.name, r.url) for r in public["years"]] == [
        ("2097", "jaren/2097/"), ("2098", ""), ("2099", "jaren/2099/")]
    assert [measures(r.m) for r in public["years"]] == [
        (3, 2, 1, 1, 1, 2, 20.5, 50.0),        # median of 10 and 31; B late, B and C postponed
        (0, 0, 0, 0, 0, 0, None, None),
        (2, 2, 0, 2, 0, 0, 30, 100.0),         # D on the term day is on time; F within its own term
    ]


def test_overall(public):
    o = public["overall"]
    assert measures(o) == (5, 4, 1, 3, 1, 2, 26, 75.0)  # days 10, 21, 31, 39
    assert (o.median_label, o.on_time_label) == ("26", "75%")


def test_per_theme_most_sets_first_with_links(public):
    rows = public["themes"]
    assert [(r.name, r.url) for r in rows] == [
        ("Water", "themas/water/"), (HOSTILE_THEME, "themas/wonen/"), ("Leeg thema", "themas/leeg/")]
    water, wonen, leeg = (r.m for r in rows)
    assert measures(water)[:6] == (4, 3, 1, 2, 1, 2)  # A, B, C, F
    assert water.median_days == 31 and water.on_time_pct == pytest.approx(200 / 3)
    assert water.on_time_label == "67%"  # exact in the data, rounded on the page
    assert measures(wonen) == (2, 2, 0, 1, 1, 1, 26, 50.0)  # a set with two themes counts for both
    assert measures(leeg) == (0, 0, 0, 0, 0, 0, None, None)
    assert (leeg.median_label, leeg.on_time_label) == ("—", "—")


def test_answers_without_a_date_count_as_answered_but_never_as_on_time_or_late():
    undated = make_note("2099Z00011", D(2099, 1, 5), answers=True, uitstel=(D(2099, 1, 20),))
    assert undated.status == "beantwoord-datum-onbekend"
    view = stats.build(archive(notes=[undated, NOTES[0], NOTES[2]]))  # with A (on time) and C (open)
    o = view["overall"]
    assert measures(o) == (3, 2, 1, 1, 0, 2, 10, 100.0) and o.undated == 1
    assert measures(view["years"][-1].m) == (1, 1, 0, 0, 0, 1, None, None)


def test_per_party_once_per_set_most_first(public):
    assert [(r.name, r.url, r.sets) for r in public["parties"]] == [
        ("Partij Een", "partijen/partij-een/", 3),
        ("Partij Twee", "partijen/partij-twee/", 2),     # D's two members of one party count once
        (HOSTILE_PARTY, "partijen/script-alert-x-script-co/", 1),
    ]


def test_internal_sets_count_only_in_the_internal_archive(public, internal):
    assert public["overall"].sets == 5 and internal["overall"].sets == 6
    assert measures(internal["overall"]) == (6, 5, 1, 4, 1, 2, 21, 80.0)  # days 5, 10, 21, 31, 39
    assert measures(internal["years"][2].m) == (3, 3, 0, 3, 0, 0, 21, 100.0)
    assert "Interne Partij" in [r.name for r in internal["parties"]]
    assert "Interne Partij" not in [r.name for r in public["parties"]]
    assert internal["themes"][0].m.sets == 5 and public["themes"][0].m.sets == 4
    assert public["internal"] is False and internal["internal"] is True
    for chart in public["charts"].values():
        assert "Interne Partij" not in (chart.svg or "")


def test_number_labels():
    assert charts.number_label(20.5) == "20,5"
    assert charts.number_label(26) == "26"
    assert charts.number_label(1234) == "1.234"
    assert charts.number_label(None) == "—"
    assert charts.percent_label(62.5) == "63%"  # half up, not Python's round-half-even
    assert charts.percent_label(200 / 3) == "67%"
    assert charts.percent_label(0.0) == "0%"
    assert charts.percent_label(None) == "—"


def test_empty_archive():
    view = stats.build(archive(notes=[]))
    assert measures(view["overall"]) == (0, 0, 0, 0, 0, 0, None, None)
    assert view["years"] == [] and view["parties"] == []
    assert [r.m.sets for r in view["themes"]] == [0, 0, 0]
    assert all(c.svg is None for c in view["charts"].values())


def test_no_answered_sets_means_no_answer_time():
    view = stats.build(archive(notes=[NOTES[2]]))  # C: open
    o = view["overall"]
    assert (o.sets, o.open, o.median_days, o.on_time_pct) == (1, 1, None, None)
    assert (o.median_label, o.on_time_label) == ("—", "—")
    charts = view["charts"]
    assert charts["sets_per_year"].svg is not None
    assert charts["median_per_year"].svg is None and charts["on_time_per_year"].svg is None


# --- charts --------------------------------------------------------------------------------

def test_each_chart_shows_the_numbers_of_its_table(public):
    years, themes, parties, charts = public["years"], public["themes"], public["parties"], public["charts"]
    tables = {"years": ("kv-tabel-jaren", years), "themes": ("kv-tabel-themas", themes),
              "parties": ("kv-tabel-partijen", parties)}
    expected = {
        "sets_per_year": ("years", [r.m.sets for r in years]),
        "median_per_year": ("years", [r.m.median_days for r in years]),
        "on_time_per_year": ("years", [r.m.on_time_pct for r in years]),
        "sets_per_theme": ("themes", [r.m.sets for r in themes]),
        "sets_per_party": ("parties", [r.sets for r in parties]),
    }
    assert set(charts) == set(expected)
    for key, (table, values) in expected.items():
        chart = charts[key]
        table_id, rows = tables[table]
        assert chart.table == table_id == public["tables"][table][0]
        assert chart.table_title == public["tables"][table][1]
        assert list(chart.labels) == [r.name for r in rows], key
        assert list(chart.series[0].values) == values, key
    assert charts["median_per_year"].series[1].values == (21, 21, 21)  # the reference line


def test_chart_values_are_drawn(public):
    """The printed values in each SVG are the table's numbers, rounded the same way."""
    def printed(key):
        root = ET.fromstring(public["charts"][key].svg)
        return [t.text for t in root.iter(f"{SVG}text") if "value" in t.get("class", "").split() and t.text]
    assert printed("sets_per_year") == ["3", "0", "2"]
    assert printed("median_per_year") == ["20,5", "30"]
    assert printed("on_time_per_year") == ["50%", "100%"]
    assert sorted(printed("sets_per_party")) == ["1", "2", "3"]


@pytest.mark.parametrize("key", ["sets_per_year", "median_per_year", "on_time_per_year", "sets_per_theme",
                                 "sets_per_party"])
def test_chart_svg_is_static_accessible_xml(public, key):
    chart = public["charts"][key]
    root = ET.fromstring(chart.svg)  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-label") == chart.label and chart.table_title in chart.label
    assert root.get("id") == f"chart-{chart.id}"
    assert root[0].tag == f"{SVG}title" and root[0].text == chart.title
    assert [t.text for t in root.iter(f"{SVG}title")] == [chart.title]  # no tooltip titles
    assert root.get("width") is None and root.get("viewBox")  # scales with the page
    for name in ("script", "foreignObject", "image", "a", "use", "desc"):
        assert not list(root.iter(f"{SVG}{name}")), name
    svg = chart.svg
    assert "<script" not in svg.lower() and "javascript" not in svg.lower()
    assert re.findall(r"https?://[^\s\"'<>]*", svg) == ["http://www.w3.org/2000/svg"]  # the namespace only
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg
    for reference in ("href", "xlink", "@import", "url(", "<!--", "<?xml", "pygal.org"):
        assert reference not in svg, reference
    assert "transparent" in svg and "currentColor" in svg  # follows the page's colour scheme
    assert not re.search(r"fill:\s*(#fff|white|black|#000)\b", svg)


def test_hostile_names_are_escaped_in_charts(public):
    party = public["charts"]["sets_per_party"].svg
    assert "&lt;script&gt;alert(" in party and "<script" not in party
    texts = [t.text for t in ET.fromstring(party).iter(f"{SVG}text")]
    assert charts.shorten(HOSTILE_PARTY) in texts  # the name itself (shortened to fit), shown as text
    theme = public["charts"]["sets_per_theme"].svg
    assert "Wonen &amp; &lt;bouwen&gt;" in theme and "<bouwen>" not in theme
    assert HOSTILE_THEME in [t.text for t in ET.fromstring(theme).iter(f"{SVG}text")]


def test_horizontal_charts_put_the_first_row_on_top(public):
    root = ET.fromstring(public["charts"]["sets_per_theme"].svg)
    labels = {t.text: float(t.get("y")) for t in root.iter(f"{SVG}text") if t.text in
              {"Water", HOSTILE_THEME, "Leeg thema"}}
    assert labels["Water"] < labels[HOSTILE_THEME] < labels["Leeg thema"]


def test_long_names_are_shortened_in_the_chart_only():
    long = "Een heel erg lang thema over de ondersteuning van gemeenten bij maatschappelijke onrust"
    note = make_note("2099Z00009", D(2099, 1, 1), themas=("lang",))
    view = stats.build(Archive([note], {"lang": Theme("lang", long, "Lang.")}, PUBLIC))
    shown = charts.shorten(long)
    assert shown.endswith("…") and len(shown) <= charts.LABEL_CHARS and long.startswith(shown[:-1])
    texts = [t.text for t in ET.fromstring(view["charts"]["sets_per_theme"].svg).iter(f"{SVG}text")]
    assert shown in texts and long not in texts
    assert view["charts"]["sets_per_theme"].labels == (long,) and view["themes"][0].name == long


def test_many_years_get_fewer_axis_labels_and_no_numbers_on_the_bars():
    notes = [make_note(f"{y}Z{y:05d}", D(y, 1, 1), beantwoord=D(y, 1, 30)) for y in range(2000, 2030)]
    view = stats.build(archive(notes=notes))
    for key in ("sets_per_year", "median_per_year", "on_time_per_year"):
        chart = view["charts"][key]
        assert len(chart.labels) == 30  # the data (and the table) keep every year
        texts = list(ET.fromstring(chart.svg).iter(f"{SVG}text"))
        years = [t.text for t in texts if t.text and re.fullmatch(r"20\d\d", t.text)]
        assert "2000" in years and len(years) <= charts.MANY_YEARS, key
        assert not [t for t in texts if "value" in t.get("class", "").split() and t.text], key


def test_charts_are_reproducible():
    first, second = stats.build(archive()), stats.build(archive())
    assert [c.svg for c in first["charts"].values()] == [c.svg for c in second["charts"].values()]


def test_chart_ids_are_unique(public):
    ids = [c.id for c in public["charts"].values()] + [f"chart-{c.id}" for c in public["charts"].values()]
    assert len(ids) == len(set(ids))


# --- the page ------------------------------------------------------------------------------

@pytest.fixture()
def render():
    """stats.html with the plugin's escaping and filters; Material's main.html replaced by a stub."""
    env = template_env()

    def run(view):
        html = env.get_template("kamervragen/stats.html").render(kv=view, page={"title": stats.TITLE},
                                                                  config={"site_name": "Test"})
        return html, soup(html)
    return run


def test_page_figures_and_tables(render, public):
    html, page = render(public)
    assert text(page.h1) == "Statistieken"
    assert "Deze cijfers gaan over de vragensets in dit archief" in text(page)
    assert "openbare" not in text(page) and "intern" not in text(page).lower()
    assert page.find("script") is None and "<script>" not in html
    figures = page.find_all("figure")
    assert [f["id"] for f in figures] == [c.id for c in public["charts"].values()]
    for figure, chart in zip(figures, public["charts"].values()):
        svg = figure.find("svg")
        assert svg["role"] == "img" and svg["aria-label"] == chart.label
        assert text(figure.figcaption).startswith(chart.title)
        link = figure.figcaption.find("a")
        assert link["href"] == f"#{chart.table}"
        table = page.find("table", id=chart.table)
        assert table is not None and text(table.caption) == chart.table_title
    for table in page.find_all("table"):
        assert all(th.get("scope") in {"col", "row"} for th in table.find_all("th"))
        assert table.caption is not None and table.thead is not None


def test_page_tables_hold_the_numbers(render, public):
    _, page = render(public)
    years = page.find("table", id="kv-tabel-jaren")
    assert [text(th) for th in years.thead.find_all("th")] == [
        "Jaar", "Vragensets", "Beantwoord", "Open", "Mediane antwoordtijd (dagen)", "Op tijd", "Te laat",
        "Met uitstel"]
    rows = [[text(c) for c in tr.find_all(["th", "td"])] for tr in years.tbody.find_all("tr")]
    assert rows == [["2097", "3", "2", "1", "20,5", "50%", "1", "2"],
                    ["2098", "0", "0", "0", "—", "—", "0", "0"],
                    ["2099", "2", "2", "0", "30", "100%", "0", "0"]]
    assert years.tbody.find("a", string="2097")["href"] == "/jaren/2097/"
    assert years.tbody.find_all("tr")[1].find("a") is None  # no page for a year without sets
    themes = page.find("table", id="kv-tabel-themas")
    assert themes.tbody.find("a", string=HOSTILE_THEME)["href"] == "/themas/wonen/"
    parties = page.find("table", id="kv-tabel-partijen")
    assert [[text(c) for c in tr.find_all(["th", "td"])] for tr in parties.tbody.find_all("tr")] == [
        ["Partij Een", "3"], ["Partij Twee", "2"], [HOSTILE_PARTY, "1"]]
    facts = page.find("dl", class_="kv-facts")
    assert "26 dagen" in text(facts) and "75% (3 van de 4 beantwoorde vragensets)" in text(facts)


def test_internal_page_says_it_counts_internal_sets(render, internal):
    _, page = render(internal)
    assert "ook de interne vragensets" in text(page)
    assert "Interne Partij" in text(page.find("table", id="kv-tabel-partijen"))


def test_page_of_an_empty_archive(render):
    _, page = render(stats.build(archive(notes=[])))
    assert "nog geen vragensets" in text(page)
    assert page.find("figure") is None and page.find("table") is None


def test_page_with_undated_answers_only(render):
    """As the seed notes: the answers are in the notes, the dates of the letters are not."""
    notes = [make_note(f"2099Z0001{i}", D(2099, 1, 5), answers=True) for i in (1, 2)]
    _, page = render(stats.build(archive(notes=notes)))
    facts = page.find("dl", class_="kv-facts")
    assert "Beantwoord 2 (bij 2 daarvan staat de datum van het antwoord niet in het archief)" in text(facts)
    assert "Nog open 0" in text(facts)
    assert "— (van geen enkel antwoord is de datum bekend)" in text(facts)
    assert "Van geen enkel antwoord is de datum bekend, dus er is nog geen antwoordtijd" in text(page)


def test_page_without_answered_sets(render):
    _, page = render(stats.build(archive(notes=[NOTES[2]])))
    assert [f["id"] for f in page.find_all("figure")] == [
        "kv-grafiek-jaren", "kv-grafiek-themas", "kv-grafiek-partijen"]
    assert "nog geen antwoordtijd" in text(page)
