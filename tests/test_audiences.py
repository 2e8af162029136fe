"""Two builds from one source, and nothing internal leaks into the public one.

The fixture tests/fixtures/audiences/ puts a unique canary word (all begin with "Kanarie") in
every kind of internal place: `!!! intern` blocks and their variants, an internal position, the
ministry's `referentie`, and two whole sets with `zichtbaarheid: intern` (title, body, asker,
party, ministers, aanleiding, a theme only internal sets use, a year only internal sets use).
A public set names an internal set in `gerelateerd`, an internal set names and mentions public
sets, and a public kenmerk is mentioned only inside an internal block.

Both sites are built ONCE for this module, with strict=True, from one copy of the sources:
the internal one first (mkdocs.intern.yml, INHERITing mkdocs.yml), then the public one, so a
cache shared between the builds would carry internal text over. Then every byte of every
public file is read (sitemap.xml.gz unpacked) and searched for each canary, its lowercase
form and its search-index stem.
"""

from __future__ import annotations

import gzip
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import TESTS, BuiltSite, article, build_site, search_files, text

FIXTURE = TESTS / "fixtures" / "audiences"

# canary -> where the fixture puts it
CANARIES = {
    "Kanarienotitie": "`!!! note intern` block in the introduction of 2098Z00101",
    "Kanarietitel": "title of an `!!! intern` block",
    "Kanarieblok": "content of an `!!! intern` block",
    "Kanarielijst": "list inside an `!!! intern` block",
    "Kanariecode": "indented paragraph inside the list inside an `!!! intern` block",
    "Kanariehoofdletter": "`!!! Intern` block (capital I)",
    "Kanariezonderspatie": "`!!!intern` block (no space, content right under the marker)",
    "Kanarietab": "tab-indented `!!! intern` block",
    "Kanarieslot": "`!!! intern` block at the end of the file, without a final newline",
    "Kanariereferentie": "`referentie` of the public set 2098Z00101",
    "Kanariestandpunt": "position with `zichtbaarheid: intern` of the public set 2098Z00101",
    "Kanarieverborgen": "titel of the internal set 2097Z00066",
    "Kanarietekst": "introduction of the internal set 2097Z00066",
    "Kanarievraag": "question of the internal set 2097Z00066",
    "Kanarierepliek": "answer of the internal set 2097Z00066",
    "Kanarielidnaam": "asker of the internal set 2097Z00066",
    "Kanariepartij": "party of the internal set 2097Z00066",
    "Kanariezaken": "minister (gericht_aan) of the internal set 2097Z00066",
    "Kanarieantwoorder": "beantwoord_door of the internal set 2097Z00066",
    "Kanarieaanleiding": "aanleiding of the internal set 2097Z00066",
    "Kanarieministeriekenmerk": "referentie of the internal set 2097Z00066",
    "Kanarieregister": "position of the internal set 2097Z00066",
    "Kanariejaarset": "titel of the internal set 2099Z00199",
    "Kanariejaartekst": "body of the internal set 2099Z00199",
}
# Canaries in text that the search index holds (titles, body text, askers, aanleiding).
INDEXED = {
    "Kanarienotitie", "Kanarietitel", "Kanarieblok", "Kanarielijst", "Kanariecode", "Kanariehoofdletter",
    "Kanariezonderspatie", "Kanarietab", "Kanarieslot", "Kanarieverborgen", "Kanarietekst", "Kanarievraag",
    "Kanarierepliek", "Kanarielidnaam", "Kanariepartij", "Kanarieaanleiding", "Kanariejaarset", "Kanariejaartekst",
}
# Canaries inside `!!! intern` blocks of 2098Z00101.
BLOCK_CANARIES = ["Kanarienotitie", "Kanarietitel", "Kanarieblok", "Kanarielijst", "Kanariecode",
                  "Kanariehoofdletter", "Kanariezonderspatie", "Kanarietab", "Kanarieslot"]
INTERNAL_SETS = ["2097Z00066", "2099Z00199"]
PUBLIC_SETS = ["2098Z00101", "2099Z00103", "2099Z00104"]
# Pages that only the internal sets make: they must not exist in the public site at all.
INTERNAL_ONLY_PAGES = [
    "vragen/2097Z00066/", "vragen/2099Z00199/", "2097Z00066/", "2099Z00199/",
    "kamerleden/kanarielidnaam/", "partijen/kanariepartij/", "bewindspersonen/minister-van-kanariezaken/",
    "bewindspersonen/staatssecretaris-van-kanarieantwoorder/", "jaren/2097/",
]
BANNER = "Intern — niet openbaar"


