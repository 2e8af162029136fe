"""`mkdocs build --strict` stops at a bad note; a normal build leaves it out and says so.

Each subprocess test builds a temporary copy of the fixture site with one bad note added,
through the real command line (`python -m mkdocs build`), as scripts/site.sh does.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, build_site, copy_fixture_site, soup, text
from kamervragen.read.schema import KENMERK_PATTERN
from note_factory import BAD_DATE, UNKNOWN_THEME


def site_with(tmp_path: Path, rel: str, content: str) -> Path:
    root = copy_fixture_site(tmp_path / "src")
    target = root / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    return root


def mkdocs_build(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args, "-f", str(root / "mkdocs.yml"), "-d", str(root.parent / "out")],
        cwd=root.parent, env=env, capture_output=True, text=True, timeout=120,
    )


@pytest.mark.parametrize("quiet", [[], ["-q"]], ids=["normal", "quiet"])
def test_strict_build_stops_at_a_field_error(tmp_path, quiet):
    """At any log level: `-q` hides warnings from MkDocs' strict count, so the plugin raises."""
    root = site_with(tmp_path, "notes/2099/2099Z00009.md", BAD_DATE)
    result = mkdocs_build(root, "--strict", *quiet)
    assert result.returncode != 0, result.stderr
    assert "notes/2099/2099Z00009.md:4: veld 'gesteld': '2099-02-30' is geen bestaande datum" in result.stderr
    assert "de build stopt: 1 probleem/problemen in 1 bestand(en)" in result.stderr
    assert not (root.parent / "out").exists(), "a failed build wrote a site"


def test_strict_build_stops_at_a_cross_reference_error(tmp_path):
    root = site_with(tmp_path, "notes/2099/2099Z00009.md", UNKNOWN_THEME)
    result = mkdocs_build(root, "--strict")
    assert result.returncode != 0, result.stderr
    assert "notes/2099/2099Z00009.md:11: veld 'themas': thema 'bestaat-niet' staat niet in het themaregister" in result.stderr


def test_normal_build_leaves_the_bad_note_out_and_says_so(tmp_path):
    root = site_with(tmp_path, "notes/2099/2099Z00009.md", BAD_DATE)
    result = mkdocs_build(root)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 2, result.stderr
    assert "notes/2099/2099Z00009.md:4: veld 'gesteld'" in warnings[0]
    assert "1 bestand(en) niet opgenomen in de site: notes/2099/2099Z00009.md" in warnings[1]
    out = root.parent / "out"
    assert (out / "vragen" / "2098Z00001" / "index.html").is_file()
    # the broken note's address says what is wrong instead of giving a 404 ...
    error = soup((out / "vragen" / "2099Z00009" / "index.html").read_text(encoding="utf-8"))
    alert = error.select_one("article [role=alert]")
    assert alert is not None and "Deze notitie staat niet in de site" in text(alert)
    assert "notes/2099/2099Z00009.md:4 veld gesteld: '2099-02-30' is geen bestaande datum" in text(alert)
    # ... and the home page lists it, linking there
    banner = soup((out / "index.html").read_text(encoding="utf-8")).select_one("article [role=alert]")
    assert banner is not None and "1 notitie staat niet in de site" in text(banner)
    assert [a["href"] for a in banner.select("a")] == ["vragen/2099Z00009/"]
    assert "notes/2099/2099Z00009.md: regel 4, veld 'gesteld': '2099-02-30' is geen bestaande datum" in text(banner)


def test_duplicate_kenmerk_stops_a_non_strict_build_too(tmp_path):
    """No file wins silently: neither the copy nor the original is published."""
    original = next((FIXTURE_SITE / "notes").rglob("2099Z00003.md"))
    root = site_with(tmp_path, "notes/2099/2099Z00003-kopie.md", original.read_text(encoding="utf-8"))
    result = mkdocs_build(root, "-q")
    assert result.returncode != 0, result.stderr
    assert "2099Z00003" in result.stderr and "notes/2099/2099Z00003-kopie.md" in result.stderr
    assert not (root.parent / "out").exists()


