"""Deadlines of open question sets: the staff's deadline board and a calendar feed (internal build).

Plain Python: nothing here knows MkDocs. The board (`board`) is a list of `Row`s that the
template `kamervragen/deadlines.html` renders; the feed (`calendar`) is an iCalendar file
(RFC 5545) made with the `icalendar` library, which staff subscribe to in their agenda.

The effective deadline (see `effective_deadline`) follows the rule in README.md, "Design notes":
Kamervragen are due within three weeks; a postponement notice (uitstelbericht) gives three
more weeks, six in all.

Both outputs are a function of the archive and a given `today`, so a build is reproducible
for a given date and tests can fix the date. The board is a static page: its "days left"
are those of the build date, so the internal site should be rebuilt daily.

View of the board page (the `kv` dict in the template), made by `view()`:

    rows      list[Row]   open sets, nearest effective deadline first (overdue ones first of all)
    today     date        the date the days are counted from (the build date)
    overdue   int         how many rows are past their deadline
    feed      str         the feed's path from the site root (urls.CALENDAR), for the `url` filter
    feed_url  str | None  the feed's absolute address (needs `site_url`), to paste into an agenda
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import icalendar

from kamervragen import urls
from kamervragen.dates import dagen, datum
from kamervragen.model import Archive
from kamervragen.read.notes import Note
from kamervragen.site import Context, Output, Page
from kamervragen.views import Link, link, postponement_label, theme_link

TITLE = "Termijnen"
CALENDAR_NAME = "Termijnen Kamervragen"
PRODID = "-//Kamervragen-archief//Termijnen//NL"
UID_DOMAIN = "kamervragen-archief"
REMINDER = -dt.timedelta(days=1, hours=15)  # 09:00 two days before the (all-day) deadline

def effective_deadline(note: Note) -> dt.date:
    """The date by which the answer is due, postponements included.

    Rule (README.md, "Design notes", "The domain"): Kamervragen must be answered within three
    weeks; otherwise the minister sends a postponement notice (uitstelbericht), which gives
    three more weeks, six in all. So the deadline is the note's `termijn` (which defaults to
    `gesteld` + 21 days) plus 21 days for each notice in `uitstel`: one notice gives
    termijn + 21 (six weeks after the questions), a second one termijn + 42, and so on. The
    extension counts from the term, not from the date the notice was sent, so a late notice
    does not buy extra time.
    """
    return note.deadline


def state_label(days_left: int) -> str:
    """'Te laat: 3 dagen over de termijn', 'Vandaag' or 'Nog 5 dagen' (in words, not colour)."""
    if days_left < 0:
        return f"Te laat: {dagen(-days_left)} over de termijn"
    if days_left == 0:
        return "Vandaag"
    return f"Nog {dagen(days_left)}"


def postponed_label(notices: int) -> str:
    """'' (none), 'Uitgesteld' (one notice) or 'Uitgesteld (2 keer)'."""
    if notices == 0:
        return ""
    return "Uitgesteld" if notices == 1 else f"Uitgesteld ({notices} keer)"


@dataclass(frozen=True)
class Row:
    """One open set on the deadline board. URLs are site-relative, for the template's `url` filter."""

    kenmerk: str
    titel: str
    url: str
    gesteld: dt.date
    termijn: dt.date            # the original term (three weeks, or the note's own `termijn`)
    deadline: dt.date           # the effective deadline, postponements included
    days_left: int              # negative when overdue
    state: str                  # state_label(days_left)
    postponed: str              # postponed_label(len(uitstel)); '' when not postponed
    uitstel: tuple[str, ...]    # each notice as words: '28 oktober 2024', 'Aanhangsel nr. 507'…
    gericht_aan: tuple[Link, ...]
    beantwoord_door: Link | None
    themes: tuple[Link, ...]
    askers: str                 # 'Naam (Partij), …'
    internal: bool              # an internal set (zichtbaarheid: intern)

    @property
    def overdue(self) -> bool:
        return self.days_left < 0

    @property
    def css(self) -> str:
        """State for a class name: te-laat, vandaag or open."""
        return "te-laat" if self.overdue else "vandaag" if self.days_left == 0 else "open"


