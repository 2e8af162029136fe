"""Tests against the fixture site (tests/fixtures/site), built once per session by conftest.

Fixture notes (all synthetic), newest first by listing date (answer date, else question date):

    2099Z00006 F  te-laat     't Hart        weerbaar-bestuur           gerelateerd: 2099Z00007 (internal)
    2099Z00005 E  beantwoord  Jansen         omo, weerbaar-bestuur      gerelateerd: 2099Z00003
    2099Z00004 D  open        Van der Meer   omo                        internal block mentions 2099Z00005
    2099Z00003 C  uitgesteld  Ünal           digitale-dijken, omo       mentions 2098Z00002
    2098Z00008 H  beantwoord  Ünal, Jansen   digitale-dijken, netwerk   title with HTML characters
    2098Z00002 B  te-laat     't Hart, Ünal  digitale-dijken            gerelateerd + mentions 2098Z00001
    2098Z00001 A  beantwoord  Ünal           digitale-dijken, weerbaar-bestuur
    2099Z00007 G  internal set (zichtbaarheid: intern): never in the public build
"""

from __future__ import annotations

from datetime import date
import json
import re

import pytest
import yaml

from conftest import FIXTURE_SITE, article, search_files, search_json, soup, template_env, text
from kamervragen.audience import PUBLIC
from kamervragen.model import Archive
from kamervragen.generate.pages import set_page
from kamervragen.read.themes import Theme
from note_factory import synthetic_note
from search_support import harness

ORDER = ["2099Z00006", "2099Z00005", "2099Z00004", "2099Z00003", "2098Z00008", "2098Z00002", "2098Z00001"]
CANARIES = ["KANARIE-INTERN-7F3A", "zwijgkanarie7f3a", "KANARIE-REFERENTIE-19B2", "KANARIE-GEHEIME-SET",
            "geheimkanarie9b1c", "2099Z00007", "Geheimlid", "Verborgen Partij", "Geheime Zaken",
            "verborgen-partij", "geheimlid"]
# Single tokens that the search analysis keeps as they are (checked below), so a leak into the
# search index's shards would show up as a term.
CANARY_TERMS = ["zwijgkanarie7f3a", "geheimkanarie9b1c", "geheimlid"]


def set_url(kenmerk: str) -> str:
    return f"vragen/{kenmerk}/"


def facts(page) -> dict[str, str]:
    """The facts block of a set page (or of a rendered set template) as {label: text}."""
    dl = (page.select_one("article.md-content__inner") or page).select_one("dl.kv-facts")
    assert dl is not None
    return {text(dt): text(dt.find_next_sibling("dd")) for dt in dl.find_all("dt")}


def fact_links(page, label: str) -> list[tuple[str, str]]:
    dl = article(page).select_one("dl.kv-facts")
    dt = next(d for d in dl.find_all("dt") if text(d) == label)
    return [(text(a), a["href"]) for a in dt.find_next_sibling("dd").find_all("a")]


def listed(page, heading_id: str | None = None) -> list[str]:
    """Kenmerken of the sets listed on a page, or under a template heading (see TEMPLATE_HEADINGS)."""
    root = article(page)
    if heading_id:
        heading = template_heading(page, heading_id)
        assert heading is not None, f"no #{heading_id}"
        nxt = heading.find_next_sibling(["ol", "p", "h2"])
        if nxt is None or nxt.name != "ol":
            return []
        root = nxt
    return [text(k) for k in root.select("li.kv-item .kv-kenmerk")]


TEMPLATE_HEADINGS = {"gerelateerd": "Gerelateerde vragen", "verwijzingen": "Verwijzingen naar deze vragen",
                     "nieuwste": "Nieuwste vragen", "themas": "Thema's"}


def template_heading(page, key: str):
    """A heading of the page template (a direct child of the article, not one from the note body)."""
    found = [h for h in article(page).find_all("h2", recursive=False) if text(h) == TEMPLATE_HEADINGS[key]]
    assert len(found) == 1, f"heading {TEMPLATE_HEADINGS[key]!r} found {len(found)} times"
    return found[0]


def listing_dates(page) -> list[str]:
    return [t["datetime"] for t in article(page).select("li.kv-item time")]


def body_links(page) -> list[tuple[str, str]]:
    return [(text(a), a["href"]) for a in article(page).select("div.kv-body a:not(.headerlink)")]


