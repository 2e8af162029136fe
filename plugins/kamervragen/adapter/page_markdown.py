"""A page's Markdown rendered as MkDocs renders it, by one parser for the whole build.

MkDocs' `Page.render` makes a Python-Markdown parser with every extension for each page:
1.4 ms, a tenth of rendering a set page's Markdown. Python-Markdown's own way to convert many
documents is one parser with `reset()` between them, which also resets every extension that
keeps state (footnotes, the table of contents). `PageMarkdown.render` is `Page.render` of
MkDocs 1.6 with such a parser; the test suite checks that every page comes out the same.
The parser's inline pass hands plain text on at once (`inline_pass`).
"""

from __future__ import annotations

import logging

import markdown
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure import pages as mkdocs_pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from kamervragen import inline_pass


class PageMarkdown:
    """Renders pages' Markdown for one build (one configuration), by one parser."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.parser: markdown.Markdown | None = None  # made at the first page: in the process that renders

    def render(self, page: Page, files: Files) -> None:
        """What `page.render(config, files)` does: the page's content, table of contents, title
        from the content, anchors and links to anchors."""
        if page.markdown is None:
            raise RuntimeError("`markdown` field hasn't been set (via `read_source`)")
        if self.parser is None:
            self.parser = inline_pass.install(markdown.Markdown(
                extensions=self.config["markdown_extensions"], extension_configs=self.config["mdx_configs"] or {}))
        md = self.parser
        md.reset()
        # MkDocs' own processors, made for this page; each replaces the last page's by name.
        raw_html = mkdocs_pages._RawHTMLPreprocessor()
        raw_html._register(md)
        anchors = mkdocs_pages._ExtractAnchorsTreeprocessor(page.file, files, self.config)
        anchors._register(md)
        relative = mkdocs_pages._RelativePathTreeprocessor(page.file, files, self.config)
        relative._register(md)
        title = mkdocs_pages._ExtractTitleTreeprocessor()
        title._register(md)
        page.content = md.convert(page.markdown)
        page.toc = get_toc(getattr(md, "toc_tokens", []))
        page._title_from_render = title.title
        page.present_anchor_ids = anchors.present_anchor_ids | raw_html.present_anchor_ids
        if mkdocs_pages.log.getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = relative.links_to_anchors
