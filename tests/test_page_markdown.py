"""Generated pages' Markdown is rendered by one parser per build (adapter/page_markdown.py):
every page must come out as MkDocs' own `Page.render`, a parser per page, makes it, also where
the shared parser's inline pass hands plain text on at once (kamervragen/inline_pass.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from mkdocs.structure.pages import Page

from conftest import FIXTURE_SITE, REAL_SITE, built_pages, copy_fixture_site
from kamervragen import options
from kamervragen.adapter.page_markdown import PageMarkdown


@pytest.mark.parametrize("fixture", [FIXTURE_SITE, REAL_SITE], ids=["proefsite", "echte-documenten"])
@pytest.mark.usefixtures("one_process")  # where the pages are counted
def test_one_parser_renders_every_page_as_a_parser_per_page_does(fixture: Path, tmp_path: Path, monkeypatch):
    rendered = {"gedeeld": 0, "eigen": 0}
    render = PageMarkdown.render
    shortcut = set()

    def counted(self, page, files):
        rendered["gedeeld"] += 1
        render(self, page, files)
        shortcut.add(getattr(self.parser.treeprocessors["inline"], "shortcut", None))

    def by_mkdocs(self, page, files):
        rendered["eigen"] += 1
        Page.render(page, self.config, files)

    # The real documents' site inherits the synthetic site's configuration: both, side by side.
    copy_fixture_site(tmp_path / "site")
    sources = shutil.copytree(fixture, tmp_path / fixture.name, dirs_exist_ok=True,
                              ignore=shutil.ignore_patterns(".cache", "__pycache__"))
    monkeypatch.setattr(PageMarkdown, "render", counted)
    shared = built_pages(sources, tmp_path / "gedeeld")
    monkeypatch.setattr(PageMarkdown, "render", by_mkdocs)
    shutil.rmtree(sources / options.CACHE_DIR)  # so that every page is rendered again
    own = built_pages(sources, tmp_path / "eigen")
    assert rendered["gedeeld"] == rendered["eigen"] >= 30
    assert shortcut == {True}  # the shared parser hands plain text on at once (inline_pass.py)
    assert shared.keys() == own.keys()
    assert [path for path in shared if shared[path] != own[path]] == []