def all_pages(site, first_url: str) -> list:
    """A paged listing, following its 'next' links."""
    pages, url = [], first_url
    seen = set()
    while url is not None:
        target = site.path(url)
        assert target not in seen
        seen.add(target)
        page = site.page(str(target.relative_to(site.root)))
        pages.append(page)
        nxt = article(page).select_one("nav.kv-pager a[rel=next]")
        if nxt is None:
            break
        resolved, _ = site.resolve(target, nxt["href"])
        url = str(resolved.relative_to(site.root))
    return pages


# --- the build ----------------------------------------------------------------------------------


def test_build_is_clean(site):
    assert site.warnings == []


EXPECTED_PAGES = [
    "", "zoeken/", "over/", "notitieformaat/", "overzicht/", "overzicht/pagina/2/", "overzicht/pagina/3/",
    *[set_url(k) for k in ORDER],
    "themas/", "themas/digitale-dijken/", "themas/digitale-dijken/pagina/2/", "themas/weerbaar-bestuur/",
    "themas/netwerk-weerbaar-bestuur/", "themas/omo/", "themas/maanlandbouw/",
    "kamerleden/", "kamerleden/unal/", "kamerleden/unal/pagina/2/", "kamerleden/t-hart/", "kamerleden/jansen/",
    "kamerleden/van-der-meer/",
    "partijen/", "partijen/partij-voor-de-proef/", "partijen/fictiepartij/", "partijen/partij-van-de-verbeelding/",
    "bewindspersonen/", "bewindspersonen/minister-van-verzonnen-zaken/",
    "bewindspersonen/minister-van-denkbeeldige-financien/", "bewindspersonen/staatssecretaris-van-fantasie/",
    "jaren/", "jaren/2099/", "jaren/2098/",
]


@pytest.mark.parametrize("url", EXPECTED_PAGES)
def test_page_exists(site, url):
    page = site.page(url)
    assert article(page).find("h1") is not None


def test_no_unexpected_generated_pages(site):
    sets = sorted(p.parent.name for p in (site.root / "vragen").glob("*/index.html"))
    assert sets == sorted(ORDER)
    assert not (site.root / "vragen" / "2099Z00007").exists()
    assert not (site.root / "overzicht" / "pagina" / "4").exists()
    assert not (site.root / "themas" / "digitale-dijken" / "pagina" / "3").exists()


# --- set pages ----------------------------------------------------------------------------------


def test_set_page_heading_and_title(site):
    page = site.page(set_url("2098Z00002"))
    assert text(article(page).h1) == "Late antwoorden over de testpolder"
    assert text(article(page).select_one(".kv-kind .kv-kenmerk")) == "2098Z00002"
    assert text(page.title) == "Late antwoorden over de testpolder (2098Z00002) - Kamervragen-archief (testsite)"
    assert article(page).select_one(".kv-synthetic") is not None


def test_set_page_facts_late_with_postponement(site):
    page = site.page(set_url("2098Z00002"))
    f = facts(page)
    assert f["Status"] == "Te laat beantwoord"
    assert f["Gesteld"] == "4 mei 2098 (alle vragen uit 2098)"
    assert f["Vragenstellers"] == "'t Hart (Fictiepartij) Ünal (Partij voor de Proef)"
    assert f["Gericht aan"] == "minister van Verzonnen Zaken minister van Denkbeeldige Financiën"
    assert f["Beantwoord door"] == "minister van Verzonnen Zaken"
    assert f["Termijn"] == "25 mei 2098, met uitstel 15 juni 2098"  # three more weeks, still late
    assert f["Uitstel gemeld"] == "24 mei 2098"
    assert f["Beantwoord"] == "30 juni 2098, na 57 dagen"
    assert f["Thema's"] == "Digitale dijken"
    assert "Aanleiding" not in f and "Referentie ministerie" not in f
    assert article(page).select_one("dl.kv-facts time")["datetime"] == "2098-05-04"