def stem(word: str) -> str:
    from kamervragen.analysis import terms as analysis

    term = analysis.term(word.lower())
    assert term, word
    return term


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> tuple[BuiltSite, BuiltSite]:
    """(public, internal), both built with strict=True from one copy of the fixture."""
    base = tmp_path_factory.mktemp("audiences")
    src = base / "src"
    shutil.copytree(FIXTURE, src, ignore=shutil.ignore_patterns(".cache", "__pycache__", "site", "site-intern"))
    internal = BuiltSite(base / "intern", build_site(src / "mkdocs.intern.yml", base / "intern"))
    public = BuiltSite(base / "public", build_site(src / "mkdocs.yml", base / "public"))
    return public, internal


@pytest.fixture(scope="module")
def public(sites) -> BuiltSite:
    return sites[0]


@pytest.fixture(scope="module")
def internal(sites) -> BuiltSite:
    return sites[1]


def read_all(site: BuiltSite) -> dict[str, str]:
    """Every file of a site as text (lowercased), by relative path; .gz files also unpacked."""
    out = {}
    for path in site.all_files():
        rel = path.relative_to(site.root).as_posix()
        data = path.read_bytes()
        out[rel] = data.decode("utf-8", errors="replace")
        if rel.endswith(".gz"):
            out[rel + " (gunzip)"] = gzip.decompress(data).decode("utf-8", errors="replace")
    return out


@pytest.fixture(scope="module")
def public_files(public) -> dict[str, str]:
    files = read_all(public)
    # the corpus must really hold every kind of output, or "no canary found" proves little
    for rel in ("404.html", "robots.txt", "sitemap.xml", "sitemap.xml.gz (gunzip)", "search/catalogue.json",
                "index.html", "vragen/2098Z00101/index.html", "assets/kamervragen.css"):
        assert rel in files, f"public site has no {rel}"
    assert any(rel.startswith("search/shards/") for rel in files)
    assert any(rel.startswith("search/sets/") for rel in files)
    return files


@pytest.fixture(scope="module")
def internal_files(internal) -> dict[str, str]:
    return read_all(internal)


def search_terms(site: BuiltSite) -> set[str]:
    """Every term of a site's split search index."""
    terms = set()
    for shard in search_files(site.root, "shards").values():
        terms.update(row[0] for row in shard)
    return terms


def counts(page) -> dict[str, int]:
    """Name -> count of an index page (`ul.kv-index`: 'Naam (3)', 'Naam (nog geen vragensets)')."""
    out = {}
    for li in page.select("ul.kv-index > li"):
        name = li.find("a").get_text(strip=True)
        count = li.select_one(".kv-index__count").get_text(strip=True).strip("()")
        out[name] = 0 if count == "nog geen vragensets" else int(count)
    return out


def listed(page) -> list[str]:
    """Kenmerken of the sets a page lists (`ol.kv-items`), in order."""
    return [k.get_text(strip=True) for k in page.select("ol.kv-items .kv-kenmerk")]


def section_list(page, heading_id: str) -> list[str]:
    """Kenmerken listed under a set page's h2 (related sets, backlinks)."""
    heading = page.find(id=heading_id)
    assert heading is not None, heading_id
    following = heading.find_next_sibling(["ol", "p", "h2"])
    if following is None or following.name != "ol":
        return []
    return [k.get_text(strip=True) for k in following.select(".kv-kenmerk")]


# --- the fixture itself ----------------------------------------------------------------------------


def test_fixture_places_every_canary_once_and_canaries_are_distinct():
    sources = "\n".join(p.read_text(encoding="utf-8") for p in sorted((FIXTURE / "notes").rglob("*.md")))
    for canary in CANARIES:
        assert sources.count(canary) == 1, canary
        others = [c for c in CANARIES if c != canary and canary.lower() in c.lower()]
        assert not others, f"{canary} is part of {others}: finding one would hide the other"
    public_sources = [FIXTURE / "mkdocs.yml", FIXTURE / "notes" / "themas.yml", *sorted((FIXTURE / "docs").rglob("*"))]
    for path in public_sources:
        if path.is_file():
            assert "kanari" not in path.read_text(encoding="utf-8").lower(), path


