"""Shared fixtures: the synthetic fixture site, built once per test session, and HTML helpers.

The fixture site (tests/fixtures/site/) has the theme, Markdown extensions and nav of the real
mkdocs.yml, but its notes are synthetic (kenmerken 2098Z…/2099Z…) and `per_page` is 3 so
that listings are paged. It is built in-process with strict=True: any warning (a bad note, a
broken link or anchor) makes the fixture, and so every site test, fail.
"""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from kamervragen.analysis.records import Analysis, unpack

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

TESTS = Path(__file__).parent
FIXTURE_SITE = TESTS / "fixtures" / "site"
FIXTURE_NOTES = FIXTURE_SITE / "notes"
REPO = TESTS.parent


# The `slow` marker: whole modules that run mkdocs in subprocesses, and every test that uses a
# fixture which takes long to set up. `browser` goes on every test that uses the browser fixture.
_SLOW_MODULES = {"test_hostile_input.py", "test_serve.py", "test_strict_build.py"}
_SLOW_FIXTURES = {"search_site"}  # 300 synthetic notes built into a site


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "browser" in item.fixturenames:
            item.add_marker(pytest.mark.browser)
        if item.path.name in _SLOW_MODULES or _SLOW_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.slow)


def spelled(analysis: Analysis) -> list[dict[str, tuple[list[str], list[int], int]]]:
    """An analysis's statistics with each term spelled out: its numbers depend on the order in
    which a term cache first met the terms, which no output does."""
    return [{name: ([analysis.terms[n] for n in numbers], list(counts), length)
             for name, (numbers, counts, length) in fields.items()} for fields in analysis.stats]


def soup(html: str) -> BeautifulSoup:
    """Parse HTML the way every test does (the standard library's parser)."""
    return BeautifulSoup(html, "html.parser")


def search_json(root: Path, rel: str) -> object:
    """A file of a built site's search data (`sets/2098Z00001.json.gz`), unpacked as the browser does."""
    path = root / "search" / rel
    assert path.is_file(), f"search file {rel!r} was not built ({path} missing)"
    return unpack(path.read_bytes()) if rel.endswith(".gz") else json.loads(path.read_bytes())


def search_files(root: Path, folder: str) -> dict[str, object]:
    """Every file in a folder of a built site's search data (`sets`, `shards`), by name without
    `.json.gz`, unpacked; fails if the folder holds a file of another kind."""
    files = sorted((root / "search" / folder).iterdir())
    assert files and all(p.name.endswith(".json.gz") for p in files), [p.name for p in files][:5]
    return {p.name.removesuffix(".json.gz"): search_json(root, f"{folder}/{p.name}") for p in files}


def template_whitespace(page: BeautifulSoup) -> list[str]:
    """Text of nothing but whitespace with a line break in it, outside the elements that keep
    their whitespace: what the templates' indentation leaves in a page that is not minified."""
    keep = {"pre", "textarea", "script", "style"}
    return [repr(s) for s in page.find_all(string=True)
            if "\n" in s and not s.strip() and not any(p.name in keep for p in s.parents)]


