"""The MkDocs adapter: hands notes to the domain modules and their pages to MkDocs.

Each hook only moves data between MkDocs and the core; no archive logic lives here.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from . import dates
from .config import KamervragenConfig
from .links import CrossLinks, LinkContext
from .model import Archive, load_archive
from .pages import PageBuilder, PageSpec
from .problems import ArchiveError

log = logging.getLogger("mkdocs.plugins.kamervragen")
TEMPLATES = Path(__file__).parent / "templates"
STYLESHEET = "assets/kamervragen.css"
REQUIRED_EXTENSIONS = ("attr_list", "admonition", "toc")


class KamervragenPlugin(BasePlugin[KamervragenConfig]):
    """Generates the archive's pages from `notes/` and cross-links every page."""

    def __init__(self) -> None:
        self.archive: Archive | None = None
        self.specs: dict[str, PageSpec] = {}
        self.home: dict[str, Any] = {}
        self.current: LinkContext | None = None

    def _path(self, config: MkDocsConfig, option: str) -> Path:
        return (Path(config.config_file_path).parent / self.config[option]).resolve()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if not config.use_directory_urls:
            raise PluginError("kamervragen: zet use_directory_urls aan; de adressen /vragen/<kenmerk>/ hangen ervan af")
        config.theme.dirs.append(str(TEMPLATES))
        config.extra_css.append(STYLESHEET)
        for name in REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        config.markdown_extensions.append(CrossLinks(lambda: self.current))
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            archive, problems = load_archive(self._path(config, "notes_dir"), self._path(config, "themes_file"),
                                             internal=self.config.audience == "intern")
        except ArchiveError as err:
            raise PluginError(str(err)) from err
        for problem in problems:
            log.warning(str(problem))
        left_out = sorted({p.path for p in problems})
        if left_out:
            log.warning("%d bestand(en) niet opgenomen in de site: %s", len(left_out), ", ".join(left_out))
        builder = PageBuilder(archive, self.config.per_page)
        self.archive, self.home = archive, builder.home()
        files.append(File.generated(config, STYLESHEET, abs_src_path=str(Path(__file__).parent / STYLESHEET)))
        self.specs = {}
        for spec in builder.pages():
            if files.get_file_from_path(spec.src):
                raise PluginError(f"kamervragen: docs/{spec.src} bestaat al; die pagina maakt de plugin zelf")
            self.specs[spec.src] = spec
            files.append(File.generated(config, spec.src, content=spec.content(), inclusion=InclusionLevel.NOT_IN_NAV))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        assert self.archive is not None
        spec = self.specs.get(page.file.src_uri)
        note = spec.view.get("note") if spec else None
        self.current = LinkContext(self.archive, page.file.src_uri, note)
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        self.current = None
        return html

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Any) -> dict[str, Any]:
        spec = self.specs.get(page.file.src_uri)
        context["kv"] = spec.view if spec else {}
        context["kv_home"] = self.home
        return context

    def on_env(self, env: Environment, config: MkDocsConfig, files: Files) -> Environment:
        env.filters["datum"] = dates.datum
        env.filters["dagen"] = dates.dagen
        return env

    def on_serve(self, server: Any, config: MkDocsConfig, builder: Any) -> Any:
        server.watch(str(self._path(config, "notes_dir")))
        server.watch(str(self._path(config, "themes_file")))
        return server
