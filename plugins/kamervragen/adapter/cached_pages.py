"""The MkDocs side of the page cache (render_cache): pages that come from it when they can.

A generated page outside the nav becomes an `ArchivePage`. Its key covers the build's
environment (configuration, docs, templates, our code, installed packages), the
`kamervragen/` templates its own template is made of (so a change to the set page's
template renders the set pages again, not the listings), its source path, Markdown and
front matter, its view, what its cross-links depend on and whether the pages it links to
exist. On a hit it renders no Markdown, its template is one that writes
the stored HTML, and MkDocs still checks links to its anchors. A page during whose
rendering anything was logged as a warning is never stored, so a warm strict build fails
wherever a cold one would.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import posixpath
import re
import sys
from importlib import metadata
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote, urljoin, urlsplit

import jinja2
from jinja2 import meta as jinja_meta
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from kamervragen.adapter import links
from kamervragen.adapter import render_cache
from kamervragen.adapter.page_markdown import PageMarkdown
from kamervragen.model import Archive
from kamervragen.site import Page as GeneratedPage
from kamervragen.adapter.render_cache import Packed, PageCache, Stored
from kamervragen.store import Uncacheable, digest, files_digest, fingerprint

CACHED_TEMPLATE = "kamervragen/cached.html"
_BUILD_LOGGER = "mkdocs.commands.build"  # logs "Page skipped: '<source path>'. Generated empty output."
_SKIPPED = "Page skipped: '"
OWN_TEMPLATES = "kamervragen/"  # keyed per page by what each page template is made of
PAGE_EVENTS = ("on_pre_page", "on_page_read_source", "on_page_markdown", "on_page_content", "on_page_context",
               "on_post_page")
# Options that say where things go, not what the pages hold (the site folder is staged).
NOT_OUTPUT = {"site_dir", "config_file_path", "dev_addr", "watch", "strict", "docs_dir"}
# Targets of Markdown links, inline and reference-style.
_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)|^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)", re.M)


def _plain(value: Any) -> Any:
    """Configuration values as data: plugins and extensions by class and options."""
    if isinstance(value, dict) or hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    try:
        fingerprint(value)
        return value
    except Uncacheable:
        return f"{type(value).__module__}.{type(value).__qualname__}"


def environment_key(config: MkDocsConfig, package: Path) -> str:
    """Everything every page depends on: options, hand-written docs, templates outside
    installed packages, hooks, our own code, and the versions of all installed packages."""
    options = {key: _plain(value) for key, value in config.items() if key not in NOT_OUTPUT | {"theme", "plugins"}}
    theme = {"name": config.theme.name, "options": _plain({k: config.theme[k] for k in config.theme})}
    plugins = [[name, f"{type(p).__module__}.{type(p).__qualname__}", _plain(getattr(p, "config", {}))]
               for name, p in config.plugins.items()]
    installed = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    own_dirs = [Path(d) for d in config.theme.dirs if "site-packages" not in Path(d).parts]
    # Our page templates are keyed per page (TemplateKeys), unless another template names one.
    others = [p for d in own_dirs for p in d.rglob("*.html") if OWN_TEMPLATES not in p.relative_to(d).as_posix()]
    leave_out = None if any(OWN_TEMPLATES in p.read_text("utf-8", "replace") for p in others) else OWN_TEMPLATES
    hooks = [Path(module.__file__) for module in config.hooks.values() if getattr(module, "__file__", None)]
    return fingerprint(
        render_cache.VERSION, sys.version, installed, options, theme, plugins,
        files_digest([package], leave_out and f"templates/{leave_out}"),
        files_digest([Path(config.docs_dir)]), files_digest(own_dirs, leave_out),
        [h.read_bytes().decode("utf-8", "replace") for h in hooks if h.is_file()])


def others_in_pages(config: MkDocsConfig, ours: BasePlugin) -> list[str]:
    """Other plugins and hooks that take part in making pages: what they do is in no key, and a
    stored page would pass through them twice, so with any of them the cache stays off."""
    def takes_part(plugin: Any) -> bool:
        if isinstance(plugin, BasePlugin):
            return any(getattr(type(plugin), e, None) is not getattr(BasePlugin, e, None) for e in PAGE_EVENTS)
        return any(hasattr(plugin, e) for e in PAGE_EVENTS)
    return sorted(name for name, plugin in config.plugins.items() if plugin is not ours and takes_part(plugin))


class TemplateKeys:
    """Per page template, a hash of the `kamervragen/` templates it is made of: itself and what
    it extends, includes or imports, found as the build finds them (the first theme folder
    that has the name). A name computed at render time makes it depend on all of them."""

    def __init__(self, dirs: list[str]) -> None:
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(dirs))
        self.keys: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if name not in self.keys:
            self.keys[name] = self._key(name)
        return self.keys[name]

    def _source(self, name: str) -> str:
        assert self.env.loader is not None
        return self.env.loader.get_source(self.env, name)[0]

    def _key(self, name: str) -> str:
        sources: dict[str, str] = {}
        todo = [name]
        while todo:
            current = todo.pop()
            if current in sources or not current.startswith(OWN_TEMPLATES):
                continue
            sources[current] = self._source(current)
            found = list(jinja_meta.find_referenced_templates(self.env.parse(sources[current])))
            if None in found:
                assert self.env.loader is not None
                todo += [n for n in self.env.loader.list_templates() if n.startswith(OWN_TEMPLATES)]
            todo += [n for n in found if n]
        return hashlib.sha256(json.dumps(sorted(sources.items())).encode("utf-8")).hexdigest()


class WarningCount(logging.Handler):
    """Counts warnings of the whole build, so a page rendered with one is not stored."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


