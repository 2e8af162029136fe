"""The page cache never changes the output, and renders again exactly the pages a change affects.

Each scenario builds a copy of the fixture site with a fixed build date (SOURCE_DATE_EPOCH,
so sitemap dates agree): cold (A); then, after one change, warm on A's cache (B) and cold
without any cache (C). B must equal C in every file, byte for byte, and the generated pages
B rendered must be exactly the pages whose HTML differs between A and C.
"""

from __future__ import annotations

import filecmp
import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs import utils as mkdocs_utils
from mkdocs.config import load_config

from conftest import copy_fixture_site, soup, template_whitespace
from kamervragen import parallel, urls as paths
from kamervragen.adapter import output

NOTE = Path("notes/2098/2098Z00001.md")
SET_TEMPLATE = Path(__file__).parents[1] / "plugins/kamervragen/templates/kamervragen/set.html"


@pytest.fixture(autouse=True)
def fixed_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")


def build_site(src: Path, out: Path, strict: bool = True, command: str | None = None) -> list[str]:
    """Build in-process (as the `command`, if given); return the generated pages (site paths)
    that were rendered, not cached."""
    config = load_config(config_file=str(src / "mkdocs.yml"), site_dir=str(out), strict=strict)
    if command:
        config.plugins.on_startup(command=command, dirty=False)
    build(config)
    return sorted(paths.url(s) + "index.html" for s in config.plugins["kamervragen"].rendered)


