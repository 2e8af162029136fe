"""What the site publishes besides pages: Atom feeds, open data, short links, sitemap, robots."""

from __future__ import annotations

import csv
import functools
import io
import json
import xml.etree.ElementTree as ET

import feedparser
import jsonschema
import pytest

from conftest import FIXTURE_NOTES
from kamervragen.adapter.output import BackgroundWriter
from kamervragen.audience import PUBLIC
from kamervragen.model import load_archive

SITE_URL = "https://archief.example.org/"


def public_archive():
    archive, problems = load_archive(FIXTURE_NOTES, FIXTURE_NOTES / "themas.yml", PUBLIC)
    assert not problems
    return archive


def test_feed_of_answered_sets_parses_back(site):
    archive = public_archive()
    feed = feedparser.parse((site.root / "feed.xml").read_bytes())
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == "nl"
    answered = sorted((n for n in archive.notes if n.beantwoord), key=lambda n: (n.beantwoord, n.kenmerk), reverse=True)
    assert [e.link for e in feed.entries] == [f"{SITE_URL}vragen/{n.kenmerk}/" for n in answered]
    assert all(site.exists(e.link.removeprefix(SITE_URL)) for e in feed.entries)
    assert feed.entries[0].updated.startswith(answered[0].beantwoord.isoformat())


def test_one_feed_per_theme_with_only_its_sets(site):
    archive = public_archive()
    for slug in archive.themes:
        feed = feedparser.parse((site.root / f"feed-{slug}.xml").read_bytes())
        assert not feed.bozo
        expected = {n.kenmerk for n in archive.by_theme[slug] if n.beantwoord}
        assert {e.link.rstrip("/").rsplit("/", 1)[1] for e in feed.entries} == expected
        for entry in feed.entries:
            assert slug in [t.term for t in entry.tags]


def test_every_page_links_the_feed_and_theme_pages_their_own(site):
    for rel in ("", "vragen/2098Z00001/", "overzicht/", "zoeken/"):
        links = site.page(rel).select('head link[rel="alternate"][type="application/atom+xml"]')
        assert any(link["href"].endswith("feed.xml") for link in links), rel
    slug = next(iter(public_archive().themes))
    hrefs = [link["href"] for link in site.page(f"themas/{slug}/").select('head link[type="application/atom+xml"]')]
    assert any(h.endswith(f"feed-{slug}.xml") for h in hrefs)


def test_open_data_json_matches_its_schema_and_the_csv(site):
    data = json.loads((site.root / "data" / "vragen.json").read_text(encoding="utf-8"))
    schema = json.loads((site.root / "data" / "vragen.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)
    archive = public_archive()
    assert [row["kenmerk"] for row in data] == sorted(n.kenmerk for n in archive.notes)
    assert all(row["url"].startswith(SITE_URL) and site.exists(row["url"].removeprefix(SITE_URL)) for row in data)
    rows = list(csv.DictReader(io.StringIO((site.root / "data" / "vragen.csv").read_text(encoding="utf-8-sig"))))
    assert [r["kenmerk"] for r in rows] == [row["kenmerk"] for row in data]
    first = data[0]
    assert rows[0]["vragenstellers"] == "; ".join(first["vragenstellers"])
    assert rows[0]["beantwoord"] == (first["beantwoord"] or "")


def test_short_link_redirects_to_the_set(site):
    for note in public_archive().notes:
        page = site.page(f"{note.kenmerk}/")
        refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
        assert refresh == f"0; url=../vragen/{note.kenmerk}/"
        assert page.find("link", rel="canonical")["href"] == f"../vragen/{note.kenmerk}/"
        assert page.find("a")["href"] == f"../vragen/{note.kenmerk}/"
        assert site.exists(f"vragen/{note.kenmerk}/")


def test_sitemap_dates_sets_by_their_answer_and_leaves_out_short_links(site):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(site.root / "sitemap.xml").getroot()
    entries = {u.find("s:loc", ns).text: u.find("s:lastmod", ns) for u in root.findall("s:url", ns)}
    for note in public_archive().notes:
        lastmod = entries[f"{SITE_URL}vragen/{note.kenmerk}/"]
        assert lastmod is not None and lastmod.text == (note.beantwoord or note.gesteld).isoformat()
        assert f"{SITE_URL}{note.kenmerk}/" not in entries


def test_robots_txt_allows_indexing_and_names_the_sitemap(site):
    robots = (site.root / "robots.txt").read_text()
    assert "Allow: /" in robots and f"Sitemap: {SITE_URL}sitemap.xml" in robots
    assert "Disallow" not in robots


def test_pages_name_their_canonical_address(site):
    for rel in ("", "vragen/2098Z00001/", "themas/", "overzicht/pagina/2/"):
        canonical = site.page(rel).find("link", rel="canonical")
        assert canonical is not None and canonical["href"] == SITE_URL + rel, rel


# --- files written while the build goes on ----------------------------------------------------


def _files(n: int) -> list[tuple[str, bytes]]:
    return [(f"search/sets/{i}.json.gz", bytes([i]) * i) for i in range(n)] + [("2099Z00001/index.html", b"<html>")]


@pytest.mark.parametrize("separate", [True, False], ids=["own-process", "at-once"])
@pytest.mark.parametrize("lazy", [True, False], ids=["read-by-the-writer", "handed-over"])
def test_background_writer_writes_every_file_before_wait_returns(tmp_path, separate, lazy):
    files = functools.partial(_files, 200) if lazy else _files(200)
    BackgroundWriter(tmp_path, files, separate, folders=["vragen/2099Z00001/"]).wait()
    assert {p.relative_to(tmp_path).as_posix(): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} \
        == dict(_files(200))
    assert (tmp_path / "vragen" / "2099Z00001").is_dir()  # made for a page the build writes later


@pytest.mark.parametrize("separate", [True, False], ids=["own-process", "at-once"])
def test_background_writer_names_the_file_it_could_not_write(tmp_path, separate):
    (tmp_path / "search").write_text("a file where a folder must come")
    with pytest.raises(OSError, match=r"search/sets/a\.json\.gz niet geschreven"):
        BackgroundWriter(tmp_path, [("b.txt", b"b"), ("search/sets/a.json.gz", b"a")], separate).wait()
