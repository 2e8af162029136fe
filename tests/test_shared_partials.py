"""Material's navigation and tabs are made once per folder for the pages outside the navigation
(adapter/shared_partials.py): every page must get exactly the partials Material renders for it."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import built_pages, copy_fixture_site
from kamervragen.adapter.shared_partials import SharedPartials

# A navigation with generated pages in it: a theme beside other themes, a set beside other sets,
# and the second page of a year, whose first page (and the years' index) hold it in their folder.
DEEP_NAV = [{"Home": "index.md"}, {"Thema": "themas/weerbaar-bestuur.md"}, {"Set": "vragen/2099Z00005.md"},
            {"Jaar": "jaren/2099/pagina/2.md"}, {"Extern": "https://example.org/elders/"}]


def _site(folder: Path, shared: bool, monkeypatch: pytest.MonkeyPatch, **overrides) -> tuple[dict[str, bytes], int]:
    """Every page of the fixture site, and how many pages were given a partial made before."""
    reused = []
    key = SharedPartials._key

    def counted(self, page, nav, config):
        found = key(self, page, nav, config) if shared else None
        reused.append(found is not None and any(made == found for _, made in self.made))
        return found

    monkeypatch.setattr(SharedPartials, "_key", counted)
    return built_pages(copy_fixture_site(folder / "src"), folder / "site", **overrides), sum(reused)


@pytest.mark.parametrize("nav", [None, DEEP_NAV], ids=["nav-van-de-site", "nav-met-gemaakte-paginas"])
@pytest.mark.usefixtures("one_process")  # where the pages are counted
def test_every_page_gets_the_navigation_and_tabs_material_renders_for_it(nav, tmp_path: Path, monkeypatch):
    overrides = {"nav": nav} if nav else {}
    shared, reused = _site(tmp_path / "gedeeld", True, monkeypatch, **overrides)
    own, none = _site(tmp_path / "eigen", False, monkeypatch, **overrides)
    assert none == 0 and reused >= 15
    assert shared.keys() == own.keys()
    assert [path for path in shared if shared[path] != own[path]] == []