def test_set_page_askers_link_to_member_and_party_pages(site):
    page = site.page(set_url("2098Z00002"))
    assert fact_links(page, "Vragenstellers") == [
        ("'t Hart", "../../kamerleden/t-hart/"), ("Fictiepartij", "../../partijen/fictiepartij/"),
        ("Ünal", "../../kamerleden/unal/"), ("Partij voor de Proef", "../../partijen/partij-voor-de-proef/")]
    assert fact_links(page, "Gericht aan") == [
        ("minister van Verzonnen Zaken", "../../bewindspersonen/minister-van-verzonnen-zaken/"),
        ("minister van Denkbeeldige Financiën", "../../bewindspersonen/minister-van-denkbeeldige-financien/")]
    assert fact_links(page, "Beantwoord door") == [
        ("minister van Verzonnen Zaken", "../../bewindspersonen/minister-van-verzonnen-zaken/")]
    assert fact_links(page, "Gesteld") == [("alle vragen uit 2098", "../../jaren/2098/")]
    assert fact_links(page, "Thema's") == [("Digitale dijken", "../../themas/digitale-dijken/")]


def test_single_asker_label(site):
    f = facts(site.page(set_url("2098Z00001")))
    assert f["Vragensteller"] == "Ünal (Partij voor de Proef)"
    assert "Vragenstellers" not in f


@pytest.mark.parametrize("kenmerk, status, label", [
    ("2098Z00001", "beantwoord", "Beantwoord"),
    ("2098Z00002", "te-laat", "Te laat beantwoord"),
    ("2099Z00003", "uitgesteld", "Uitgesteld"),
    ("2099Z00004", "open", "Open"),
    ("2099Z00005", "beantwoord", "Beantwoord"),
    ("2099Z00006", "te-laat", "Te laat beantwoord"),
    ("2098Z00008", "beantwoord", "Beantwoord"),
])
def test_status_labels(site, kenmerk, status, label):
    page = site.page(set_url(kenmerk))
    badge = article(page).select_one("dl.kv-facts .kv-status")
    assert text(badge) == label
    assert f"kv-status--{status}" in badge["class"]
    # the same status in the overview listing
    for listing in all_pages(site, "overzicht/"):
        for li in article(listing).select("li.kv-item"):
            if text(li.select_one(".kv-kenmerk")) == kenmerk:
                assert text(li.select_one(".kv-status")) == label


def test_list_dates_say_what_they_are(site):
    """An answered set is listed under its answer's date, an open one under its questions'."""
    metas = {text(li.select_one(".kv-kenmerk")): text(li.select_one(".kv-item__meta"))
             for listing in all_pages(site, "overzicht/") for li in article(listing).select("li.kv-item")}
    assert "beantwoord 20 maart 2098" in metas["2098Z00001"]
    assert "gesteld 10 februari 2099" in metas["2099Z00004"]
    assert all(re.search(r"· (gesteld|beantwoord) \d+ \w+ \d{4} ·", m) for m in metas.values()), metas


def test_set_with_answers_but_no_answer_date():
    """Answers in the note, no date of the letter (as in the seed notes): answered, date unknown."""
    note = synthetic_note("2099Z00011", date(2099, 1, 5), answers=True)
    spec = set_page(Archive([note], {"proef": Theme("proef", "Proef", "")}, PUBLIC), note, similar=[])
    html = template_env().get_template("kamervragen/set.html").render(
        kv=spec.view, page={"title": spec.title, "content": ""}, config={"site_name": "Test"})
    f = facts(soup(html))
    assert f["Status"] == "Beantwoord (datum onbekend)"
    assert f["Beantwoord"] == "Ja (de datum van de antwoordbrief staat niet in het archief)"


def test_default_term_and_dutch_dates(site):
    a = facts(site.page(set_url("2098Z00001")))
    assert a["Gesteld"].startswith("2 maart 2098")
    assert a["Termijn"] == "23 maart 2098"  # gesteld + 21 days
    assert a["Beantwoord"] == "20 maart 2098, na 18 dagen"
    assert a["Aanleiding"] == "Een verzonnen bericht over sensoren in proefdijken."
    c = facts(site.page(set_url("2099Z00003")))
    assert c["Gesteld"].startswith("9 januari 2099")
    assert c["Termijn"] == "30 januari 2099, met uitstel 20 februari 2099"  # three more weeks
    assert c["Uitstel gemeld"] == "28 januari 2099"
    assert c["Beantwoord"] == "Nog geen antwoord in het archief"
    f = facts(site.page(set_url("2099Z00006")))
    assert f["Termijn"] == "22 april 2099" and f["Beantwoord"] == "1 mei 2099, na 30 dagen"
    assert "Beantwoord door" not in f


