"""The package's structure, as README's design notes describe it: one pipeline the core owns.

- the core builds a whole Site from notes without MkDocs (checked in a fresh interpreter);
- the import graph has no cycles, MkDocs is imported only in `adapter/`, and no generator
  (a module of `generate/`) imports another;
- no address is written outside `urls.py`, in Python or in a template.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import FIXTURE_NOTES, REPO
from kamervragen import urls

PACKAGE = REPO / "plugins" / "kamervragen"
BUILD_WITHOUT_MKDOCS = """
import json, sys
from pathlib import Path
from kamervragen.audience import Audience
from kamervragen.build import build
from kamervragen.options import Options
notes = Path(sys.argv[1])
site = build(Options(notes, notes / "themas.yml", Audience(sys.argv[2]), per_page=3, site_url="https://example.org/a/"))
loaded = sorted(m for m in sys.modules if m == "mkdocs" or m.startswith("mkdocs.") or m == "material")
print(json.dumps({"mkdocs": loaded, "pages": {p.src: [p.template, p.title] for p in site.pages},
                  "files": sorted(site.files), "home": sorted(site.home),
                  "robots": site.files["robots.txt"].decode()}))
"""


def _site_without_mkdocs(audience: str) -> dict:
    run = subprocess.run([sys.executable, "-c", BUILD_WITHOUT_MKDOCS, str(FIXTURE_NOTES), audience],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def public_site() -> dict:
    return _site_without_mkdocs("openbaar")


def test_the_core_builds_a_site_without_mkdocs(public_site):
    assert public_site["mkdocs"] == []
    pages, files = public_site["pages"], set(public_site["files"])
    assert pages["vragen/2099Z00003.md"][0] == "set"
    assert pages["themas/weerbaar-bestuur.md"][0] == "theme"
    assert pages["overzicht/index.md"] == ["listing", "Alle vragen"]
    assert pages["zoeken/index.md"] == ["search", "Zoeken"]
    assert pages["statistieken/index.md"][0] == "stats"
    assert "termijnen/index.md" not in pages and "termijnen.ics" not in files  # staff only
    assert "vragen/2099Z00007.md" not in pages and "2099Z00007/index.html" not in files  # an internal set
    assert {"robots.txt", "feed.xml", "data/vragen.json", "data/vragen.csv", "search/catalogue.json",
            "2099Z00003/index.html"} <= files
    assert "Sitemap: https://example.org/a/sitemap.xml" in public_site["robots"]
    assert public_site["home"] == ["broken", "latest", "overview", "themes", "total"]


def test_the_staff_site_adds_the_deadline_board_and_calendar():
    site = _site_without_mkdocs("intern")
    assert site["mkdocs"] == []
    assert site["pages"]["termijnen/index.md"][0] == "deadlines"
    assert "termijnen.ics" in site["files"]
    assert site["pages"]["vragen/2099Z00007.md"][0] == "set"
    assert site["robots"] == "User-agent: *\nDisallow: /\n"


# --- the import graph ---------------------------------------------------------------------------

def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every module a file imports, absolute (relative imports resolved)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = _module_name(path).split(".") if path.name == "__init__.py" else _module_name(path).split(".")[:-1]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}  # `from pkg import module`
    return found


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {m for m in _imports(path) if m in files and m != name} for name, path in files.items()}


def test_the_import_graph_has_no_cycles():
    graph = _graph()
    done: set[str] = set()

    def visit(name: str, trail: list[str]) -> None:
        if name in trail:
            pytest.fail("kringverwijzing: " + " -> ".join(trail[trail.index(name):] + [name]))
        if name in done:
            return
        for target in sorted(graph[name]):
            if target != name.rsplit(".", 1)[0]:  # a module may import its own package's __init__
                visit(target, trail + [name])
        done.add(name)

    for name in sorted(graph):
        visit(name, [])


def test_mkdocs_is_imported_only_in_the_adapter():
    outside = {}
    for path in PACKAGE.rglob("*.py"):
        name = _module_name(path)
        used = {m for m in _imports(path) if m.split(".")[0] in {"mkdocs", "material"}}
        if used and not name.startswith("kamervragen.adapter"):
            outside[name] = sorted(used)
    assert outside == {}


def test_no_generator_imports_another():
    generators = {_module_name(p) for p in (PACKAGE / "generate").glob("*.py") if p.name != "__init__.py"}
    assert len(generators) >= 8
    crossing = {name: sorted(_graph()[name] & (generators - {name})) for name in generators}
    assert {k: v for k, v in crossing.items() if v} == {}


def test_the_orchestrator_runs_every_generator():
    """A generator module that build.py does not run would be dead code (or a forgotten output)."""
    from kamervragen.build import GENERATORS

    generators = {_module_name(p) for p in (PACKAGE / "generate").glob("*.py") if p.name != "__init__.py"}
    assert [g.__name__ for g in GENERATORS] == ["generate"] * len(GENERATORS)
    assert sorted(g.__module__ for g in GENERATORS) == sorted(generators)


# --- addresses ---------------------------------------------------------------------------------

URL_MODULE = PACKAGE / "urls.py"
ADDRESS_PARTS = ("vragen", "themas", "kamerleden", "partijen", "bewindspersonen", "jaren", "overzicht", "zoeken",
                 "precedenten", "statistieken", "termijnen", "fouten", "search", "data")
# an address part followed by '/' (a folder), or a data file's own name
ADDRESS = re.compile(r"(?<![\w-])(?:(?:" + "|".join(ADDRESS_PARTS) + r")/|feed(?:-[\w{}]+)?\.xml|termijnen\.ics"
                     r"|robots\.txt|sitemap\.xml|vragen\.(?:json|csv))")


def _string_literals(path: Path) -> list[tuple[int, str]]:
    """String constants of a module, without docstrings (they may explain an address)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings]


