"""robots.txt: search engines may index the public site only; the internal one is closed to them."""

from __future__ import annotations

from kamervragen import urls
from kamervragen.site import Context, Output


def robots_txt(internal: bool, site_url: str | None) -> str:
    if internal:
        return "User-agent: *\nDisallow: /\n"
    sitemap = f"Sitemap: {urls.absolute(site_url, urls.SITEMAP)}\n" if site_url else ""
    return "User-agent: *\nAllow: /\n" + sitemap


def generate(ctx: Context) -> Output:
    return Output(files={urls.ROBOTS: robots_txt(ctx.archive.internal, ctx.options.site_url).encode()})
