"""For a preview (`mkdocs serve`): a page per note that cannot be read, saying why.

Only a non-strict build gets this far with problems. The page stands where the set's page
would be, so a broken note never silently becomes a 404, and the home page lists them.
"""

from __future__ import annotations

from kamervragen import urls
from kamervragen.problems import Problem
from kamervragen.read.schema import KENMERK
from kamervragen.site import Context, Output, Page
from kamervragen.views import Link


def problem_pages(ctx: Context) -> list[Page]:
    by_path: dict[str, list[Problem]] = {}
    for problem in ctx.problems:
        by_path.setdefault(problem.path, []).append(problem)
    taken: set[str] = set()
    out = []
    for path, found in by_path.items():
        stem = path.rsplit("/", 1)[-1].removesuffix(".md")
        src = urls.set_src(stem)
        if not KENMERK.match(stem) or stem in ctx.archive.by_kenmerk or src in taken:
            src = urls.src(urls.PROBLEMS, urls.slugify(path))
        taken.add(src)
        out.append(Page(src, f"Fout in {path}", "problem", {"path": path, "problems": found}))
    return out


def banner_link(page: Page) -> Link:
    """The home page's line for a broken note: its first problem, and how many more it has."""
    found = page.view["problems"]
    more = f" (en nog {len(found) - 1})" if len(found) > 1 else ""
    return Link(page.view["path"], page.url, note=found[0].summary + more)


def generate(ctx: Context) -> Output:
    pages = problem_pages(ctx)
    return Output(pages=pages, home={"broken": [banner_link(p) for p in pages]})