def test_intern_config_inherits_the_public_one_and_writes_elsewhere():
    from mkdocs.config import load_config

    # Read each audience right after loading: a plugin with `on_startup` is one object that
    # MkDocs keeps across loads in a process (for `serve`), so the next load reconfigures it.
    public = load_config(str(FIXTURE / "mkdocs.yml"))
    assert public.plugins["kamervragen"].config.audience == "openbaar"
    intern = load_config(str(FIXTURE / "mkdocs.intern.yml"))
    assert intern.plugins["kamervragen"].config.audience == "intern"
    assert Path(intern.site_dir).name == "site-intern"
    assert Path(intern.site_dir) != Path(public.site_dir)
    assert intern.theme.name == public.theme.name == "material"  # inherited, not repeated
    assert intern.nav == public.nav


def test_both_builds_are_clean(public, internal):
    assert public.warnings == []
    assert internal.warnings == []


# --- nothing internal in any byte of the public site ----------------------------------------------


@pytest.mark.parametrize("canary", sorted(CANARIES))
def test_public_output_never_holds_the_canary(public_files, canary):
    forms = {canary, canary.lower(), stem(canary)}
    for rel, content in public_files.items():
        low = content.lower()
        for form in forms:
            assert form.lower() not in low, f"{form!r} ({CANARIES[canary]}) leaked into public {rel}"


def test_public_output_has_no_trace_of_any_canary_or_internal_kenmerk(public_files):
    """A catch-all: no 'kanari' at all (no public text holds it), nor the internal sets' kenmerken."""
    for rel, content in public_files.items():
        low = content.lower()
        assert "kanari" not in low, rel
        for kenmerk in INTERNAL_SETS:
            assert kenmerk.lower() not in low, f"internal set {kenmerk} named in public {rel}"


def test_public_search_index_has_no_canary_term(public):
    terms = search_terms(public)
    assert terms, "the public search index is empty"
    assert not [t for t in terms if "kanari" in t]
    assert not {stem(c) for c in CANARIES} & terms


@pytest.mark.parametrize("canary", sorted(CANARIES))
def test_internal_output_holds_the_canary(internal_files, canary):
    assert any(canary in content for content in internal_files.values()), \
        f"{canary} ({CANARIES[canary]}) is missing from the internal site"


def test_internal_search_index_has_the_stems_the_public_one_must_not(internal):
    """The stems checked above are the very terms the index writes (else that check proves nothing)."""
    terms = search_terms(internal)
    missing = sorted(c for c in INDEXED if stem(c) not in terms)
    assert not missing, missing


# --- internal sets: no page, no count, no link in the public site ---------------------------------


@pytest.mark.parametrize("rel", INTERNAL_ONLY_PAGES)
def test_pages_of_internal_sets_exist_only_internally(public, internal, rel):
    assert not public.path(rel).exists(), f"public site has {rel}"
    assert not public.path(rel).parent.exists(), f"public site has the folder of {rel}"
    assert internal.exists(rel), f"internal site lacks {rel}"


@pytest.mark.parametrize("kenmerk", INTERNAL_SETS)
def test_search_record_of_internal_set_exists_only_internally(public, internal, kenmerk):
    assert not (public.root / "search" / "sets" / f"{kenmerk}.json.gz").exists()
    assert (internal.root / "search" / "sets" / f"{kenmerk}.json.gz").is_file()


def test_public_totals_count_public_sets_only(public, internal):
    for site, total in ((public, 3), (internal, 5)):
        home = site.page("")
        assert f"Alle {total} vragensets" in text(home), site.root
        overview = site.page("overzicht/")
        assert text(overview.select_one("p.kv-count")).startswith(f"{total} vragensets"), site.root
        catalogue = json.loads((site.root / "search" / "catalogue.json").read_text(encoding="utf-8"))
        assert len(catalogue["sets"]["kenmerk"]) == total
    assert sorted(listed(public.page("overzicht/"))) == PUBLIC_SETS


