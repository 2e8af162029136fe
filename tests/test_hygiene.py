"""Rules the test suite keeps so that its markers and clean-up hold for tests written later.

Temporary files come from pytest's tmp_path/tmp_path_factory (pytest removes old ones; a
tempfile.mkdtemp folder stays in /tmp for ever), and Chromium starts only in conftest's
`browser` fixture, which is what gives a test the `browser` marker. conftest's
checkout_stays_clean fixture checks after every session that nothing was built into the checkout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import TESTS, pytest_collection_modifyitems

SOURCES = sorted(p for p in TESTS.glob("*.py") if p.name != "test_hygiene.py")


def uses(pattern: str) -> list[str]:
    return [p.name for p in SOURCES if re.search(pattern, p.read_text(encoding="utf-8"))]


def test_temporary_folders_come_from_pytest():
    assert uses(r"\bmkdtemp\b|\bmkstemp\b|TemporaryDirectory|NamedTemporaryFile|[\"']/tmp\b") == []


def test_chromium_starts_only_in_the_browser_fixture():
    assert uses(r"sync_playwright|async_playwright|\.launch\(") == ["conftest.py"]


class Item:
    """Just what conftest's marking hook reads and calls on a collected test."""

    def __init__(self, module: str, *fixtures: str) -> None:
        self.path = TESTS / module
        self.fixturenames = list(fixtures)
        self.markers: set[str] = set()

    def add_marker(self, marker: pytest.MarkDecorator) -> None:
        self.markers.add(marker.name)


def test_markers_follow_the_fixtures_and_modules():
    items = [Item("test_site.py", "site"), Item("test_search_browser.py", "watched", "browser", "search_site"),
             Item("test_positions.py", "search_site"), Item("test_serve.py", "tmp_path")]
    pytest_collection_modifyitems(items)
    assert [item.markers for item in items] == [set(), {"browser", "slow"}, {"slow"}, {"slow"}]


# Spelled in parts, so that this file does not name the folder it looks for.
OUTSIDE_THE_CLONE = "/".join(("..", "shared"))


def test_code_points_at_nothing_outside_the_clone():
    """A clone stands alone: facts the code relies on are in README's design notes, real
    documents a test needs are in tests/fixtures/, and a script gets any other folder on its
    command line. So no product code, script, test or configuration names the team's folder."""
    root = Path(__file__).resolve().parent.parent
    package = root / "plugins" / "kamervragen"
    sources = [*package.rglob("*.py"), *package.rglob("*.html"), *package.rglob("*.js"),
               *(root / "scripts").rglob("*.py"), *(root / "scripts").glob("*.sh"), *(root / "tests").glob("*.py"),
               root / "pyproject.toml", root / "mkdocs.yml", root / "README.md"]
    pointing = [str(p.relative_to(root)) for p in sources if OUTSIDE_THE_CLONE in p.read_text(encoding="utf-8")]
    assert pointing == []