class LinkWords:
    """`links.link_words` of each page's Markdown, kept in the page cache by a hash of the
    Markdown and the theme words: looking for every theme word in every page took 2.4 s of
    each build at 10,000 sets, while few pages change between builds."""

    def __init__(self, cache: PageCache, archive: Archive) -> None:
        self.cache, self.words = cache, links.theme_words(archive)
        self.salt = digest(*sorted(self.words))

    def __call__(self, markdown: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        key = digest(self.salt, markdown)
        row = self.cache.words(key)
        if row is not None:
            kenmerken, present = json.loads(row)
            return tuple(kenmerken), tuple(present)
        found = links.link_words(markdown, self.words)
        self.cache.keep_words(key, json.dumps(found, ensure_ascii=False).encode("utf-8"))
        return found


class CachedPages:
    """The page cache of one build."""

    def __init__(self, cache: PageCache, environment: str, archive: Archive, templates: TemplateKeys) -> None:
        self.cache, self.environment, self.archive, self.templates = cache, environment, archive, templates
        self.link_words = LinkWords(cache, archive)
        self.warnings = WarningCount()
        self.rendered: list[str] = []  # source paths of the pages this build rendered
        self.prerendered = 0  # of those, rendered in worker processes (and then found in the cache)
        # In a prerender worker (prerender.py): finished pages, kept here instead of stored.
        self.collected: list[tuple[str, Packed]] | None = None
        # Found pages whose file is written outside MkDocs' loop (by the worker that rendered
        # it, or from the cache by a background writer): MkDocs gets empty output for them,
        # which it does not write, and says so in a message left out here.
        self.elsewhere: set[str] = set()
        self.quiet = _SkippedElsewhere(self.elsewhere)
        logging.getLogger("mkdocs").addHandler(self.warnings)
        logging.getLogger(_BUILD_LOGGER).addFilter(self.quiet)

    @staticmethod
    def storing() -> bool:
        """Whether rendered pages may be stored: with -q warnings are never logged, so none can
        be seen, and a page that would warn must not be kept."""
        return logging.getLogger("mkdocs").isEnabledFor(logging.WARNING)

    def key(self, page: GeneratedPage, exists: Callable[[str], bool]) -> str | None:
        """The page's key, made from the generated page before any source is written, so a
        page the cache has needs none (`exists`: whether the build has a file by that source path)."""
        meta = page.meta()
        try:
            return fingerprint(
                self.environment, self.templates(meta["template"]), page.src, page.markdown, meta, page.view,
                links.link_inputs(self.archive, self.link_words(page.markdown)),
                _targets(page.markdown, page.src, exists))
        except Uncacheable:
            return None

    def context(self, page: Page, context: dict[str, Any]) -> None:
        """Before the template: a found page gets its stored HTML; a rendered one is watched."""
        if isinstance(page, ArchivePage):
            page.warnings_before_template = self.warnings.count
            if page.stored is not None and self.collected is None:
                written = page.file.src_uri in self.elsewhere
                context["kv_cached"] = "" if written else Markup(self.cache.html(page.key))

    def finished(self, page: Page, output: str) -> None:
        """After the template: store a rendered page that logged no warning."""
        if not isinstance(page, ArchivePage) or page.stored is not None or page.key is None:
            return
        if page.clean and self.warnings.count == page.warnings_before_template:
            links_to_anchors = {f.src_uri: dict(a) for f, a in (page.links_to_anchors or {}).items()}
            packed = render_cache.pack(output, Stored(frozenset(page.present_anchor_ids or ()), links_to_anchors))
            if self.collected is not None:
                self.collected.append((page.key, packed))
            else:
                self.cache.store(page.key, packed)

    def close(self, prune: bool) -> None:
        logging.getLogger("mkdocs").removeHandler(self.warnings)
        logging.getLogger(_BUILD_LOGGER).removeFilter(self.quiet)
        self.cache.close(prune)


class _SkippedElsewhere(logging.Filter):
    """Leaves out MkDocs' message that it wrote no file for a page (as its output was empty),
    for the pages written elsewhere; for any other page the message stands."""

    def __init__(self, elsewhere: set[str]) -> None:
        super().__init__()
        self.elsewhere = elsewhere

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith(_SKIPPED) and message[len(_SKIPPED):].split("'", 1)[0] in self.elsewhere)


