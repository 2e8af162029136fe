"""The build pauses Python's cyclic garbage collector while it runs (see memory.py), and sets
it back as it was afterwards, also when the build fails."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from conftest import FIXTURE_NOTES, copy_fixture_site
from kamervragen import build, memory
from kamervragen.adapter.cached_pages import ArchivePage
from kamervragen.options import Options


@pytest.fixture
def collector_on():
    """Tests here start with the collector on and leave it as they found it."""
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


@pytest.mark.parametrize("before", [True, False], ids=["was-on", "was-off"])
def test_collector_paused_restores_the_collector_as_it_was_even_on_an_error(before):
    was = gc.isenabled()
    (gc.enable if before else gc.disable)()
    try:
        with pytest.raises(RuntimeError), memory.collector_paused():
            assert not gc.isenabled()
            raise RuntimeError
        assert gc.isenabled() is before
    finally:
        (gc.enable if was else gc.disable)()


def test_the_core_builds_with_the_collector_paused(collector_on, monkeypatch):
    seen: list[bool] = []

    def spy(ctx):
        seen.append(gc.isenabled())
        return real(ctx)

    real = build.GENERATORS[0]
    monkeypatch.setattr(build, "GENERATORS", (spy, *build.GENERATORS[1:]))
    site = build.build(Options(FIXTURE_NOTES, FIXTURE_NOTES / "themas.yml", workers=1))
    assert site.pages and seen == [False]
    assert gc.isenabled()


def _config(src: Path, out: Path):
    config = load_config(config_file=str(src / "mkdocs.yml"), site_dir=str(out), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    return config


def test_mkdocs_renders_with_the_collector_paused_and_gets_it_back(collector_on, tmp_path, monkeypatch, one_process):
    seen: set[bool] = set()
    real = ArchivePage.render

    def spy(self, config, files):
        seen.add(gc.isenabled())
        return real(self, config, files)

    monkeypatch.setattr(ArchivePage, "render", spy)
    src = copy_fixture_site(tmp_path / "src")
    mkdocs_build(_config(src, tmp_path / "site"))
    assert seen == {False}
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # `mkdocs build` ends: what exists is left out of the last collections
    gc.unfreeze()


def test_a_failed_build_gets_the_collector_back(collector_on, tmp_path):
    src = copy_fixture_site(tmp_path / "src")
    notes = next(src.glob("**/themas.yml")).parent
    (notes / "kapot.md").write_text("---\nkenmerk: [niet goed\n---\n", encoding="utf-8")
    with pytest.raises(Abort):
        mkdocs_build(_config(src, tmp_path / "site"))
    assert gc.isenabled()
