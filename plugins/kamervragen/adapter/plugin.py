"""The MkDocs adapter: hands notes to the domain modules and their pages to MkDocs.

Each hook only moves data between MkDocs and the core; no archive logic lives here.
"""

from __future__ import annotations

import dataclasses
import functools
import logging
from pathlib import Path, PurePath
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from kamervragen import dates, memory, sanitize, urls
from kamervragen.analysis import markdown_text
from kamervragen.adapter.cached_pages import ArchivePage, CachedPages, TemplateKeys, environment_key, others_in_pages
from kamervragen.adapter.config import KamervragenConfig, core_options
from kamervragen.adapter.links import CrossLinks, LinkContext
from kamervragen.adapter.minify import minify
from kamervragen.adapter import prerender
from kamervragen.adapter.output import BackgroundWriter, Folder, SourceFolder, StagedOutput, unsafe_output
from kamervragen.adapter.page_markdown import PageMarkdown
from kamervragen.adapter.render_cache import PageCache, stored_pages
from kamervragen.adapter.shared_partials import SharedPartials
from kamervragen.audience import PUBLIC
from kamervragen.build import build
from kamervragen.model import Archive
from kamervragen.options import Options
from kamervragen.problems import ArchiveError
from kamervragen.site import TEMPLATES, Page as GeneratedPage

log = logging.getLogger("mkdocs.plugins.kamervragen")
PACKAGE = Path(__file__).parents[1]  # the kamervragen package: its assets/ and templates/
STYLESHEET = "assets/kamervragen.css"
REQUIRED_EXTENSIONS = (*markdown_text.EXTENSIONS, "toc")  # the notes' Markdown, as the search text reads it
BACKLINK_TITLE = "Terug naar voetnoot %d in de tekst"  # Python-Markdown's own is English