def test_open_set_without_postponement(site):
    f = facts(site.page(set_url("2099Z00004")))
    assert f["Status"] == "Open"
    assert "Uitstel gemeld" not in f
    assert f["Beantwoord"] == "Nog geen antwoord in het archief"


def test_question_and_answer_anchors(site):
    body = article(site.page(set_url("2098Z00002"))).select_one("div.kv-body")
    ids = [h["id"] for h in body.find_all("h2")]
    assert ids == [f"{kind}-{n}" for n in range(1, 8) for kind in ("vraag", "antwoord")]
    assert [text(h).rstrip("¶").strip() for h in body.find_all("h2")][:2] == ["Vraag 1", "Antwoord 1"]


def test_open_set_has_only_question_anchors(site):
    body = article(site.page(set_url("2099Z00003"))).select_one("div.kv-body")
    assert [h["id"] for h in body.find_all("h2")] == ["vraag-1", "vraag-2"]


def test_set_page_escapes_title_and_aanleiding(site):
    page = site.page(set_url("2098Z00008"))
    assert text(article(page).h1) == 'Proef met <b>vet</b> & "aanhalingstekens"'
    assert article(page).h1.find("b") is None
    assert facts(page)["Aanleiding"] == "Een bericht met <i>opmaak</i> & een ampersand."


def test_header_escapes_title(site):
    topic = site.page(set_url("2098Z00008")).select_one(".md-header__topic[data-md-component=header-topic]")
    assert topic.find("b") is None
    assert text(topic) == 'Proef met <b>vet</b> & "aanhalingstekens" (2098Z00008)'


def test_listings_escape_titles(site):
    li = next(li for li in article(site.page("overzicht/pagina/2/")).select("li.kv-item")
              if text(li.select_one(".kv-kenmerk")) == "2098Z00008")
    title = li.select_one("a.kv-item__title")
    assert title.find("b") is None
    assert text(title) == 'Proef met <b>vet</b> & "aanhalingstekens"'
    assert site.title(set_url("2098Z00008")).startswith('Proef met <b>vet</b> & "aanhalingstekens"')


# --- cross-links in the body --------------------------------------------------------------------


def test_set_body_links(site):
    links = body_links(site.page(set_url("2098Z00002")))
    assert links == [
        ("2098Z00001", "../2098Z00001/"),
        ("digitale dijken", "../../themas/digitale-dijken/"),
        ("OMO", "../../themas/omo/"),                      # 'omo' in lower case before it is not linked
        ("Netwerk Weerbaar Bestuur", "../../themas/netwerk-weerbaar-bestuur/"),  # over a line break
        ("vragen 2", "#vraag-2"), ("6", "#vraag-6"),        # vragen 2 t/m 6
        ("vragen 4", "#vraag-4"), ("6", "#vraag-6"),        # vragen 4 en 6
        ("vraag 7", "#vraag-7"),
        ("antwoord 1", "#antwoord-1"), ("antwoord 1", "#antwoord-1"), ("antwoord 1", "#antwoord-1"),
    ]


def test_no_links_in_code_headings_or_existing_links(site):
    page = site.page(set_url("2099Z00005"))
    body = article(page).select_one("div.kv-body")
    assert body.h3.find("a", class_=lambda c: c != "headerlink") is None
    assert all(code.find("a") is None for code in body.find_all("code"))
    assert body_links(page) == [
        ("bestaande link over OMO", "https://example.org/omo"),
        ("OMO", "../../themas/omo/"),
        ("2098Z00001", "../2098Z00001/"),
        ("programma Weerbaar Bestuur", "../../themas/weerbaar-bestuur/"),
    ]


def test_theme_linked_once_per_page(site):
    links = body_links(site.page(set_url("2098Z00001")))
    assert links.count(("programma Weerbaar Bestuur", "../../themas/weerbaar-bestuur/")) == 1
    assert [href for _, href in links if "weerbaar" in href] == ["../../themas/weerbaar-bestuur/"]


