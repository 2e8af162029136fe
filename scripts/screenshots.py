"""Screenshots of every page type of a built site, at phone (390 px) and desktop (1280 px) width.

Serves the built site on loopback and photographs one page of each type in headless Chromium
(Debian's, as the tests use it). The pages are picked from the built site itself (`page_types`),
so the script works on any build: the seed site, a synthetic one, the staff build (which adds
the deadline board). The page-quality test (tests/test_page_quality.py) checks the same pages.

    python scripts/screenshots.py SITE_DIR OUT_DIR [--donker] [--volledig] [--typen set statistieken]

writes OUT_DIR/<type>-<width>[-donker].png; by default only the first screen of each page
(--volledig: the whole page).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

WIDTHS = {390: 844, 1280: 800}   # viewport width -> height (a common phone; a laptop)
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ABOUT = ("over", "colofon", "toegankelijkheid", "notitieformaat", "open-data")
SEARCH_READY = "#kv-results li"  # a search page with results has painted them


def _largest(site: Path, section: str) -> str | None:
    """The biggest page of a section (the richest example), as a URL path, or None."""
    found = sorted(site.glob(f"{section}/*/index.html"), key=lambda p: (-p.stat().st_size, p.as_posix()))
    found = [p for p in found if p.parent.name != "pagina"]
    return f"{found[0].parent.relative_to(site).as_posix()}/" if found else None


def search_word(site: Path, set_page: str) -> str:
    """A word from a set's title (its longest), so that a search for it has results."""
    html = (site / set_page / "index.html").read_text(encoding="utf-8")
    title = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1))
    return max(re.findall(r"\w+", title), key=len).lower()


def page_types(site: Path) -> dict[str, str]:
    """Page type -> URL path (relative to the site root) of one page of that type in `site`."""
    found: dict[str, str | None] = {
        "home": "",
        "set": _largest(site, "vragen"),
        "themas": "themas/",
        "thema": _largest(site, "themas"),
        "kamerlid": _largest(site, "kamerleden"),
        "partij": _largest(site, "partijen"),
        "bewindspersoon": _largest(site, "bewindspersonen"),
        "jaar": _largest(site, "jaren"),
        "overzicht": "overzicht/",
        "precedenten": "precedenten/",
        "statistieken": "statistieken/",
        "termijnen": "termijnen/" if (site / "termijnen" / "index.html").is_file() else None,
        "404": "404.html",
        **{name: f"{name}/" for name in ABOUT if (site / name / "index.html").is_file()},
    }
    if found["set"]:
        found["zoeken"] = f"zoeken/?q={search_word(site, found['set'])}"
    return {name: path for name, path in found.items() if path is not None}


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve a built site on loopback; yields its base URL."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def open_page(page, url: str) -> None:
    """Go to a page and wait until it is complete (a search page: until its results show)."""
    page.goto(url)
    if "zoeken/?q=" in url:
        page.wait_for_selector(SEARCH_READY)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="de map van een gebouwde site (bijv. site/)")
    parser.add_argument("out", type=Path, help="map voor de PNG-bestanden")
    parser.add_argument("--donker", action="store_true", help="donkere weergave (prefers-color-scheme: dark)")
    parser.add_argument("--volledig", action="store_true", help="de hele pagina, niet alleen het eerste scherm")
    parser.add_argument("--typen", nargs="*", help="alleen deze paginatypen (standaard: alle)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    if not (args.site / "index.html").is_file():
        parser.error(f"{args.site} is geen gebouwde site (index.html ontbreekt)")
    args.out.mkdir(parents=True, exist_ok=True)
    types = page_types(args.site)
    unknown = set(args.typen or ()) - set(types)
    if unknown:
        parser.error(f"onbekend paginatype: {', '.join(sorted(unknown))}; kies uit {', '.join(types)}")
    chosen = {k: v for k, v in types.items() if not args.typen or k in args.typen}
    suffix = "-donker" if args.donker else ""
    with sync_playwright() as p, serve(args.site) as base:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for width, height in WIDTHS.items():
            context = browser.new_context(viewport={"width": width, "height": height},
                                          color_scheme="dark" if args.donker else "light")
            page = context.new_page()
            for name, path in chosen.items():
                open_page(page, base + path)
                target = args.out / f"{name}-{width}{suffix}.png"
                page.screenshot(path=str(target), full_page=args.volledig)
                print(f"{target}  ({target.stat().st_size // 1024} KB)  {path}")
            context.close()
        browser.close()


if __name__ == "__main__":
    main()