class KamervragenPlugin(BasePlugin[KamervragenConfig]):
    """Generates the archive's pages from `notes/` and cross-links every page."""

    def __init__(self) -> None:
        self.archive: Archive | None = None
        self.pages: dict[str, GeneratedPage] = {}  # generated pages by source path
        self.home: dict[str, Any] = {}
        self.current: LinkContext | None = None
        self.options: Options | None = None
        self.audience = PUBLIC
        self.command: str | None = None  # set by the `mkdocs` command; None in-process
        self.output: StagedOutput | None = None
        self.sources: SourceFolder | None = None  # this build's Markdown files of generated pages
        self.writers: list[BackgroundWriter] = []  # files written while the build goes on
        self.cached: CachedPages | None = None
        self.collector: memory.PausedCollector | None = None  # paused from on_files to the build's end
        self.archive_pages: list[ArchivePage] = []  # generated pages that may come from the page cache
        self.rendered: list[str] = []  # generated pages the last build rendered, not from the cache
        self.prerendered = 0  # of those, rendered in worker processes

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command

    @property
    def building(self) -> bool:
        """`mkdocs build` or `gh-deploy`: a process that builds once, so the site can be staged
        and work can go to other processes (a server runs threads, which do not mix with that)."""
        return self.command in ("build", "gh-deploy")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.options = core_options(self.config, config)  # the core's options, read once per build
        self.audience = self.options.audience
        if not config.use_directory_urls:
            raise PluginError("kamervragen: zet use_directory_urls aan; de adressen van de pagina's hangen ervan af")
        # Before the theme's own templates (our header replaces Material's search control),
        # after a site's custom_dir, so a site can still override ours.
        theme_dir = len(config.theme.dirs) - 2 if len(config.theme.dirs) >= 2 else 0
        config.theme.dirs.insert(theme_dir, str(TEMPLATES))
        config.extra_css.append(STYLESHEET)
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.mdx_configs.setdefault("footnotes", {}).setdefault("BACKLINK_TITLE", BACKLINK_TITLE)
        config.markdown_extensions.append(CrossLinks(lambda: self.current))
        self._stage_output(config)
        return config

    def _stage_output(self, config: MkDocsConfig) -> None:
        """Refuse an output folder that holds the sources; build the real thing off to the side."""
        root = Path(config.config_file_path).parent
        why = unsafe_output(Path(config.site_dir), {"de notities": self.options.notes_dir,
                                                    "de docs": Path(config.docs_dir), "het project": root})
        if why:
            raise PluginError(f"kamervragen: {why}; MkDocs maakt de uitvoermap eerst leeg. Kies een andere map (-d).")
        if self.building and self.output is None:
            self.output = StagedOutput(Path(config.site_dir))
            config.site_dir = str(self.output.begin())

    def on_post_build(self, config: MkDocsConfig) -> None:
        # `mkdocs build` ends soon: its objects are left out of the collections still to come
        # (one at exit would go through every object of the archive to free nothing, 3.5 s at
        # 10,000 sets). A server builds again and collects what this build left.
        self._resume_collector(freeze=self.building)
        self._remove_sources()
        writers, self.writers = self.writers, []
        for writer in writers:
            try:
                writer.wait()
            except OSError as err:
                raise _unwritten(err) from err
        if self.cached is not None:
            self.rendered, self.prerendered = self.cached.rendered, self.cached.prerendered
            log.info("kamervragen: %d pagina's uit de paginacache, %d opnieuw gemaakt (%d in werkprocessen)",
                     self.cached.cache.hits - self.cached.prerendered, len(self.rendered), self.cached.prerendered)
            self.cached.close(prune=True)
            self.cached = None
        if self.output is None:
            return
        counted = [h for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler)]
        if config.strict and any(h.get_counts() for h in counted):
            return  # MkDocs aborts right after this hook; on_build_error throws the build away
        self.output.commit()
        self.output = None

    def _remove_sources(self) -> None:
        if self.sources is not None:
            self.sources.remove()
            self.sources = None

    def _resume_collector(self, freeze: bool) -> None:
        if self.collector is not None:
            self.collector.resume(freeze)
            self.collector = None

    def on_build_error(self, error: Exception) -> None:
        self._resume_collector(freeze=False)
        self._remove_sources()
        for writer in self.writers:
            writer.stop()
        self.writers = []
        if self.cached is not None:
            self.cached.close(prune=False)  # what this build did not reach is still valid
            self.cached = None
        if self.output is not None:
            self.output.abandon()
            self.output = None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Build the Site in the core and hand its pages and data files to MkDocs. A strict build
        stops at any problem of a note, every build at a fatal one, by raising: a logged
        warning alone is hidden by `-q`."""
        options = self.options
        assert options is not None  # set by on_config
        # From here to the build's end MkDocs and the core make the objects that live until it
        # ends: see memory.py.
        if self.collector is None:
            self.collector = memory.PausedCollector()
        # Files only scripts and typed addresses reach (the search index, short links) are no
        # link target in Markdown: MkDocs need not know them (at 10,000 sets a File and a copy
        # check each cost 5 s). They are written while the build goes on, from when the core
        # has made them (the search index before the pages).
        unlinked: list[str] = []
        try:
            site = build(options, strict=config.strict, unlinked=lambda files: self._write(config, files, unlinked))
        except ArchiveError as err:
            raise PluginError(str(err)) from err
        for problem in site.problems:
            log.warning(str(problem))
        left_out = sorted({p.path for p in site.problems})
        if left_out:
            log.warning("%d bestand(en) niet opgenomen in de site: %s", len(left_out), ", ".join(left_out))
        if self.config.search:
            log.info("kamervragen: zoekindex geschreven (%d bestanden, %d sets opnieuw geanalyseerd)",
                     sum(path.startswith(urls.SEARCH_DATA) for path in unlinked), site.reanalysed)
        # The folders of the generated pages (a page's own folder, with directory URLs) are
        # made while the build goes on: a new folder costs as much as a file.
        self._write(config, {}, folders=[page.url for page in site.pages])
        # Data files are files of the site like any other: the builder serves them and checks
        # links to them. Each is written where the site will have it: MkDocs then has nothing
        # to copy (it skips a file whose source is its destination) and the build holds none.
        into_site = Folder(Path(config.site_dir))
        while site.files:
            rel, content = site.files.popitem()
            files.append(File.generated(config, rel, abs_src_path=into_site.write(rel, content)))
        for asset in sorted((PACKAGE / "assets").rglob("*")):
            if asset.is_file() and asset.suffix in {".css", ".js"}:
                files.append(File.generated(config, asset.relative_to(PACKAGE).as_posix(), abs_src_path=str(asset)))
        self.archive, self.home, self.pages, self.archive_pages = site.archive, site.home, {}, []
        for page in site.pages:
            if page.src in files.src_uris:
                raise PluginError(f"kamervragen: docs/{page.src} bestaat al; die pagina maakt de plugin zelf")
        self.cached = self._page_cache(config)
        in_nav = _nav_sources(config.nav)
        generated = {page.src for page in site.pages}

        def exists(src: str) -> bool:
            return src in generated or src in files.src_uris

        self._remove_sources()
        self.sources = SourceFolder()
        found: dict[str, tuple[str, str]] = {}  # pages the cache has: source path -> (key, file in the site)
        parser = PageMarkdown(config)
        for page in site.pages:
            # The nav's own pages keep the titles the nav gives them: MkDocs renders those.
            archive_page = self.cached is not None and page.src not in in_nav
            key = self.cached.key(page, exists) if archive_page else None
            if archive_page:
                # It takes its Markdown from the core's page, so it needs no source file (at
                # 10,000 sets writing, reading and removing them took 7 s of a cold build).
                file = File.generated(config, page.src, content="", inclusion=InclusionLevel.NOT_IN_NAV)
                if key is not None and self.cached.cache.has(key):
                    found[page.src] = key, file.dest_uri
            else:
                source = self.sources.write(page.src, page.content().encode("utf-8"))
                file = File.generated(config, page.src, abs_src_path=source, inclusion=InclusionLevel.NOT_IN_NAV)
            files.append(file)
            # A long text that can be made again is not held until the page is rendered.
            self.pages[page.src] = page if page.remake is None else dataclasses.replace(page, markdown="")
            if archive_page:
                # Its page object now: MkDocs then makes none for it (a page object costs
                # 0.13 ms, mostly its canonical address: 1.5 s at 10,000 sets).
                self.archive_pages.append(ArchivePage(file, config, self.pages[page.src], self.cached, key, parser))
                if page.src in found:
                    self.archive_pages[-1].take_from_cache()
        if found and self.building:
            # Their stored HTML is written while MkDocs goes through its loop (at 10,000 sets
            # reading, unpacking and writing it there took 9 s of a rebuild).
            self.cached.elsewhere.update(found)
            self.writers.append(BackgroundWriter(Path(config.site_dir), functools.partial(
                stored_pages, self.cached.cache.file.path, list(found.values())), self.building))
        return files

    def _write(self, config: MkDocsConfig, files: dict[str, bytes], written: list[str] | None = None,
               folders: list[str] | None = None) -> None:
        """Write `files` (and make `folders`) below the site in a process of its own; `written`
        gets their paths."""
        if written is not None:
            written += files
        try:
            self.writers.append(BackgroundWriter(Path(config.site_dir), list(files.items()), self.building,
                                                 folders=folders or []))
        except OSError as err:
            raise _unwritten(err) from err

    def _page_cache(self, config: MkDocsConfig) -> CachedPages | None:
        """This build's page cache, unless it is off or other plugins take part in making pages."""
        if not self.config.page_cache:
            return None
        others = others_in_pages(config, self)
        if others:
            log.info("kamervragen: paginacache uit, want ook %s bewerken pagina's", ", ".join(others))
            return None
        cache = PageCache(self.options.cache_dir / f"pages-{self.audience.name}.sqlite")
        return CachedPages(cache, environment_key(config, PACKAGE), self.archive, TemplateKeys(config.theme.dirs))

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        """Generated pages outside the nav may come from the page cache (the nav's own pages
        keep the titles the nav gives them)."""
        if self.cached is not None:
            in_nav = {page.file.src_uri for page in nav.pages}
            for page in self.archive_pages:
                if page.file.src_uri not in in_nav:
                    continue
                if page.markdown is not None:  # from the cache, and another plugin put it in the nav
                    raise PluginError(f"kamervragen: {page.file.src_uri} staat in de navigatie, maar kwam uit de "
                                      "paginacache; zet de pagina in 'nav' van mkdocs.yml of zet page_cache uit")
                page.key = None  # rendered as the nav shows it, and not kept
            if self.building:
                prerender.fill(self.cached, [p for p in self.archive_pages if p.file.src_uri not in in_nav], config,
                               files, nav, self.options.workers)
        return nav

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.archive is not None
        generated = self.pages.get(page.file.src_uri)
        note = generated.view.get("note") if generated else None
        self.current = LinkContext(self.archive, page.file.src_uri, note)
        if note is not None:
            page.update_date = note.date.isoformat()  # sitemap lastmod: the answer's date
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.current = None
        if isinstance(page, ArchivePage) and page.stored is not None:
            return html  # checked when it was rendered
        if page.file.src_uri in self.pages:
            html = sanitize.clean(html)
        if self.audience.leaks(html):
            raise PluginError(f"kamervragen: interne inhoud in de openbare pagina {page.file.src_uri}; "
                              "markeer interne blokken als '!!! intern \"Titel\"' met vier spaties inspringing")
        return html

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        generated = self.pages.get(page.file.src_uri)
        context["kv"] = generated.view if generated else {}
        context["kv_home"] = self.home
        if self.cached is not None:
            self.cached.context(page, context)
        return context

    @event_priority(-100)  # last, so the page cache keeps the page as it is written
    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        if isinstance(page, ArchivePage) and page.stored is not None:
            return output  # from the page cache, minified before it was stored
        output = minify(output)
        if self.cached is not None:
            self.cached.finished(page, output)
        return output

    @event_priority(-100)
    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        """The theme's pages that are no page of the docs (its 404.html)."""
        return minify(output_content) if template_name.endswith(".html") else output_content

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        # Our templates escape every value; Material's keep MkDocs' default (no autoescape).
        env.autoescape = lambda name: bool(name) and name.startswith("kamervragen/")
        env.globals["kv_audience"] = self.audience
        env.globals["kv_urls"] = urls.TemplateUrls
        env.filters["datum"] = dates.datum
        env.filters["dagen"] = dates.dagen
        env.globals["kv_shared_partial"] = SharedPartials(env, config.theme.dirs, TEMPLATES)
        if self.options.cache_dir is not None:
            # Compiled templates, by their source's checksum: compiling Material's and ours
            # cost about a second per build, and again in every prerender worker.
            folder = self.options.cache_dir / "templates"
            folder.mkdir(parents=True, exist_ok=True)
            env.bytecode_cache = FileSystemBytecodeCache(str(folder))
        return env

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self.options.notes_dir))
        server.watch(str(self.options.themes_file))
        return server


def _unwritten(err: OSError) -> PluginError:
    return PluginError(f"kamervragen: niet alle bestanden van de site zijn geschreven: {err}")


def _nav_sources(nav: Any) -> set[str]:
    """Every path the configured nav names, as MkDocs looks them up (URLs among them do no harm)."""
    if isinstance(nav, dict):
        return set().union(*map(_nav_sources, nav.values()))
    if isinstance(nav, list):
        return set().union(*map(_nav_sources, nav))
    return {PurePath(nav.lstrip("/")).as_posix()} if isinstance(nav, str) else set()