def test_every_cross_link_kind_appears(site):
    hrefs = {a["href"] for f in site.html_files() for a in site.page(str(f.relative_to(site.root))).find_all("a", href=True)}
    expected = {
        "../2098Z00001/",                     # kenmerk in a set body
        "#vraag-7", "#vraag-2", "#vraag-6", "#vraag-4", "#antwoord-1",
        "../../themas/omo/", "../../themas/netwerk-weerbaar-bestuur/", "../../themas/digitale-dijken/",
        "../../kamerleden/unal/", "../../kamerleden/t-hart/", "../../partijen/fictiepartij/",
        "../../bewindspersonen/minister-van-denkbeeldige-financien/", "../../jaren/2098/",
        "../vragen/2098Z00001/",              # kenmerk on a hand-written page (notitieformaat)
        "../../vragen/2098Z00001/",           # kenmerk in a theme description / listings
        "pagina/2/", "../../", "../",         # pager links
    }
    assert expected <= hrefs, sorted(expected - hrefs)


def test_hand_written_page_links_kenmerken_only(site):
    body = article(site.page("notitieformaat/"))
    links = [(text(a), a["href"]) for a in body.find_all("a") if "headerlink" not in (a.get("class") or [])]
    assert links == [("2098Z00001", "../vragen/2098Z00001/")]


def test_theme_description_links_kenmerk(site):
    page = site.page("themas/digitale-dijken/")
    p = article(page).find("p", class_=False)
    assert [(text(a), a["href"]) for a in p.find_all("a")] == [("2098Z00001", "../../vragen/2098Z00001/")]


# --- backlinks and related sets -----------------------------------------------------------------


@pytest.mark.parametrize("kenmerk, expected", [
    ("2098Z00001", ["2099Z00005", "2098Z00002"]),   # both mention it; newest first
    ("2098Z00002", ["2099Z00003"]),
    ("2099Z00003", ["2099Z00005"]),                 # named in E's `gerelateerd`
    ("2099Z00005", []),                             # D mentions it only in an internal block
    ("2099Z00006", []),
])
def test_backlinks(site, kenmerk, expected):
    page = site.page(set_url(kenmerk))
    assert listed(page, "verwijzingen") == expected
    if not expected:
        assert "Geen andere vragensets verwijzen" in text(template_heading(page, "verwijzingen").find_next_sibling("p"))


@pytest.mark.parametrize("kenmerk, expected", [
    ("2098Z00002", ["2098Z00001", "2099Z00003", "2098Z00008"]),   # gerelateerd first, then shared themes
    ("2099Z00005", ["2099Z00003", "2099Z00006", "2099Z00004", "2098Z00001"]),  # C before newer F
    ("2098Z00001", ["2098Z00002", "2099Z00006", "2099Z00005", "2099Z00003", "2098Z00008"]),  # named by B
    ("2099Z00006", ["2099Z00005", "2098Z00001"]),                 # its internal gerelateerd is left out
])
def test_related_sets(site, kenmerk, expected):
    page = site.page(set_url(kenmerk))
    assert listed(page, "gerelateerd") == expected
    hrefs = [a["href"] for a in template_heading(page, "gerelateerd").find_next_sibling("ol").select("a.kv-item__title")]
    assert hrefs == [f"../{k}/" for k in expected]


# --- listings -----------------------------------------------------------------------------------


def test_overview_is_paged_newest_first(site):
    pages = all_pages(site, "overzicht/")
    assert len(pages) == 3
    assert [listed(p) for p in pages] == [ORDER[0:3], ORDER[3:6], ORDER[6:7]]
    dates = [d for p in pages for d in listing_dates(p)]
    assert dates == sorted(dates, reverse=True)
    assert [text(article(p).h1) for p in pages] == ["Alle vragen", "Alle vragen (pagina 2)", "Alle vragen (pagina 3)"]
    assert all("7 vragensets, nieuwste eerst." in text(article(p)) for p in pages)


def test_pager_links(site):
    def pager(url):
        nav = article(site.page(url)).select_one("nav.kv-pager")
        assert nav is not None
        prev, nxt = nav.select_one("a[rel=prev]"), nav.select_one("a[rel=next]")
        current = text(nav.select_one("[aria-current=page]"))
        return (prev and prev["href"], nxt and nxt["href"], current, text(nav.find("span")))

    assert pager("overzicht/") == (None, "pagina/2/", "1", "Pagina 1 van 3")
    assert pager("overzicht/pagina/2/") == ("../../", "../3/", "2", "Pagina 2 van 3")
    assert pager("overzicht/pagina/3/") == ("../2/", None, "3", "Pagina 3 van 3")