@dataclass
class BuiltSite:
    """A built site directory with cached, parsed pages."""

    root: Path
    warnings: list[str] = field(default_factory=list)
    _cache: dict[Path, BeautifulSoup] = field(default_factory=dict, repr=False)

    def path(self, rel: str) -> Path:
        """File of a page by its URL (`vragen/2098Z00001/`) or file path (`404.html`)."""
        rel = rel.strip("/")
        target = self.root / rel
        if rel == "" or not rel.endswith(".html"):
            target = target / "index.html"
        return target

    def exists(self, rel: str) -> bool:
        return self.path(rel).is_file()

    def page(self, rel: str) -> BeautifulSoup:
        """Parsed page by URL; fails the test clearly if the page was not built."""
        target = self.path(rel)
        assert target.is_file(), f"page {rel!r} was not built ({target} missing)"
        if target not in self._cache:
            self._cache[target] = soup(target.read_text(encoding="utf-8"))
        return self._cache[target]

    def title(self, rel: str) -> str:
        """A page's <title> as a browser reads it. Its content is text, never markup (RCDATA),
        and a minified page writes a `<` there as it is; the standard library's parser would take
        `<b>` in it for a tag, lxml (libxml2 2.14) reads it as HTML5 says."""
        title = BeautifulSoup(self.path(rel).read_text(encoding="utf-8"), "lxml").title
        assert title is not None, f"page {rel!r} has no <title>"
        return title.string or ""

    def html_files(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))

    def all_files(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*") if p.is_file())

    def resolve(self, from_file: Path, href: str) -> tuple[Path | None, str]:
        """Target file and fragment of a local link in `from_file`; None file for external links."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc:
            return None, ""
        path = unquote(parts.path)
        if not path:
            return from_file, parts.fragment
        base = self.root if path.startswith("/") else from_file.parent
        target = Path(posixpath.normpath(str(base / path.lstrip("/"))))
        if target.is_dir() or path.endswith("/"):
            target = target / "index.html"
        return target, parts.fragment


def build_site(config_file: Path, site_dir: Path, **overrides) -> list[str]:
    """Build a site in-process with strict=True; return the warnings (there should be none)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort

    from kamervragen.adapter.project import mkdocs_messages

    with mkdocs_messages() as messages:
        cfg = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=True, **overrides)
        try:
            build(cfg)
        except Abort as err:
            raise AssertionError(f"strict build of {config_file} failed: {err}\n" + "\n".join(messages)) from err
    return messages


@pytest.fixture
def one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every page rendered in this process, where a test can count it: MkDocs keeps a plugin
    across builds in one process, and one that an earlier test started as `mkdocs build`
    renders in workers."""
    from kamervragen import parallel

    monkeypatch.setattr(parallel, "processes", lambda items, workers: 1)


def built_pages(sources: Path, out: Path, **overrides) -> dict[str, bytes]:
    """Every HTML file of the site built from `sources` (a copy) into `out`, by its path."""
    build_site(sources / "mkdocs.yml", out, **overrides)
    return {page.relative_to(out).as_posix(): page.read_bytes() for page in out.rglob("*.html")}


def copy_fixture_site(dest: Path) -> Path:
    """A copy of the fixture site's sources (the plugin writes its search cache next to mkdocs.yml)."""
    shutil.copytree(FIXTURE_SITE, dest, ignore=shutil.ignore_patterns(".cache", "__pycache__"))
    return dest


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The fixture site, built ONCE per session into a temporary directory."""
    base = tmp_path_factory.mktemp("fixture-site")
    sources = copy_fixture_site(base / "src")
    out = base / "site"
    warnings = build_site(sources / "mkdocs.yml", out)
    return BuiltSite(out, warnings)


SEED_SITE_URL = "https://example.org/archief/"   # a sub-path: links must not assume the root


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The repository's own site (docs/ and notes/), built once, published under /archief/:
    (the folder to serve, the site's path in it)."""
    base = tmp_path_factory.mktemp("seed")
    config = base / "mkdocs.yml"
    config.write_text(
        f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: {REPO / 'docs'}\nsite_url: {SEED_SITE_URL}\n"
        f"plugins:\n  kamervragen:\n    notes_dir: {REPO / 'notes'}\n    themes_file: {REPO / 'notes' / 'themas.yml'}\n"
        f"    cache_dir: {base / 'cache'}\n", encoding="utf-8")
    www = base / "www"
    assert build_site(config, www / "archief") == []
    return www, "archief/"


REAL_SITE = TESTS / "fixtures" / "real-site"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The site of real documents (tests/fixtures/real-site/), built ONCE per session, strictly.

    Its mkdocs.yml inherits the synthetic site's (theme, extensions, nav, docs/), so both are
    copied side by side, as in the checkout."""
    base = tmp_path_factory.mktemp("real-site")
    copy_fixture_site(base / "site")
    shutil.copytree(REAL_SITE, base / "real-site", ignore=shutil.ignore_patterns(".cache", "__pycache__"))
    out = base / "out"
    return BuiltSite(out, build_site(base / "real-site" / "mkdocs.yml", out))


# What the scripts and builds write into a checkout; the tests must leave these as they found them.
_WRITTEN_BY_SCRIPTS = (".venv", "node_modules", ".cache/kamervragen", "site", "site-intern")


def _newest_change(path: Path) -> float | None:
    """Newest modification time under `path` (None when it does not exist); .venv/node_modules by their own."""
    if not path.exists():
        return None
    if path.name in (".venv", "node_modules"):
        return path.stat().st_mtime
    return max((p.stat().st_mtime for p in [path, *path.rglob("*")]), default=None)


@pytest.fixture(scope="session", autouse=True)
def checkout_stays_clean():
    """Tests write below pytest's tmp_path only: no build output, cache or .venv in the checkout."""
    before = {rel: _newest_change(REPO / rel) for rel in _WRITTEN_BY_SCRIPTS}
    yield
    changed = [rel for rel in _WRITTEN_BY_SCRIPTS if _newest_change(REPO / rel) != before[rel]]
    assert not changed, f"tests wrote into the checkout: {changed}; use tmp_path or the repo_copy fixture"


