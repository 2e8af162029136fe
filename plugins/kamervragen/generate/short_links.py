"""/<kenmerk>/ for every set: a small static file that forwards to the set's page.

Not a page: it needs no Markdown, theme or navigation, and thousands of them would cost as
much to build as the sets themselves. Robots skip it; the set's page is canonical.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader

from kamervragen import urls
from kamervragen.site import TEMPLATES, Context, Output

TEMPLATE = "kamervragen/redirect.html"


def generate(ctx: Context) -> Output:
    template = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True).get_template(TEMPLATE)
    files = {}
    for note in ctx.archive.notes:
        files[urls.short_file(note.kenmerk)] = template.render(
            kenmerk=note.kenmerk, titel=note.titel, site_name=ctx.options.site_name, internal=ctx.archive.internal,
            target=urls.relative_url(urls.set_url(note.kenmerk), urls.short_url(note.kenmerk))).encode("utf-8")
    return Output(files=files, linked=False)