def files(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


def differing(a: Path, b: Path) -> set[str]:
    """Files present in only one site or with other bytes."""
    fa, fb = files(a), files(b)
    return (fa.keys() ^ fb.keys()) | {f for f in fa.keys() & fb.keys() if not filecmp.cmp(fa[f], fb[f], shallow=False)}


@dataclass
class Scenario:
    before: Path  # A: cold, before the change
    warm: Path  # B: after the change, on A's cache
    cold: Path  # C: after the change, no cache
    cached_pages: set[str]  # every page the cache may hold (all that A rendered)
    rendered: set[str]  # what B rendered


def scenario(tmp_path: Path, change, prepare=None) -> Scenario:
    src = copy_fixture_site(tmp_path / "src")
    if prepare:
        prepare(src)
    all_pages = set(build_site(src, tmp_path / "A"))
    change(src)
    cold_src = shutil.copytree(src, tmp_path / "cold", ignore=shutil.ignore_patterns(".cache"))
    build_site(cold_src, tmp_path / "C")
    rendered = set(build_site(src, tmp_path / "B"))
    return Scenario(tmp_path / "A", tmp_path / "B", tmp_path / "C", all_pages, rendered)


def assert_exact(s: Scenario) -> set[str]:
    """B is C; B rendered exactly the cacheable pages that changed. Returns those pages."""
    assert differing(s.warm, s.cold) == set(), "warm and cold builds differ"
    changed = differing(s.before, s.cold) & s.cached_pages
    assert s.rendered == changed
    return changed


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_warm_build_renders_nothing_and_writes_the_same_site(tmp_path):
    src = copy_fixture_site(tmp_path / "src")
    first = build_site(src, tmp_path / "A")
    assert len(first) > 20  # every generated page outside the nav, rendered once
    assert build_site(src, tmp_path / "B") == []
    assert differing(tmp_path / "A", tmp_path / "B") == set()


def test_only_the_navs_own_pages_get_a_source_file(tmp_path, monkeypatch):
    """A generated page outside the nav takes its Markdown from the core's page, rendered or
    found in the cache: only the nav's own pages (MkDocs renders those every time) get a
    Markdown source file, in a cold build and after a change."""
    written: list[str] = []
    write = output.SourceFolder.write

    def recording(folder: output.SourceFolder, rel: str, data: bytes) -> str:
        written.append(rel)
        return write(folder, rel, data)

    monkeypatch.setattr(output.SourceFolder, "write", recording)
    generated_in_nav = {f"{section}/index.md" for section in (
        "zoeken", "precedenten", "overzicht", "themas", "kamerleden", "partijen", "bewindspersonen", "jaren",
        "statistieken")}  # the fixture's mkdocs.yml
    src = copy_fixture_site(tmp_path / "src")
    cold = tmp_path / "cold"
    shutil.copytree(src, cold)
    first = build_site(src, tmp_path / "A")
    assert len(first) > 20 and sorted(written) == sorted(generated_in_nav)
    written.clear()
    edit(src / NOTE, "## Vraag 1", "Een zin die later is toegevoegd.\n\n## Vraag 1")
    edit(cold / NOTE, "## Vraag 1", "Een zin die later is toegevoegd.\n\n## Vraag 1")
    assert build_site(src, tmp_path / "B") == ["vragen/2098Z00001/index.html"]
    assert sorted(written) == sorted(generated_in_nav)
    build_site(cold, tmp_path / "C")
    assert differing(tmp_path / "B", tmp_path / "C") == set()


def test_changed_answer_renders_its_set_page_again_and_no_listing(tmp_path):
    def change(src: Path) -> None:
        text = (src / NOTE).read_text(encoding="utf-8")
        (src / NOTE).write_text(text.rstrip("\n") + "\n\nEen zin die later is toegevoegd.\n", encoding="utf-8")

    changed = assert_exact(scenario(tmp_path, change))
    assert "vragen/2098Z00001/index.html" in changed
    assert not any("/pagina/" in p or p.startswith(("jaren/", "kamerleden/", "overzicht/")) for p in changed)


def test_changed_title_renders_the_set_and_every_listing_that_shows_it(tmp_path):
    def change(src: Path) -> None:
        edit(src / NOTE, "titel: Fictieve bewaking", "titel: Gewijzigde bewaking")

    changed = assert_exact(scenario(tmp_path, change))
    assert "vragen/2098Z00001/index.html" in changed
    assert any(p.startswith("kamerleden/") for p in changed) and any(p.startswith("jaren/") for p in changed)


def test_changed_theme_description_renders_only_that_theme_page(tmp_path):
    def change(src: Path) -> None:
        edit(src / "notes/themas.yml", "Verzonnen programma voor weerbare bestuurders.",
             "Een nieuwe beschrijving van het programma.")

    assert assert_exact(scenario(tmp_path, change)) == {"themas/weerbaar-bestuur/index.html"}


def test_changed_theme_name_renders_the_pages_that_show_or_link_it(tmp_path):
    def change(src: Path) -> None:
        edit(src / "notes/themas.yml", "naam: Digitale dijken", "naam: Slimme dijken")

    changed = assert_exact(scenario(tmp_path, change))
    assert "themas/digitale-dijken/index.html" in changed
    assert any(p.startswith("vragen/") for p in changed)


def _own_set_template(src: Path) -> None:
    """A site with its own copy of the set page template (theme.custom_dir)."""
    target = src / "overrides/kamervragen/set.html"
    target.parent.mkdir(parents=True)
    shutil.copy(SET_TEMPLATE, target)
    edit(src / "mkdocs.yml", "  name: material\n", "  name: material\n  custom_dir: overrides\n")


def test_changed_set_template_renders_the_set_pages_and_nothing_else(tmp_path):
    def change(src: Path) -> None:
        edit(src / "overrides/kamervragen/set.html", '<div class="kv-body">', '<div class="kv-body kv-tekst">')

    s = scenario(tmp_path, change, prepare=_own_set_template)
    assert assert_exact(s) == {p for p in files(s.cold) if p.startswith("vragen/")}


def test_changed_config_renders_every_page(tmp_path):
    def change(src: Path) -> None:
        edit(src / "mkdocs.yml", "site_name: Kamervragen-archief (testsite)", "site_name: Ander archief")

    s = scenario(tmp_path, change)
    assert assert_exact(s) == s.cached_pages


def test_page_with_a_warning_is_not_kept(tmp_path):
    """A non-strict build with a broken link: the page is rendered (and warned about) every time,
    so a later strict build cannot pass on a page taken from the cache."""
    src = copy_fixture_site(tmp_path / "src")
    edit(src / NOTE, "## Vraag 1", "Zie [de bijlage](../nergens/bijlage.md).\n\n## Vraag 1")
    assert "vragen/2098Z00001/index.html" in build_site(src, tmp_path / "A", strict=False)
    assert build_site(src, tmp_path / "B", strict=False) == ["vragen/2098Z00001/index.html"]


def test_cache_stays_off_when_a_hook_also_changes_pages(tmp_path):
    """What another plugin or hook does to a page is in no key, and a stored page would pass
    through it twice; so then nothing is cached."""
    src = copy_fixture_site(tmp_path / "src")
    (src / "haak.py").write_text("def on_post_page(output, page, config):\n"
                                 "    return output.replace('</body>', '<!-- haak --></body>')\n", encoding="utf-8")
    edit(src / "mkdocs.yml", "plugins:\n", "hooks:\n  - haak.py\nplugins:\n")
    build_site(src, tmp_path / "A")
    build_site(src, tmp_path / "B")
    assert not list((src / ".cache").rglob("pages-*"))
    assert differing(tmp_path / "A", tmp_path / "B") == set()
    assert (tmp_path / "B/vragen/2098Z00001/index.html").read_text(encoding="utf-8").count("<!-- haak -->") == 1


NAV_HOOK = """from mkdocs.plugins import event_priority

@event_priority(100)  # before the archive's plugin
def on_nav(nav, config, files):
    page = files.get_file_from_path("vragen/2098Z00002.md").page
    nav.items.append(page)
    nav.pages.append(page)
    return nav
"""


def test_generated_page_another_plugin_puts_in_the_nav_is_rendered_there_every_time(tmp_path):
    """A page in the nav shows the nav around it, which no key covers: it is never kept."""
    src = copy_fixture_site(tmp_path / "src")
    (src / "navhaak.py").write_text(NAV_HOOK, encoding="utf-8")
    edit(src / "mkdocs.yml", "plugins:\n", "hooks:\n  - navhaak.py\nplugins:\n")
    assert "vragen/2098Z00002/index.html" in build_site(src, tmp_path / "A")
    assert build_site(src, tmp_path / "B") == ["vragen/2098Z00002/index.html"]  # rendered again, not kept
    assert differing(tmp_path / "A", tmp_path / "B") == set()
    nav = soup((tmp_path / "B/vragen/2098Z00002/index.html").read_text(encoding="utf-8")).select(".md-nav__link--active")
    assert nav, "the page is shown as the active item of the nav"


def test_pages_rendered_in_worker_processes_are_the_same_pages(tmp_path, monkeypatch):
    """A cold `mkdocs build` renders what the cache lacks in forked workers (prerender.py);
    the site and the list of rendered pages are those of a build in one process."""
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)  # the fixture is smaller than a real archive
    one = copy_fixture_site(tmp_path / "one")
    edit(one / "mkdocs.yml", "      per_page: 3\n", "      per_page: 3\n      workers: 1\n")
    many = copy_fixture_site(tmp_path / "many")
    edit(many / "mkdocs.yml", "      per_page: 3\n", "      per_page: 3\n      workers: 2\n")
    in_one = build_site(one, tmp_path / "A", command="build")
    config = load_config(config_file=str(many / "mkdocs.yml"), site_dir=str(tmp_path / "B"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    plugin = config.plugins["kamervragen"]
    assert plugin.prerendered == len(in_one) > 20
    assert sorted(paths.url(s) + "index.html" for s in plugin.rendered) == in_one
    assert differing(tmp_path / "A", tmp_path / "B") == set()
    # The workers' pages passed through on_post_page too: minified, like every other page.
    assert [p for p in in_one if template_whitespace(soup((tmp_path / "B" / p).read_text(encoding="utf-8")))] == []
    assert build_site(many, tmp_path / "C", command="build") == []  # then all found in the cache
    assert differing(tmp_path / "A", tmp_path / "C") == set()


def test_quiet_build_renders_each_page_once_and_keeps_none(tmp_path, monkeypatch):
    """With -q warnings are not logged, so no page may be stored: workers would render pages
    only for the build to render them again."""
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    src = copy_fixture_site(tmp_path / "src")
    edit(src / "mkdocs.yml", "      per_page: 3\n", "      per_page: 3\n      workers: 2\n")
    run, in_workers = parallel.run, []

    def counted(task, items, workers):
        if task.__qualname__.startswith("fill."):  # prerender's pages, not the analysis
            in_workers.extend(items)
        return run(task, items, workers)

    monkeypatch.setattr(parallel, "run", counted)
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.ERROR)  # what -q sets
    try:
        config = load_config(config_file=str(src / "mkdocs.yml"), site_dir=str(tmp_path / "A"), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
        plugin = config.plugins["kamervragen"]
        again = build_site(src, tmp_path / "B", command="build")
    finally:
        logger.setLevel(level)
    assert in_workers == [] and plugin.prerendered == 0 and len(plugin.rendered) > 20
    assert len(plugin.rendered) == len(set(plugin.rendered))
    assert again == sorted(paths.url(s) + "index.html" for s in plugin.rendered)  # nothing was kept


def test_mkdocs_writes_no_page_a_worker_or_the_cache_wrote_and_says_nothing_of_it(tmp_path, monkeypatch, caplog):
    """The file of a page a worker rendered is written by that worker, and that of a page
    found in the cache by a background writer: MkDocs' loop gets empty output for them, writes
    nothing and does not report them as skipped. The site is that of a one-process build."""
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)
    written: list[str] = []
    write = mkdocs_utils.write_file

    def recording(data: bytes, path: str) -> None:
        site, rel = Path(path).relative_to(tmp_path).as_posix().split("/", 1)
        written.append(f"{site.removeprefix('.').split('.')[0]}/{rel}")  # a build goes to .B.bouw-… first
        write(data, path)

    monkeypatch.setattr(mkdocs_utils, "write_file", recording)
    one = copy_fixture_site(tmp_path / "one")
    edit(one / "mkdocs.yml", "      per_page: 3\n", "      per_page: 3\n      workers: 1\n")
    in_one = build_site(one, tmp_path / "A")  # in-process: every page written by MkDocs
    many = copy_fixture_site(tmp_path / "many")
    edit(many / "mkdocs.yml", "      per_page: 3\n", "      per_page: 3\n      workers: 2\n")
    written.clear()
    with caplog.at_level(logging.INFO):
        assert build_site(many, tmp_path / "B", command="build") == in_one  # cold: in the workers
        cold_writes = [p.split("/", 1)[1] for p in written if p.startswith("B/")]
        written.clear()
        assert build_site(many, tmp_path / "C", command="build") == []  # warm: all from the cache
        warm_writes = [p.split("/", 1)[1] for p in written if p.startswith("C/")]
    assert set(in_one) & set(cold_writes) == set() and set(in_one) & set(warm_writes) == set()
    assert "zoeken/index.html" in warm_writes and set(warm_writes) <= set(cold_writes)  # the nav's own pages
    assert not [r for r in caplog.records if "Page skipped" in r.getMessage()]
    assert differing(tmp_path / "A", tmp_path / "B") == set() and differing(tmp_path / "A", tmp_path / "C") == set()


@pytest.mark.parametrize("base", ["https://kamervragen.example.org/", "https://example.org/archief",
                                  "https://example.org/a/../archief/?x=1", "http://localhost:8000/", "/", ""])
@pytest.mark.parametrize("url", ["", "./", "vragen/2026Z00186/", "themas/weerbaar-bestuur/", "vragen/a b/",
                                 "../buiten/", "vragen/%C3%A9/", "zoeken/?q=1", "//elders.org/x/"])
def test_generated_pages_get_the_canonical_address_mkdocs_gives(base, url):
    """ArchivePage sets a plain address's canonical URL without urljoin; every address gets what
    MkDocs' own Page gives it (the sitemap and each page's canonical link show it)."""
    from types import SimpleNamespace

    from mkdocs.structure.pages import Page

    from kamervragen.adapter.cached_pages import ArchivePage

    ours, theirs = object.__new__(ArchivePage), object.__new__(Page)
    for page in (ours, theirs):
        page.file = SimpleNamespace(url=url)
    ArchivePage._set_canonical_url(ours, base)
    Page._set_canonical_url(theirs, base)
    assert (ours.canonical_url, ours.abs_url) == (theirs.canonical_url, theirs.abs_url)


def test_link_words_come_from_the_cache_until_the_theme_words_change(tmp_path, monkeypatch):
    """Which theme words a page's text holds is part of its key; the cache keeps it by the text
    and the theme words, and works it out again when either changes."""
    from types import SimpleNamespace

    from kamervragen.adapter import links
    from kamervragen.adapter.cached_pages import LinkWords
    from kamervragen.adapter.render_cache import PageCache

    worked_out: list[str] = []
    link_words = links.link_words
    monkeypatch.setattr(links, "link_words", lambda text, words: worked_out.append(text) or link_words(text, words))

    def found(terms: tuple[tuple[str, str], ...], text: str) -> tuple:
        cache = PageCache(tmp_path / "pages.sqlite")
        try:
            return LinkWords(cache, SimpleNamespace(theme_terms=terms))(text)
        finally:
            cache.close(prune=False)

    text = "Het programma Weerbaar Bestuur (2024Z12345) en de slimme dijken."
    weerbaar = (("Weerbaar Bestuur", "weerbaar-bestuur"),)
    assert found(weerbaar, text) == (("2024Z12345",), ("bestuur", "weerbaar")) == found(weerbaar, text)
    assert worked_out == [text]
    with_dykes = (*weerbaar, ("Slimme dijken", "slimme-dijken"))
    assert found(with_dykes, text) == (("2024Z12345",), ("bestuur", "dijken", "slimme", "weerbaar"))
    assert found(weerbaar, text + " Meer.") == (("2024Z12345",), ("bestuur", "weerbaar"))
    assert worked_out == [text, text, text + " Meer."]