@pytest.mark.parametrize("index, public_counts, internal_counts", [
    ("themas/", {"Dijkbewaking": 2, "Leeg thema": 0, "Stille dossiers": 0, "Weerbaar Bestuur": 2},
     {"Dijkbewaking": 3, "Leeg thema": 0, "Stille dossiers": 2, "Weerbaar Bestuur": 2}),
    ("kamerleden/", {"Bakker": 1, "Jansen": 2, "Van Dijk": 1},
     {"Bakker": 1, "Jansen": 4, "Kanarielidnaam": 1, "Van Dijk": 1}),
    ("partijen/", {"Partij voor de Proef": 1, "Voorbeeldpartij": 2},
     {"Kanariepartij": 1, "Partij voor de Proef": 1, "Voorbeeldpartij": 4}),
    ("bewindspersonen/", {"minister van Verzonnen Zaken": 3},
     {"minister van Kanariezaken": 1, "minister van Verzonnen Zaken": 5, "staatssecretaris van Kanarieantwoorder": 1}),
    ("jaren/", {"2098": 1, "2099": 2}, {"2097": 1, "2098": 1, "2099": 3}),
])
def test_index_counts_leave_internal_sets_out(public, internal, index, public_counts, internal_counts):
    assert counts(public.page(index)) == public_counts
    assert counts(internal.page(index)) == internal_counts


def test_home_theme_counts_leave_internal_sets_out(public, internal):
    # themes without public sets are left out of the home page (and so is "Stille dossiers")
    assert counts(public.page("")) == {"Dijkbewaking": 2, "Weerbaar Bestuur": 2}
    assert counts(internal.page(""))["Stille dossiers"] == 2


@pytest.mark.parametrize("rel, public_sets, internal_extra", [
    ("themas/dijkbewaking/", ["2098Z00101", "2099Z00104"], ["2097Z00066"]),
    ("themas/stille-dossiers/", [], ["2097Z00066", "2099Z00199"]),
    ("kamerleden/jansen/", ["2099Z00103", "2099Z00104"], ["2097Z00066", "2099Z00199"]),
    ("partijen/voorbeeldpartij/", ["2099Z00103", "2099Z00104"], ["2097Z00066", "2099Z00199"]),
    ("bewindspersonen/minister-van-verzonnen-zaken/", PUBLIC_SETS, INTERNAL_SETS),
    ("jaren/2099/", ["2099Z00103", "2099Z00104"], ["2099Z00199"]),
])
def test_listings_leave_internal_sets_out(public, internal, rel, public_sets, internal_extra):
    page = public.page(rel)
    assert sorted(listed(page)) == sorted(public_sets)
    count = page.select_one("p.kv-count")
    if public_sets:
        assert text(count).startswith(f"{len(public_sets)} vragenset"), text(count)
    else:
        assert count is None and "nog geen vragensets" in text(article(page))
    assert sorted(listed(internal.page(rel))) == sorted(public_sets + internal_extra)


def feed_kenmerken(site: BuiltSite) -> set[str]:
    """Kenmerken in the site's Atom feeds (wherever the feeds live)."""
    found: set[str] = set()
    feeds = [p for p in site.root.rglob("*.xml") if "<feed" in p.read_text(encoding="utf-8")]
    assert feeds, f"no Atom feed in {site.root}"
    for feed in feeds:
        found |= set(re.findall(r"\b\d{4}Z\d{5}\b", feed.read_text(encoding="utf-8")))
    return found


def test_open_data_and_feeds_hold_public_sets_only(public, internal):
    for site, expected in ((public, PUBLIC_SETS), (internal, sorted(PUBLIC_SETS + INTERNAL_SETS))):
        rows = json.loads((site.root / "data" / "vragen.json").read_text(encoding="utf-8"))
        assert sorted(r["kenmerk"] for r in rows) == expected, site.root
    # answered sets: 2098Z00101 and 2099Z00104 in public, plus 2097Z00066 internally
    assert feed_kenmerken(public) == {"2098Z00101", "2099Z00104"}
    assert feed_kenmerken(internal) == {"2098Z00101", "2099Z00104", "2097Z00066"}


def test_no_backlink_or_related_trace_of_internal_sets_in_public(public, internal):
    # 2099Z00103 is mentioned by the internal set's text and inside an internal block of 2098Z00101
    assert section_list(public.page("vragen/2099Z00103/"), "kv-verwijzingen") == []
    assert sorted(section_list(internal.page("vragen/2099Z00103/"), "kv-verwijzingen")) == ["2097Z00066", "2098Z00101"]
    # 2098Z00101 names the internal set in `gerelateerd`; the internal set shares its theme
    assert "2097Z00066" not in section_list(public.page("vragen/2098Z00101/"), "kv-gerelateerd")
    assert section_list(internal.page("vragen/2098Z00101/"), "kv-gerelateerd")[0] == "2097Z00066"
    # the internal set names 2099Z00104 in `gerelateerd` (so it would be listed there first)
    public_related = section_list(public.page("vragen/2099Z00104/"), "kv-gerelateerd")
    assert public_related and not set(public_related) & set(INTERNAL_SETS)
    assert section_list(internal.page("vragen/2099Z00104/"), "kv-gerelateerd")[0] == "2097Z00066"
    # a public mention in public text still counts
    assert section_list(public.page("vragen/2099Z00104/"), "kv-verwijzingen") == ["2098Z00101"]