# What a copy of the repository leaves out: what the scripts install or build, at the root only.
_NOT_COPIED = {".git", ".venv", "node_modules", ".cache", "site", "site-intern", ".pytest_cache", "build"}


@pytest.fixture(scope="session")
def repo_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the repository whose .venv links to the environment running the tests.

    The scripts (site.sh, kamervragen.sh, …) run here instead of in the checkout, so nothing they
    write (.cache/, site/, a new .venv/) lands in it. The environment must be installed from the
    current lock: setup.sh then finds its stamp current and installs nothing.
    """
    venv = Path(sys.prefix)
    stamp = venv / ".installed-from"
    wanted = (REPO / "requirements-lock.txt").read_bytes() + (REPO / "pyproject.toml").read_bytes()
    if not stamp.is_file() or stamp.read_bytes() != wanted:
        pytest.fail(f"{venv} is not installed from the current requirements-lock.txt and pyproject.toml; "
                    "run `bash scripts/setup.sh` (or the tests with `bash scripts/test.sh`)")
    copy = tmp_path_factory.mktemp("repo") / "kamervragen"

    def ignore(folder: str, names: list[str]) -> set[str]:
        skip = _NOT_COPIED if Path(folder) == REPO else set()
        return {name for name in names if name in skip or name == "__pycache__" or name.endswith(".egg-info")}

    shutil.copytree(REPO, copy, ignore=ignore, symlinks=True)
    (copy / ".venv").symlink_to(venv)
    return copy


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The search tests' site (seed notes + synthetic notes), built ONCE per session; its folder."""
    from search_support import build_search_site

    return build_search_site(tmp_path_factory.mktemp("search-site"))


@pytest.fixture(scope="session")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture notes built ONCE per session for staff (audience intern, a fixed date): the
    deadline board and the internal blocks exist only there."""
    root = copy_fixture_site(tmp_path_factory.mktemp("intern") / "src")
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "      per_page: 3\n", "      per_page: 3\n      audience: intern\n      today: 2099-02-01\n"), encoding="utf-8")
    out = root.parent / "out"
    assert build_site(config, out) == []
    return out


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def axe_violations(page) -> list[str]:
    """WCAG 2.1 A and AA violations that axe-core finds in an open Playwright page."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"]]


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Playwright's sync API), launched ONCE per session for the browser tests."""
    from playwright.sync_api import sync_playwright

    from search_support import CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def template_env():
    """A Jinja environment for the plugin's page templates, with the plugin's escaping and filters;
    Material's main.html is replaced by a stub, so a page renders without a site."""
    from jinja2 import ChoiceLoader, DictLoader, Environment, FileSystemLoader

    from kamervragen import dates

    templates = dates.__file__.rsplit("/", 1)[0] + "/templates"
    env = Environment(loader=ChoiceLoader([
        DictLoader({"main.html": "<article>{% block content %}{% endblock %}</article>"}),
        FileSystemLoader(templates)]))
    env.autoescape = lambda name: bool(name) and name.startswith("kamervragen/")
    env.filters.update(datum=dates.datum, dagen=dates.dagen, url=lambda u: "/" + u)
    return env


def article(page: BeautifulSoup):
    """The main content of a Material page."""
    node = page.select_one("article.md-content__inner")
    assert node is not None, "page has no Material <article>"
    return node


def text(node) -> str:
    """Visible text with whitespace collapsed, without heading permalinks ('¶')."""
    collapsed = " ".join(node.get_text(" ").replace("\u00b6", " ").split())
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([,.;:)])", r"\1", collapsed))