@pytest.mark.parametrize("target", ["notes", "docs", "."])
def test_output_folder_holding_the_sources_is_refused(tmp_path, target):
    """MkDocs empties its output folder first: `-d notes` would delete every note."""
    root = copy_fixture_site(tmp_path / "src")
    before = sorted(p.relative_to(root) for p in root.rglob("*"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", target], cwd=root, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    if target == "notes":  # MkDocs itself refuses the others, in English
        assert "de uitvoermap" in result.stderr and "is de notities" in result.stderr
    assert sorted(p.relative_to(root) for p in root.rglob("*")) == before


def test_failed_build_leaves_the_previous_site_as_it_was(tmp_path):
    root = copy_fixture_site(tmp_path / "src")
    out = root.parent / "out"
    assert mkdocs_build(root, "--strict").returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    (root / "notes" / "2099" / "2099Z00009.md").write_text(BAD_DATE, encoding="utf-8")
    assert mkdocs_build(root, "--strict").returncode != 0
    # a broken link is counted by MkDocs after every page is written: also too late to publish
    (root / "notes" / "2099" / "2099Z00009.md").unlink()
    (root / "docs" / "over.md").write_text("[kapot](bestaat-niet.md)\n", encoding="utf-8")
    assert mkdocs_build(root, "--strict").returncode != 0
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(".out.")] == []


def test_interrupted_build_leaves_the_previous_site_as_it_was(tmp_path):
    root = copy_fixture_site(tmp_path / "src")
    out = root.parent / "out"
    assert mkdocs_build(root).returncode == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    build = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-f", str(root / "mkdocs.yml"), "-d", str(out)],
                             cwd=root.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    for line in build.stderr:  # kill it mid-build: after it started writing pages
        if "Building documentation to directory" in line:
            break
    build.kill()
    build.wait(timeout=60)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


KENMERK = re.compile(KENMERK_PATTERN)


def _unlisted_files(root: Path) -> dict[str, bytes]:
    """The search index and the short links (/<kenmerk>/index.html) of a built site."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()
            and (p.relative_to(root).parts[0] == "search" or (p.parent.parent == root and KENMERK.fullmatch(p.parent.name)))}


def test_command_line_build_writes_search_index_and_short_links_as_an_in_process_build_does(tmp_path, site):
    """`mkdocs build` writes them in a forked process while the build goes on; in-process (and
    while serving) they are written at once. Both give the same files."""
    root = copy_fixture_site(tmp_path / "src")
    assert mkdocs_build(root, "--strict").returncode == 0
    written = _unlisted_files(root.parent / "out")
    assert any(rel.startswith("search/sets/") for rel in written) and "2098Z00002/index.html" in written
    assert written == _unlisted_files(site.root)


# --- in-process: errors that stop every build, and configuration ---------------------------------


def test_missing_theme_registry_stops_the_build(tmp_path):
    from mkdocs.exceptions import Abort, PluginError

    root = copy_fixture_site(tmp_path / "src")
    (root / "notes" / "themas.yml").unlink()
    with pytest.raises((PluginError, Abort, AssertionError), match="themaregister ontbreekt"):
        build_site(root / "mkdocs.yml", tmp_path / "out")


def test_hand_written_page_at_a_generated_path_stops_the_build(tmp_path):
    from mkdocs.exceptions import Abort, PluginError

    root = copy_fixture_site(tmp_path / "src")
    (root / "docs" / "vragen").mkdir()
    (root / "docs" / "vragen" / "2098Z00001.md").write_text("# Handgeschreven\n", encoding="utf-8")
    with pytest.raises((PluginError, Abort, AssertionError), match="docs/vragen/2098Z00001.md bestaat al"):
        build_site(root / "mkdocs.yml", tmp_path / "out")


def test_fixture_config_matches_the_real_site_config():
    import yaml

    class Loader(yaml.SafeLoader):
        """mkdocs.yml uses MkDocs' !ENV tag; its value does not matter here."""

    Loader.add_constructor("!ENV", lambda loader, node: None)
    real = yaml.load((FIXTURE_SITE.parents[2] / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    fixture = yaml.load((FIXTURE_SITE / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    for key in ("nav", "markdown_extensions", "validation", "theme"):
        assert fixture[key] == real[key], key


@pytest.mark.parametrize("value", [0, -1])
def test_per_page_must_be_positive(value):
    from kamervragen.adapter.config import KamervragenConfig

    cfg = KamervragenConfig()
    cfg.load_dict({"per_page": value})
    failed, _ = cfg.validate()
    assert failed, f"per_page: {value} was accepted"


def test_internal_audience_build_shows_internal_content(tmp_path):
    """The same notes built with `audience: intern`: internal blocks, references and sets appear."""
    from bs4 import BeautifulSoup

    root = copy_fixture_site(tmp_path / "src")
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      per_page: 3\n" in text
    config.write_text(text.replace("      per_page: 3\n", "      per_page: 3\n      audience: intern\n"), encoding="utf-8")
    out = tmp_path / "out"
    assert build_site(config, out) == []

    def page(kenmerk):
        return BeautifulSoup((out / "vragen" / kenmerk / "index.html").read_text(encoding="utf-8"), "html.parser")

    d = page("2099Z00004")
    block = d.select_one("div.kv-body div.admonition.intern")
    assert block is not None and "KANARIE-INTERN-7F3A" in block.get_text()
    assert "KANARIE-REFERENTIE-19B2" in d.select_one("dl.kv-facts").get_text()
    assert (out / "vragen" / "2099Z00007" / "index.html").is_file()
    assert (out / "kamerleden" / "geheimlid" / "index.html").is_file()
    # the internal text of 2099Z00004 mentions 2099Z00005, so internally it is a backlink
    backlinks = page("2099Z00005").find(id="kv-verwijzingen").find_next_sibling("ol")
    assert backlinks is not None and "2099Z00004" in backlinks.get_text()
    # the internal set named in 2099Z00006's `gerelateerd` is listed first
    related = page("2099Z00006").find(id="kv-gerelateerd").find_next_sibling("ol")
    assert [k.get_text() for k in related.select(".kv-kenmerk")][0] == "2099Z00007"