def test_public_set_page_drops_internal_blocks_but_keeps_the_public_text(public):
    page = public.page("vragen/2098Z00101/")
    assert page.select(".intern") == [] and page.select(".admonition") == []
    body = text(page.select_one("div.kv-body"))
    for sentence in ("Openbare inleiding over de proefdijken.", "Twaalf sensoren.",
                     "Openbare zin na het eerste interne blok.", "Openbare zin tussen de blokken.",
                     "Het ministerie van Verzonnen Zaken."):
        assert sentence in body
    for n in (1, 2, 3):
        assert page.find(id=f"vraag-{n}") and page.find(id=f"antwoord-{n}")
    facts = page.select_one("dl.kv-facts")
    assert "Referentie" not in text(facts)
    positions = text(page.find(id="kv-standpunten").find_next_sibling("ol"))
    assert "De sensoren in de proefdijken werken naar behoren." in positions and "(intern)" not in positions


def test_internal_blocks_render_as_marked_admonitions(internal):
    page = internal.page("vragen/2098Z00101/")
    blocks = page.select("div.kv-body div.admonition.intern")
    assert len(blocks) == 6
    for canary in BLOCK_CANARIES:
        holders = [b for b in blocks if canary in b.get_text()]
        assert holders, f"{canary} is not inside a div.admonition.intern"
    assert "Kanariereferentie" in text(page.select_one("dl.kv-facts"))
    assert "Kanariestandpunt" in text(page.find(id="kv-standpunten").find_next_sibling("ol"))


# --- the marks of each audience ---------------------------------------------------------------------


def robots_meta(page) -> list[str]:
    return [m.get("content", "") for m in page.find_all("meta", attrs={"name": "robots"})]


def is_short_link(page) -> bool:
    """The /<kenmerk>/ stubs that forward to /vragen/<kenmerk>/."""
    return page.find("meta", attrs={"http-equiv": "refresh"}) is not None


def test_every_internal_page_is_marked_internal_and_closed_to_robots(internal):
    pages = [p for p in internal.html_files()]
    assert internal.root / "404.html" in pages and len(pages) > 30
    for path in pages:
        page = internal.page(str(path.relative_to(internal.root)))
        if is_short_link(page):
            continue  # see the next test
        banner = page.select_one(".kv-intern-banner")
        assert banner is not None and BANNER in banner.get_text(), path
        assert "noindex, nofollow" in robots_meta(page), path


def test_internal_short_links_are_marked_internal_and_closed_to_robots(internal):
    stubs = [p for p in internal.html_files() if is_short_link(internal.page(str(p.relative_to(internal.root))))]
    assert len(stubs) == 5
    for path in stubs:
        page = internal.page(str(path.relative_to(internal.root)))
        assert BANNER in page.get_text(), path
        assert "noindex, nofollow" in robots_meta(page), path


def test_no_public_page_is_marked_internal_or_closed_to_robots(public, public_files):
    pages = public.html_files()
    assert public.root / "404.html" in pages and len(pages) > 20
    for path in pages:
        page = public.page(str(path.relative_to(public.root)))
        assert page.select(".kv-intern-banner") == [], path
        assert "niet openbaar" not in page.get_text(), path
        if not is_short_link(page):  # a forwarding stub is rightly kept out of search engines
            assert not any("noindex" in c or "nofollow" in c for c in robots_meta(page)), path


def test_robots_txt_closes_only_the_internal_site(public, internal):
    internal_rules = (internal.root / "robots.txt").read_text(encoding="utf-8").splitlines()
    public_rules = (public.root / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "Disallow: /" in internal_rules and "User-agent: *" in internal_rules
    assert not any(line.startswith("Allow") or line.startswith("Sitemap") for line in internal_rules)
    assert "Disallow: /" not in public_rules and "Allow: /" in public_rules
    assert "Sitemap: https://kamervragen.example.org/sitemap.xml" in public_rules
