"""Statistics of the archive: sets per year, theme and party, and answer time against the term.

Plain Python: nothing here knows MkDocs. `build(archive)` returns the view (the `kv` dict) of
the page `statistieken/`, rendered by `kamervragen/stats.html`. An archive is built per
audience, so the public site's figures count public sets only: this module counts whatever
`archive.notes` holds and never looks past it.

What is counted (the domain rule is in README.md, "Design notes": Kamervragen are due within
three weeks; a postponement notice gives three more):

- a set counts in the year its questions were asked (`gesteld`), as on the year pages;
- a set with several themes counts once for each theme, a set asked by members of several
  parties once for each party (once per party, however many of its members asked);
- answered: the note has an answer date, `beantwoord` (the letter) or else `ontvangen` (the
  date the Kamer received it), or it holds the answers without a date (status
  beantwoord-datum-onbekend, `undated`). An undated answer counts as answered, but not in the
  answer time and neither as on time nor as late (never overdue);
- answer time is the number of days from `gesteld` to the answer date, over dated answers only;
  open sets are counted apart;
- on time: answered on or before the set's term (three weeks after the questions unless the
  note gives another term) plus three weeks for each postponement notice: a postponed set
  is not late within its extended term;
- late: answered after that; postponed: at least one postponement notice (`uitstel`),
  answered or not;
- oral questions (`soort: mondeling`) have no term: they count as sets, not as open or
  answered, and never as late.

Shares are exact percentages in the data (`on_time_pct`), of the dated answers, rounded only
for display. Where no answer has a date there is no median or share: None in the data, "—" on
the page.

Charts are drawn by `kamervragen.charts`; each has the same numbers in a table on the page.

View (the `kv` dict in the template):

    overall     Measures           every set of the archive
    years       list[Row]          per year, oldest first; years between without sets have 0
    themes      list[Row]          per theme, most sets first (then by name)
    parties     list[Count]        per party, most sets first (then by name)
    charts      dict[str, Chart]   sets_per_year, median_per_year, on_time_per_year,
                                   sets_per_theme, sets_per_party
    tables      dict[str, tuple]   years, themes, parties: (HTML id, caption) of each table
    term_days   int                the term in days (21)
    internal    bool               the internal archive (it counts internal sets too)
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any, Iterable

from kamervragen import urls
from kamervragen.charts import Chart, Series, counts_chart, description, line_chart, number_label, percent_chart, percent_label
from kamervragen.model import Archive
from kamervragen.read.notes import TERM_DAYS, Note
from kamervragen.site import Context, Output, Page

TITLE = "Statistieken"

@dataclass(frozen=True)
class Measures:
    """Counts and answer time of a group of sets."""

    sets: int
    answered: int                 # dated answers and undated ones
    open: int                     # not answered (yet)
    on_time: int                  # answered on or before the term
    late: int                     # answered after the term
    postponed: int                # at least one postponement notice, answered or not
    oral: int                     # oral questions (mondeling): no term, neither open nor answered here
    median_days: float | None     # median days from questions to answer; None without dated answers
    on_time_pct: float | None     # exact share of dated answers given on time, 0-100
    undated: int = 0              # answered, but the date of the answer letter is unknown

    @property
    def median_label(self) -> str:
        return number_label(self.median_days)

    @property
    def on_time_label(self) -> str:
        return percent_label(self.on_time_pct)


def measure(notes: Iterable[Note]) -> Measures:
    notes = list(notes)
    written = [n for n in notes if not n.oral]
    dated = [n for n in written if n.answered_on is not None]
    undated = sum(1 for n in written if n.status == "beantwoord-datum-onbekend")
    on_time = sum(1 for n in dated if n.status == "beantwoord")
    days = [n.days_taken for n in dated]
    answered = len(dated) + undated
    return Measures(
        sets=len(notes), answered=answered, open=len(written) - answered, on_time=on_time,
        late=len(dated) - on_time, postponed=sum(1 for n in notes if n.uitstel), oral=len(notes) - len(written),
        median_days=statistics.median(days) if days else None,
        on_time_pct=100 * on_time / len(dated) if dated else None, undated=undated,
    )


@dataclass(frozen=True)
class Row:
    """One year or theme: its name, its page (site-relative, '' when it has none) and measures."""

    name: str
    url: str
    m: Measures


@dataclass(frozen=True)
class Count:
    """One party: its name, its page and the number of sets its members asked."""

    name: str
    url: str
    sets: int


def year_rows(archive: Archive) -> list[Row]:
    """Oldest year first; a year between two with sets, without sets itself, gets a row of zeros."""
    by_year = {int(y): g.notes for y, g in archive.years.items()}
    if not by_year:
        return []
    return [Row(str(y), urls.item_url(urls.YEARS, str(y)) if y in by_year else "", measure(by_year.get(y, [])))
            for y in range(min(by_year), max(by_year) + 1)]


def theme_rows(archive: Archive) -> list[Row]:
    rows = [Row(theme.naam, urls.item_url(urls.THEMES, slug), measure(archive.by_theme[slug]))
            for slug, theme in archive.themes.items()]
    return sorted(rows, key=lambda r: (-r.m.sets, r.name.lower()))


def party_counts(archive: Archive) -> list[Count]:
    rows = [Count(g.name, urls.item_url(urls.PARTIES, g.slug), len(g.notes)) for g in archive.parties.values()]
    return sorted(rows, key=lambda r: (-r.sets, r.name.lower()))


def median_chart(rows: list[Row], table: tuple[str, str]) -> Chart:
    """Median answer days per year, a line, with the term (21 days) as a dashed reference line."""
    label = description(f"Lijngrafiek van de mediane antwoordtijd in dagen per jaar, met een stippellijn "
                        f"bij de termijn van {TERM_DAYS} dagen", table[1])
    term = Series(f"Termijn: {TERM_DAYS} dagen", (TERM_DAYS,) * len(rows))
    return line_chart("kv-grafiek-antwoordtijd", "Mediane antwoordtijd per jaar, in dagen", label, table,
                      [r.name for r in rows], [r.m.median_days for r in rows], "Mediaan", term)


def on_time_chart(rows: list[Row], table: tuple[str, str]) -> Chart:
    return percent_chart("kv-grafiek-op-tijd", "Op tijd beantwoord per jaar, in procenten",
                         "Staafdiagram van het aandeel beantwoorde vragensets dat binnen de termijn is "
                         "beantwoord, per jaar, van 0 tot 100 procent", table,
                         [r.name for r in rows], [r.m.on_time_pct for r in rows], "Op tijd", "Op tijd (%)")


# --- the view ------------------------------------------------------------------------------

# (HTML id, caption) of the tables that hold the charts' numbers
YEAR_TABLE = ("kv-tabel-jaren", "Vragensets en antwoordtijd per jaar")
THEME_TABLE = ("kv-tabel-themas", "Vragensets en antwoordtijd per thema")
PARTY_TABLE = ("kv-tabel-partijen", "Vragensets per partij")


def build(archive: Archive) -> dict[str, Any]:
    """The statistics page's view: tables and charts of the sets this archive's audience sees."""
    years, themes, parties = year_rows(archive), theme_rows(archive), party_counts(archive)
    charts = {
        "sets_per_year": counts_chart(
            "kv-grafiek-jaren", "Vragensets per jaar", "Staafdiagram van het aantal vragensets per jaar",
            YEAR_TABLE, [r.name for r in years], [r.m.sets for r in years], horizontal=False),
        "median_per_year": median_chart(years, YEAR_TABLE),
        "on_time_per_year": on_time_chart(years, YEAR_TABLE),
        "sets_per_theme": counts_chart(
            "kv-grafiek-themas", "Vragensets per thema", "Staafdiagram van het aantal vragensets per thema",
            THEME_TABLE, [r.name for r in themes], [r.m.sets for r in themes], horizontal=True),
        "sets_per_party": counts_chart(
            "kv-grafiek-partijen", "Vragensets per partij",
            "Staafdiagram van het aantal vragensets per partij van de vragenstellers",
            PARTY_TABLE, [r.name for r in parties], [r.sets for r in parties], horizontal=True),
    }
    return {
        "overall": measure(archive.notes),
        "years": years,
        "themes": themes,
        "parties": parties,
        "charts": charts,
        "tables": {"years": YEAR_TABLE, "themes": THEME_TABLE, "parties": PARTY_TABLE},
        "term_days": TERM_DAYS,
        "internal": archive.internal,
    }


def generate(ctx: Context) -> Output:
    return Output(pages=[Page(urls.src(urls.STATISTICS), TITLE, "stats", build(ctx.archive))])