def row(archive: Archive, note: Note, today: dt.date) -> Row:
    deadline = effective_deadline(note)
    days_left = (deadline - today).days
    return Row(
        kenmerk=note.kenmerk, titel=note.titel, url=urls.set_url(note.kenmerk), gesteld=note.gesteld,
        termijn=note.termijn, deadline=deadline, days_left=days_left, state=state_label(days_left),
        postponed=postponed_label(len(note.uitstel)), uitstel=tuple(postponement_label(p) for p in note.uitstel),
        gericht_aan=tuple(link(urls.MINISTERS, m) for m in note.gericht_aan),
        beantwoord_door=link(urls.MINISTERS, note.answerers[0]) if note.answerers else None,
        themes=tuple(theme_link(archive, s) for s in note.themas),
        askers=note.askers_label,
        internal=note.internal,
    )


def board(archive: Archive, today: dt.date) -> list[Row]:
    """Every open set (no answer yet) the archive's audience may see, nearest deadline first.

    Sorted by effective deadline, then kenmerk; overdue sets come first because their
    deadlines are the earliest. Answered sets are left out, however late they were, and so
    are sets whose answers are in the note without the letter's date (status
    beantwoord-datum-onbekend): they are answered, not overdue.
    """
    rows = [row(archive, n, today) for n in archive.notes if n.status in ("open", "uitgesteld")]
    return sorted(rows, key=lambda r: (r.deadline, r.kenmerk))


def view(archive: Archive, today: dt.date, site_url: str | None = None) -> dict[str, Any]:
    """What the board template renders (documented in this module's docstring)."""
    rows = board(archive, today)
    return {"rows": rows, "today": today, "overdue": sum(r.overdue for r in rows),
            "feed": urls.CALENDAR, "feed_url": urls.absolute(site_url, urls.CALENDAR)}


def _description(r: Row) -> str:
    lines = [
        f"Vragensteller(s): {r.askers}",
        "Gericht aan: " + ", ".join(m.text for m in r.gericht_aan),
    ]
    if r.beantwoord_door and r.beantwoord_door not in r.gericht_aan:  # the set is open: who will answer
        lines.append(f"Beantwoording door: {r.beantwoord_door.text}")
    lines.append(f"Gesteld: {datum(r.gesteld)}")
    if r.uitstel:
        lines.append(f"Oorspronkelijke termijn: {datum(r.termijn)}")
        lines.append("Uitstel gemeld: " + ", ".join(r.uitstel))
    lines.append("Thema's: " + ", ".join(t.text for t in r.themes))
    return "\n".join(lines)


def calendar(archive: Archive, today: dt.date, site_url: str | None = None) -> bytes:
    """The deadlines as an iCalendar file (RFC 5545): one all-day event per open set.

    Each event falls on the set's effective deadline, with a stable UID
    (`<kenmerk>@kamervragen-archief`), so an agenda that refreshes the feed moves the event
    when a postponement is recorded instead of adding a second one; SEQUENCE counts the
    notices (RFC 5545 wants it raised when an event changes). DTSTAMP is midnight UTC of
    `today`, so the same archive and date always give the same bytes. The URL of the set
    page is included when `site_url` is known (an agenda needs an absolute address).
    Text values (titles with commas, semicolons, newlines) are escaped by the library.
    """
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", CALENDAR_NAME)
    cal.add("name", CALENDAR_NAME)  # RFC 7986's name for X-WR-CALNAME
    cal.add("x-wr-caldesc", "Antwoordtermijnen van open schriftelijke Kamervragen, uitstel meegerekend")
    cal.add("refresh-interval", dt.timedelta(days=1), parameters={"VALUE": "DURATION"})  # RFC 7986
    cal.add("x-published-ttl", "P1D")  # the same, for Outlook
    stamp = dt.datetime.combine(today, dt.time(0), tzinfo=dt.timezone.utc)
    for r in board(archive, today):
        event = icalendar.Event()
        event.add("uid", f"{r.kenmerk}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", r.deadline)
        event.add("dtend", r.deadline + dt.timedelta(days=1))
        event.add("summary", f"Termijn {r.kenmerk}: {r.titel}")
        event.add("description", _description(r))
        event.add("categories", [t.text for t in r.themes])
        event.add("sequence", len(r.uitstel))
        event.add("transp", "TRANSPARENT")  # a deadline does not make anyone busy
        if site_url:
            event.add("url", urls.absolute(site_url, r.url))
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", f"Over twee dagen: termijn {r.kenmerk}")
        alarm.add("trigger", REMINDER)
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def generate(ctx: Context) -> Output:
    """The board page and its calendar, for the internal build only (staff's deadlines)."""
    if not ctx.archive.internal:
        return Output()
    site_url = ctx.options.site_url
    return Output(pages=[Page(urls.src(urls.DEADLINES), TITLE, "deadlines", view(ctx.archive, ctx.today, site_url))],
                  files={urls.CALENDAR: calendar(ctx.archive, ctx.today, site_url)})
