"""Pages the page cache lacks, rendered in forked worker processes before MkDocs' own loop.

MkDocs renders pages one after another on one core. Before its loop starts (`on_nav`), the
generated pages whose keys the page cache does not have are split over worker processes.
Each worker is a fork of the build, holding its configuration, files, navigation and plugins,
and renders its pages with MkDocs' own functions, exactly as the build would, writing each
page's file; the finished HTML comes back to be stored. MkDocs' loop then finds those pages in
the cache, and writes them no second time (`CachedPages.elsewhere`). A page whose
rendering failed or logged a warning is not returned, so the build renders it itself and
reports it as it always does: the output and the messages are those of a one-process build.
"""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.commands.build import _build_page, _populate_page
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from kamervragen import parallel
from kamervragen.adapter.cached_pages import ArchivePage, CachedPages
from kamervragen.adapter.render_cache import Packed


def fill(cached: CachedPages, pages: list[ArchivePage], config: MkDocsConfig, files: Files, nav: Navigation,
         workers: int | None) -> None:
    """Render the pages the cache lacks in `workers` processes and store them (counted in
    `cached.prerendered`)."""
    # Pages the cache has were taken from it when their keys were made (their Markdown is
    # set); an uncacheable page (no key) is rendered by MkDocs' loop every time.
    todo = [page for page in pages if page.key is not None and page.markdown is None]
    if parallel.processes(len(todo), workers) == 1 or not cached.storing():
        return  # MkDocs' own loop renders them: as fast as a worker would, or (-q) once, not twice
    worker: dict[str, Any] = {}

    def render(i: int) -> tuple[str, Packed] | None:
        if not worker:
            worker["env"] = _start_worker(cached, config, files)
            worker["pages"] = files.documentation_pages(inclusion=InclusionLevel.is_included)
        assert cached.collected is not None
        cached.collected.clear()
        try:
            _populate_page(todo[i], config, files)
            _build_page(todo[i], config, worker["pages"], nav, worker["env"])
        except Exception:  # noqa: BLE001 - the build renders this page again and reports it
            return None
        finally:
            todo[i].content = todo[i].markdown = None  # the worker's copy; the build has its own
        return cached.collected[0] if cached.collected else None

    for i, result in enumerate(parallel.run(render, list(range(len(todo))), workers)):
        if result is not None:
            cached.cache.store(*result)
            cached.rendered.append(todo[i].file.src_uri)
            cached.prerendered += 1
            cached.elsewhere.add(todo[i].file.src_uri)  # the worker wrote its file, as MkDocs' loop would
            todo[i].take_from_cache()


def _start_worker(cached: CachedPages, config: MkDocsConfig, files: Files) -> Any:
    """In a fresh worker: collect pages instead of storing them, log nothing (the build logs
    what happens to a page it renders again), and make the template environment as MkDocs does."""
    cached.collected = []
    for name in ("", "mkdocs"):
        logger = logging.getLogger(name)
        for handler in list(logger.handlers):
            if handler is not cached.warnings:
                logger.removeHandler(handler)
    env = config.theme.get_env()
    return config.plugins.on_env(env, config=config, files=files)