def test_unpaged_listing_has_no_pager(site):
    assert article(site.page("themas/weerbaar-bestuur/")).select_one("nav.kv-pager") is None


def test_theme_pages_list_sets_newest_first(site):
    pages = all_pages(site, "themas/digitale-dijken/")
    assert [listed(p) for p in pages] == [["2099Z00003", "2098Z00008", "2098Z00002"], ["2098Z00001"]]
    first = article(pages[0])
    assert text(first.h1) == "Digitale dijken"
    assert "4 vragensets, nieuwste eerst." in text(first)
    assert listed(site.page("themas/weerbaar-bestuur/")) == ["2099Z00006", "2099Z00005", "2098Z00001"]
    assert listed(site.page("themas/omo/")) == ["2099Z00005", "2099Z00004", "2099Z00003"]
    assert "Ook genoemd: OMO" in text(article(site.page("themas/omo/")))


def test_theme_without_sets(site):
    body = article(site.page("themas/maanlandbouw/"))
    assert listed(site.page("themas/maanlandbouw/")) == []
    assert "Er zijn nog geen vragensets over dit thema" in text(body)


def test_theme_index_with_counts(site):
    items = [text(li) for li in article(site.page("themas/")).select("ul.kv-index > li")]
    assert [re.sub(r" \((\d+|nog geen vragensets)\).*", "", i) for i in items] == [
        "Digitale dijken", "Maanlandbouw", "Netwerk Weerbaar Bestuur",
        "Ondersteuningsnetwerk Maatschappelijke Onrust", "Weerbaar Bestuur"]
    assert items[0].startswith("Digitale dijken (4)")
    assert items[1].startswith("Maanlandbouw (nog geen vragensets)")  # said in words, not "(0)"