def test_the_address_pattern_finds_addresses():
    for text in ("vragen/", "'themas/'", "search/catalogue.json", "feed.xml", "feed-{slug}.xml", "termijnen.ics"):
        assert ADDRESS.search(text), text
    for text in ("kamervragen/set.html", "Vragen van het lid", "themas", "vragen 2 t/m 6"):
        assert not ADDRESS.search(text), text


def test_no_address_is_written_outside_the_url_module():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == URL_MODULE or "importer" in path.parts:  # the importer reads documents, it makes no site
            continue
        found += [f"{path.relative_to(REPO)}:{line}: {text!r}" for line, text in _string_literals(path)
                  if ADDRESS.search(text)]
    for path in sorted((PACKAGE / "templates").rglob("*.html")):
        text = re.sub(r"\{#.*?#\}", "", path.read_text(encoding="utf-8"), flags=re.S)  # comments
        found += [f"{path.relative_to(REPO)}: {m.group()!r}" for m in ADDRESS.finditer(text)]
    assert found == []


def test_files_no_page_links_to_are_handed_over_as_soon_as_they_are_made(monkeypatch):
    """The search index and short links go to the builder's `unlinked` as they are made (the
    index before the pages: a builder writes them meanwhile), and not into the Site; together
    the two hold every file a build without `unlinked` gives."""
    from kamervragen import build
    from kamervragen.generate import pages
    from kamervragen.options import Options

    options = Options(FIXTURE_NOTES, FIXTURE_NOTES / "themas.yml", workers=1)
    whole = build.build(options)
    made_pages = pages.generate
    events: list[str] = []
    monkeypatch.setattr(pages, "generate", lambda ctx: events.append("pages") or made_pages(ctx))
    monkeypatch.setattr(build, "GENERATORS", tuple(pages.generate if g is made_pages else g for g in build.GENERATORS))
    handed: dict[str, bytes] = {}

    def unlinked(files: dict[str, bytes]) -> None:
        events.append(",".join(sorted({path.split("/", 1)[0] for path in files})))
        handed.update(files)

    site = build.build(options, unlinked=unlinked)
    assert events == ["search", "pages", ",".join(sorted(urls.short_url(n.kenmerk)[:-1] for n in site.archive.notes))]
    assert not set(handed) & set(site.files) and {**handed, **site.files} == whole.files
