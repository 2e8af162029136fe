"""Charts as static, accessible SVG, drawn at build time with pygal (a maintained, pure-Python
SVG charting library), and the Dutch number labels they and their tables share.

Each chart is cleaned here (`_clean`): no script, no comments, no external reference, no
tooltip metadata; role="img" with a name. Text in them is set through ElementTree, so names
from notes (a party called `<script>`) are escaped like any XML text. Colours follow the page:
text and lines use `currentColor`, bars `var(--kv-chart-1, #3b7dd8)`, which has at least 3:1
contrast on Material's light and dark backgrounds. Every chart has the same numbers in a table
on the page (`Chart.table` names it); so a chart may leave things out where they would not fit:
names longer than LABEL_CHARS end in "…", and with more than MANY_YEARS categories only every
so many is labelled and the bars carry no numbers.
"""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Callable, Sequence

import pygal
from babel.numbers import format_decimal
from pygal.style import Style

NONE = "—"                        # shown where there is no number (no answered set)

SVG_NS = "http://www.w3.org/2000/svg"
BAR_COLOUR = "var(--kv-chart-1, #3b7dd8)"  # 4.1:1 on white, 3.9:1 on Material's slate background
# The viewBox is about a phone's width, so text (14 units) is drawn at about 12.5 px on a 390 px
# screen; on a wide screen the page caps the chart at 24rem (kamervragen.css), so 17 px there.
# A 640-unit chart left 8 px text on a phone.
WIDTH = 400                       # viewBox width
BAR_ROW = 34                      # height per bar of a horizontal bar chart
FONT = 14
MANY_YEARS = 8                    # more years than this: fewer labels on the axis, no numbers on the bars
LABEL_CHARS = 24                  # longest name beside a horizontal bar; longer ones end in "…"