@pytest.mark.parametrize("url, name, expected", [
    ("kamerleden/unal/", "Ünal", ["2099Z00003", "2098Z00008", "2098Z00002", "2098Z00001"]),
    ("kamerleden/t-hart/", "'t Hart", ["2099Z00006", "2098Z00002"]),
    ("kamerleden/jansen/", "Jansen", ["2099Z00005", "2098Z00008"]),
    ("kamerleden/van-der-meer/", "Van der Meer", ["2099Z00004"]),
    ("partijen/fictiepartij/", "Fictiepartij", ["2099Z00006", "2099Z00004", "2098Z00002"]),
    ("partijen/partij-voor-de-proef/", "Partij voor de Proef", ["2099Z00003", "2098Z00008", "2098Z00002", "2098Z00001"]),
    ("partijen/partij-van-de-verbeelding/", "Partij van de Verbeelding", ["2099Z00005", "2098Z00008"]),
    ("bewindspersonen/minister-van-verzonnen-zaken/", "minister van Verzonnen Zaken",
     ["2099Z00006", "2099Z00004", "2098Z00002", "2098Z00001"]),
    ("bewindspersonen/minister-van-denkbeeldige-financien/", "minister van Denkbeeldige Financiën",
     ["2099Z00003", "2098Z00002"]),
    ("bewindspersonen/staatssecretaris-van-fantasie/", "staatssecretaris van Fantasie", ["2099Z00005", "2098Z00008"]),
    ("jaren/2099/", "2099", ["2099Z00006", "2099Z00005", "2099Z00004", "2099Z00003"]),
    ("jaren/2098/", "2098", ["2098Z00008", "2098Z00002", "2098Z00001"]),
])
def test_group_pages(site, url, name, expected):
    pages = all_pages(site, url)
    assert text(article(pages[0]).h1) == name
    assert [k for p in pages for k in listed(p)] == expected
    assert len(pages) == -(-len(expected) // 3)
    n = len(expected)
    assert f"{n} {'vragenset' if n == 1 else 'vragensets'}, nieuwste eerst." in text(article(pages[0]))


def test_member_index_with_parties(site):
    items = {text(a): a["href"] for a in article(site.page("kamerleden/")).select("ul.kv-index a")}
    assert items == {"'t Hart": "t-hart/", "Jansen": "jansen/", "Ünal": "unal/", "Van der Meer": "van-der-meer/"}
    li = next(li for li in article(site.page("kamerleden/")).select("ul.kv-index > li") if "Ünal" in text(li))
    assert text(li) == "Ünal (4) Partij voor de Proef"


@pytest.mark.parametrize("url, expected", [
    ("partijen/", ["Fictiepartij", "Partij van de Verbeelding", "Partij voor de Proef"]),
    ("bewindspersonen/", ["minister van Denkbeeldige Financiën", "minister van Verzonnen Zaken",
                          "staatssecretaris van Fantasie"]),
])
def test_group_indexes(site, url, expected):
    assert [text(a) for a in article(site.page(url)).select("ul.kv-index a")] == expected


def test_year_index_newest_first(site):
    assert [(text(a), a["href"]) for a in article(site.page("jaren/")).select("ul.kv-index a")] == [
        ("2099", "2099/"), ("2098", "2098/")]


def test_home_page(site):
    page = site.page("")
    body = article(page)
    assert text(body.h1) == "Testarchief"
    assert "Synthetische testsite." in text(body)
    assert template_heading(page, "nieuwste").find_next_sibling("ol") is not None
    assert listed(page) == ORDER
    assert [a["href"] for a in body.select("li.kv-item a.kv-item__title")] == [f"vragen/{k}/" for k in ORDER]
    overview = body.find("a", string=re.compile("vragensets"))
    assert (text(overview), overview["href"]) == ("Alle 7 vragensets", "overzicht/")
    themes = [text(li) for li in template_heading(page, "themas").find_next_sibling("ul").find_all("li")]
    # a theme without sets (Maanlandbouw) leads nowhere, so the home page leaves it out
    assert themes == ["Digitale dijken (4)", "Netwerk Weerbaar Bestuur (1)",
                      "Ondersteuningsnetwerk Maatschappelijke Onrust (3)", "Weerbaar Bestuur (3)"]


def test_stylesheet_is_published_and_linked(site):
    assert (site.root / "assets" / "kamervragen.css").is_file()
    assert site.page("").find("link", href="assets/kamervragen.css") is not None


# --- nothing internal in the public build -------------------------------------------------------


def test_no_internal_content_in_any_file(site):
    files = site.all_files()
    assert len(files) > 40
    for path in files:
        data = path.read_bytes()
        for canary in CANARIES:
            assert canary.encode() not in data, f"{canary} leaked into {path.relative_to(site.root)}"


def test_no_internal_blocks_or_reference_rendered(site):
    for path in site.html_files():
        page = site.page(str(path.relative_to(site.root)))
        assert page.select(".intern") == [], path
        assert "Referentie ministerie" not in text(page), path
    body = article(site.page(set_url("2099Z00004"))).select_one("div.kv-body")
    assert "Openbare slotzin na het interne blok." in text(body)
    assert "Openbare inleiding over de zeewering." in text(body)


# --- navigation ---------------------------------------------------------------------------------


def _nav_urls(nav) -> list[str]:
    """URLs of the pages in a mkdocs.yml nav (directory URLs)."""
    if isinstance(nav, str):
        stem = nav[:-3]
        stem = stem[:-5] if stem == "index" or stem.endswith("/index") else stem
        return [stem + "/" if stem and not stem.endswith("/") else stem]
    if isinstance(nav, list):
        return [u for x in nav for u in _nav_urls(x)]
    return [u for v in nav.values() for u in _nav_urls(v)]


NAV_URLS = _nav_urls(yaml.safe_load((FIXTURE_SITE / "mkdocs.yml").read_text(encoding="utf-8"))["nav"])


def _primary_nav(site, path):
    page = site.page(str(path.relative_to(site.root)))
    primary = page.select_one("nav.md-nav--primary")
    assert primary is not None, path
    hrefs = [a["href"] for a in primary.find_all("a", href=True)]
    resolved = [site.resolve(path, h)[0].relative_to(site.root).as_posix() for h in hrefs]
    return hrefs, [r.removesuffix("index.html").removesuffix("/") + "/" if r != "index.html" else "" for r in resolved]


def test_generated_pages_are_not_in_the_sidebar(site):
    counts = {}
    for path in site.html_files():
        if site.page(path.relative_to(site.root).as_posix()).find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a short link /<kenmerk>/: a bare redirect without navigation
        hrefs, urls = _primary_nav(site, path)
        assert set(urls) <= set(NAV_URLS), (path, sorted(set(urls) - set(NAV_URLS)))
        assert not any(u.startswith("vragen/") or "/pagina/" in u for u in urls), (path, hrefs)
        counts[path.relative_to(site.root).as_posix()] = len(hrefs)
    # The sidebar holds the hand-written nav only, so its size does not grow with the number of
    # notes: at most each nav page plus the logo link and labels of an expanded section.
    assert max(counts.values()) <= len(NAV_URLS) + 6, counts
    set_counts = {v for k, v in counts.items() if k.startswith("vragen/")}
    assert len(set_counts) == 1, counts


def test_set_page_sidebar_links_only_nav_pages(site):
    path = site.path(set_url("2098Z00002"))
    _, urls = _primary_nav(site, path)
    # every top-level nav entry, the section 'Over dit archief' collapsed to its first page
    assert set(urls) == set(NAV_URLS) - {"notitieformaat/", "open-data/", "toegankelijkheid/", "colofon/"}
    toc = site.page(set_url("2098Z00002")).select_one("nav.md-nav--secondary")
    assert [a["href"] for a in toc.find_all("a")][:2] == ["#vraag-1", "#antwoord-1"]


# --- the search data ----------------------------------------------------------------------------


def _json(site, rel):
    return json.loads((site.root / rel).read_text(encoding="utf-8"))


def test_search_page_and_data_hold_public_sets_only(site):
    assert article(site.page("zoeken/")).select_one("form#kv-search") is not None
    sets, facets = harness(site.root, [{"sets": True}, {"facets": True}])  # as the browser reads them
    assert sets["kenmerk"] == ORDER
    texts = sorted(search_files(site.root, "sets"))
    assert texts == sorted(ORDER)
    assert "Geheimlid" not in facets["values"]["lid"]
    assert sorted(facets["values"]["lid"]) == sorted(["'t Hart", "Jansen", "Ünal", "Van der Meer"])


def test_search_index_has_no_internal_terms(site):
    from kamervragen.analysis import terms as analysis

    # the canaries survive the search analysis unchanged, so a leak would show up verbatim
    assert [analysis.terms(t) for t in CANARY_TERMS] == [[t] for t in CANARY_TERMS]
    files = [p.relative_to(site.root / "search").as_posix() for p in (site.root / "search").rglob("*") if p.is_file()]
    assert {rel.split("/")[0] for rel in files} >= {"catalogue.json", "sets", "shards"}
    data = "\n".join(json.dumps(search_json(site.root, rel), ensure_ascii=False) for rel in files)
    for public in ("zeewering", "slotzin", "fantasiefonds"):  # public words are indexed
        assert f'"{analysis.terms(public)[0]}"' in data, public
    for canary in CANARY_TERMS:
        assert canary not in data, canary


def test_search_record_of_set_with_internal_block(site):
    record = search_json(site.root, "sets/2099Z00004.json.gz")
    flat = repr(record)
    assert "Openbare slotzin na het interne blok." in flat
    assert "KANARIE" not in flat and "zwijgkanarie" not in flat


# --- every link resolves ------------------------------------------------------------------------


def test_every_link_and_fragment_resolves(site):
    ids: dict = {}

    def ids_of(path):
        if path not in ids:
            page = site.page(str(path.relative_to(site.root)))
            ids[path] = {t["id"] for t in page.find_all(id=True)} | {t["name"] for t in page.find_all("a", attrs={"name": True})}
        return ids[path]

    checked, broken = 0, []
    for path in site.html_files():
        page = site.page(str(path.relative_to(site.root)))
        for tag, attr in (("a", "href"), ("link", "href"), ("script", "src"), ("img", "src")):
            for el in page.find_all(tag, attrs={attr: True}):
                href = el[attr]
                if href.startswith(("mailto:", "tel:", "javascript:")):
                    continue
                target, fragment = site.resolve(path, href)
                if target is None:  # external http(s)
                    continue
                checked += 1
                rel = path.relative_to(site.root)
                if not target.is_file():
                    broken.append(f"{rel}: {href} -> missing {target}")
                elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                    broken.append(f"{rel}: {href} -> no id #{fragment}")
    assert checked > 1000
    assert broken == []


def test_ids_are_unique_on_every_page(site):
    for path in site.html_files():
        page = site.page(str(path.relative_to(site.root)))
        ids = [t["id"] for t in page.find_all(id=True)]
        duplicates = sorted({i for i in ids if ids.count(i) > 1})
        assert duplicates == [], f"{path.relative_to(site.root)}: duplicate ids {duplicates}"
