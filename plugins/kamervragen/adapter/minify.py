"""Finished pages without the templates' indentation and line breaks.

Material's templates and ours are indented for their readers, and every page carried that
whitespace to every visitor (a fifth to a quarter of our HTML). minify-html leaves it out
where a browser would not show it: it knows which elements keep their whitespace (`pre`,
`textarea`, scripts) and where a space between inline elements is a visible one, which a
regular expression does not. It also drops what HTML does not need: attribute quotes,
empty attributes that mean the same as none (`class=""`, `tabindex=""`), default values
(`method="get"` on a form, `type="submit"` on a button) and character references a parser
does not need (`&gt;` is written `>`, so a `<title>` may hold a bare `<b>`: as text, which a
browser reads it as). Select and parse elements by what they are, not by those.

* Every closing tag and the `<html>` and `<head>` opening tags stay, so a page parses into
  the same tree in any parser, not only in one that applies HTML's tag omission rules.
* Scripts and styles are copied as they are, but for whitespace at their two ends (no JS or
  CSS minifier), so Material's `<script id="__config" type="application/json">` keeps its bytes.
* Comments stay: none of our templates writes one, so one in a page was put there on
  purpose (by a site's hook, say).
"""

from __future__ import annotations

import minify_html


def minify(html: str) -> str:
    """`html`, a whole page, without the whitespace a browser does not show."""
    return minify_html.minify(html, keep_closing_tags=True, keep_html_and_head_opening_tags=True, keep_comments=True)