def round_half_up(value: float) -> int:
    """12.5 -> 13 (Python's round() would give 12)."""
    return int(Decimal(repr(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def number_label(value: float | None) -> str:
    """Dutch notation: 12 -> '12', 12.5 -> '12,5', 1234 -> '1.234'; None -> '—'."""
    if value is None:
        return NONE
    return format_decimal(value, format="#,##0.#", locale="nl")


def percent_label(value: float | None) -> str:
    """An exact percentage rounded for display: 66.67 -> '67%'; None -> '—'."""
    return NONE if value is None else f"{round_half_up(value)}%"


# --- charts --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float | None, ...]


@dataclass(frozen=True)
class Chart:
    """A chart and the data it shows; the page shows the same numbers in table `table`."""

    id: str                       # HTML id of the figure; the SVG's own id is "chart-" + id
    title: str                    # the figure caption and the SVG's <title>
    label: str                    # the SVG's aria-label: what it shows and where the numbers are
    table: str                    # HTML id of the table with the same numbers
    table_title: str              # that table's caption
    labels: tuple[str, ...]       # categories, in the table's order
    series: tuple[Series, ...]    # the plotted values; series[0] is the measure itself
    svg: str | None               # inline SVG; None when there is nothing to plot


def _style() -> Style:
    return Style(
        background="transparent", plot_background="transparent",
        foreground="currentColor", foreground_strong="currentColor", foreground_subtle="currentColor",
        guide_stroke_color="currentColor", major_guide_stroke_color="currentColor",
        font_family="inherit", colors=(BAR_COLOUR, "currentColor"), value_colors=("currentColor",) * 2,
        opacity="1", opacity_hover="1", stroke_opacity="1", stroke_opacity_hover="1",
        label_font_size=FONT, major_label_font_size=FONT, value_font_size=FONT, legend_font_size=FONT,
        tooltip_font_size=FONT, title_font_size=FONT + 2, no_data_font_size=FONT,
    )


_COMMON: dict[str, Any] = {
    "js": [],                         # pygal links a script from the web by default
    "disable_xml_declaration": True,  # inline in HTML
    "width": WIDTH,
    "print_values": True,             # the numbers are readable without hovering (there is no JS)
    "print_zeroes": True,
    "show_legend": False,
    "truncate_label": -1,             # pygal would shorten years on a crowded axis
    "margin": 16,
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# Style rules for what a static chart never shows: tooltips and hover effects (pygal's script
# drives them), and parts of chart types not used here. A rule goes when all its selectors match.
_UNUSED_SELECTOR = re.compile(r"\.tooltip|:hover|\.active\b|\.map-element|\.gauge-background|\.bg-lines|"
                              r"\.ci(?![\w-])|\.bound\b|\.max-value|\.xlink|text\.no_data|\.y2\b|"
                              r"\.stackedline-graph|\.xy-graph")
_CSS_RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def _used_css(css: str) -> str:
    """pygal's minified style sheet without rules for tooltips, hover and unused chart parts."""
    kept = []
    for selectors, body in _CSS_RULE.findall(css):
        if all(_UNUSED_SELECTOR.search(s) for s in selectors.split(",")):
            continue
        if all("transition" in d for d in body.split(";") if d.strip()):
            continue  # transitions animate hover effects
        kept.append(f"{selectors.strip()}{{{body}}}")
    return "".join(kept)


def _clean(svg: str, chart_id: str, title: str, label: str) -> str:
    """pygal's SVG made static and accessible.

    Parsing drops the comments (pygal's carry its web address and the build date); the inline
    script (pygal's tooltip configuration), nested <title>s and <desc>s (tooltip data), the
    empty tooltip group and the style rules for tooltips and hover effects are removed; the
    root gets role="img", a name and one <title>. Tags lose their namespace prefix and the
    root states the SVG namespace, so the text is the same as XML and inline in HTML.
    """
    root = ET.fromstring(svg)
    for parent in list(root.iter()):
        for child in list(parent):
            if _local(child.tag) in {"script", "title", "desc"} or "tooltip-overlay" in child.get("class", "").split():
                parent.remove(child)
            elif _local(child.tag) == "style":
                child.text = _used_css(child.text or "")
    for element in root.iter():
        element.tag = _local(element.tag)
        for key in [k for k in element.attrib if k.startswith("{")]:
            del element.attrib[key]  # xlink:href and the like: pygal sets none without links
    root.attrib = {"xmlns": SVG_NS, "id": f"chart-{chart_id}", "class": "kv-chart", "viewBox": root.get("viewBox", ""),
                   "role": "img", "aria-label": label}
    heading = ET.Element("title")
    heading.text = title
    root.insert(0, heading)
    return ET.tostring(root, encoding="unicode")


# Added to pygal's style sheet (scoped to the chart): faint solid grid lines, so that the dashed
# reference line stands out; a thicker line for the median (pygal's per-series stroke_style sets
# the width on the group, which its own `.reactive` rule overrides on the line itself); numbers
# beside horizontal bars start after the bar instead of straddling its end.
EXTRA_CSS = ("{id} .axis .guide.line,{id} .axis .major.guide.line{{stroke-dasharray:none;stroke-opacity:.3}}"
             "{id} .serie-0 .line{{stroke-width:3}}"
             "{id} .serie-1 .line{{stroke-width:2;stroke-dasharray:10,6}}"
             "{id} .horizontal .text-overlay text.value{{text-anchor:start}}")


def _render(chart: Any, chart_id: str, title: str, label: str) -> str:
    chart.uuid = chart_id  # pygal scopes its CSS to #chart-<uuid>; a fixed id keeps builds reproducible
    chart.css = [*chart.config.css, "inline:" + EXTRA_CSS.format(id=f"#chart-{chart_id}")]
    return _clean(chart.render(is_unicode=True), chart_id, title, label)


def _count_ticks(top: float) -> list[int]:
    """Whole-number axis marks from 0 to at least `top`, about five of them."""
    step = 1
    while top / step > 6:
        step = next(s * 10 ** e for e in range(10) for s in (2, 5, 10) if s * 10 ** e > step)
    last = math.ceil(top / step) * step
    return list(range(0, max(last, step) + 1, step))


def _bar(labels: Sequence[str], values: Sequence[float | None], name: str, horizontal: bool,
         formatter: Callable[[float], str], ticks: list[float], **config: Any) -> Any:
    kind = pygal.HorizontalBar if horizontal else pygal.Bar
    chart = kind(style=_style(), value_formatter=formatter, y_labels=ticks, **{**_COMMON, **config})
    order = list(reversed(range(len(labels)))) if horizontal else list(range(len(labels)))  # first on top
    chart.x_labels = [shorten(labels[i]) if horizontal else labels[i] for i in order]
    chart.add(name, [values[i] for i in order])
    return chart


def shorten(name: str) -> str:
    """A name as the chart shows it: long ones cut short with "…" (the table has them whole)."""
    return name if len(name) <= LABEL_CHARS else name[:LABEL_CHARS - 1].rstrip() + "…"


def _axis(labels: Sequence[str]) -> dict[str, Any]:
    """With many years, a label for every so many years and no numbers on the bars (the table has them)."""
    if len(labels) <= MANY_YEARS:
        return {}
    return {"x_labels_major_every": math.ceil(len(labels) / MANY_YEARS), "show_minor_x_labels": False,
            "print_values": False}


def description(what: str, table_name: str) -> str:
    return f"{what}; de cijfers staan in de tabel ‘{table_name}’."


def counts_chart(chart_id: str, title: str, what: str, table: tuple[str, str], labels: Sequence[str],
                 counts: Sequence[int], horizontal: bool) -> Chart:
    """Sets per category: a bar chart (horizontal for names, one bar per row)."""
    label = description(what, table[1])
    svg = None
    if labels and any(counts):
        size = ({"height": 2 * FONT + 40 + BAR_ROW * len(labels), "margin_right": 48} if horizontal
                else {"height": 320, **_axis(labels)})
        svg = _render(_bar(labels, counts, "Vragensets", horizontal, number_label, _count_ticks(max(counts)),
                           print_values_position="top", **size), chart_id, title, label)
    return Chart(chart_id, title, label, *table, tuple(labels), (Series("Vragensets", tuple(counts)),), svg)


def line_chart(chart_id: str, title: str, label: str, table: tuple[str, str], labels: Sequence[str],
               values: Sequence[float | None], name: str, reference: Series) -> Chart:
    """A line of `values` with `reference` as a dashed line (a year without a value breaks the line)."""
    labels, values = tuple(labels), tuple(values)
    svg = None
    if any(v is not None for v in values):
        top = max([v for v in values if v is not None] + [v for v in reference.values if v is not None])
        config = {**_COMMON, **_axis(labels), "height": 340, "margin_right": 32, "dots_size": 5, "show_legend": True,
                  "legend_at_bottom": True, "allow_interruptions": True}
        chart = pygal.Line(style=_style(), value_formatter=number_label, y_labels=_count_ticks(top * 1.1), **config)
        chart.x_labels = list(labels)
        chart.add(name, list(values))
        chart.add(reference.name, list(reference.values), show_dots=False, formatter=lambda v: "")
        svg = _render(chart, chart_id, title, label)
    return Chart(chart_id, title, label, *table, labels, (Series(name, values), reference), svg)


def percent_chart(chart_id: str, title: str, what: str, table: tuple[str, str], labels: Sequence[str],
                  values: Sequence[float | None], name: str, series_name: str) -> Chart:
    """Percentages per category as bars on a 0-100 axis."""
    label = description(what, table[1])
    labels, values = tuple(labels), tuple(values)
    svg = None
    if any(v is not None for v in values):
        svg = _render(_bar(labels, values, name, False, percent_label, [0, 25, 50, 75, 100],
                           range=(0, 100), height=320, print_values_position="top", **_axis(labels)),
                      chart_id, title, label)
    return Chart(chart_id, title, label, *table, labels, (Series(series_name, values),), svg)