def _targets(markdown: str, src: str, exists: Callable[[str], bool]) -> list[list[Any]]:
    """Relative link targets in the Markdown and whether each exists (MkDocs warns if not)."""
    if "](" not in markdown and "]:" not in markdown:
        return []  # no link can match: the scan below costs 1.5 s a build at 10,000 sets
    out = []
    for match in _LINK.finditer(markdown):
        target = match.group(1) or match.group(2)
        path = unquote(target.split("#", 1)[0])
        if not path or ":" in path or path.startswith("/"):
            continue
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src), path))
        out.append([target, exists(resolved)])
    return out


_PLAIN_URL = re.compile(r"(?:[A-Za-z0-9_~-]+/)+")  # not empty, no dot segment, query or escape: joined as is


@functools.lru_cache(maxsize=4)
def site_root(base: str) -> tuple[str, str]:
    """The site address a plain relative page address is appended to, and its path: for such
    an address, exactly what urljoin and urlsplit make of the two (dot segments in `base`
    resolved, its query left out)."""
    joined = urljoin(base if base.endswith("/") else base + "/", "x")[:-1]
    return joined, urlsplit(joined).path


class ArchivePage(Page):
    """A generated page that comes from the page cache when nothing it is made of changed."""

    def __init__(self, file: File, config: MkDocsConfig, generated: GeneratedPage, pages: CachedPages,
                 key: str | None, parser: PageMarkdown) -> None:
        super().__init__(None, file, config)
        # Not `self.pages`: Material takes a nav item with `pages` for a section.
        self.generated, self.cached, self.parser = generated, pages, parser
        self.key = key  # None: uncacheable, rendered every time
        self.stored: Stored | None = None
        self.clean = False
        self.warnings_before_template = 0

    def _set_canonical_url(self, base: str | None) -> None:
        """As MkDocs sets it, but for a plain relative address without urljoin and urlsplit
        for every page (1 s at 10,000 sets)."""
        root = site_root(base) if base and _PLAIN_URL.fullmatch(self.url) else None
        if root is None:
            super()._set_canonical_url(base)
        else:
            self.canonical_url, self.abs_url = root[0] + self.url, root[1] + self.url

    def take_from_cache(self) -> None:
        """The cache has this page: MkDocs' loop needs no Markdown for it, only its front matter."""
        self.markdown, self.meta = "", self.generated.meta()

    def read_source(self, config: MkDocsConfig) -> None:
        """The Markdown and front matter of the core's page, as MkDocs would read them from the
        page's file (`Page.content`), which is never written."""
        if self.markdown is None:  # not from the cache
            self.markdown, self.meta = self.generated.text().lstrip("\n"), self.generated.meta()

    def render(self, config: MkDocsConfig, files: Files) -> None:
        # A prerender worker renders what the cache lacks, and may not touch its file.
        self.stored = self.cached.cache.find(self.key) if self.key and self.cached.collected is None else None
        if self.stored is None:
            self.cached.rendered.append(self.file.src_uri)
            before = self.cached.warnings.count
            self.parser.render(self, files)
            self.clean = self.cached.warnings.count == before and self.cached.storing()
            return
        self.content = ""
        self.present_anchor_ids = set(self.stored.anchors)
        # Looked up as stored (source paths as MkDocs writes them): get_file_from_path makes a
        # PurePath of each, 2.3 s for the links of 11,800 pages at 10,000 sets.
        self.links_to_anchors = {f: dict(a) for src, a in self.stored.links.items()
                                 if (f := files.src_uris.get(src)) is not None}
        self.meta["template"] = CACHED_TEMPLATE
