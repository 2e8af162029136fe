"""The one orchestrator: notes in, a Site out, for one audience.

    read the notes -> Archive -> analyse the text once -> run every generator -> Site

Nothing here knows MkDocs; the adapter (`adapter/plugin.py`) only hands the Site to it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property

from kamervragen import dates, memory, parallel
from kamervragen.analysis import records, similar
from kamervragen.analysis.cache import TermCache
from kamervragen.generate import deadlines, feeds, opendata, pages, problems, robots, search, short_links, stats
from kamervragen.model import Archive, load_archive
from kamervragen.options import Options
from kamervragen.problems import ArchiveError, Problem
from kamervragen.read.note_cache import NoteCache, parse_in
from kamervragen.read.notes import Note
from kamervragen.site import Context, Generator, Output, Site, Unlinked

# In the order their pages are handed to the builder.
GENERATORS: tuple[Generator, ...] = (
    pages.generate, stats.generate, deadlines.generate, problems.generate,
    search.generate, feeds.generate, opendata.generate, robots.generate, short_links.generate,
)


class Similar(Mapping[str, list[Note]]):
    """Per kenmerk, the sets most alike in content, from `similar.most_similar`'s numbers
    (`found`), fetched when a generator first looks."""

    def __init__(self, archive: Archive, found: Callable[[], list[list[tuple[int, float]]]]) -> None:
        self.archive, self.found = archive, found

    @cached_property
    def _by_kenmerk(self) -> dict[str, list[Note]]:
        notes = self.archive.notes
        return {n.kenmerk: [notes[j] for j, _ in found] for n, found in zip(notes, self.found(), strict=True)}

    def __getitem__(self, kenmerk: str) -> list[Note]:
        return self._by_kenmerk[kenmerk]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_kenmerk)

    def __len__(self) -> int:
        return len(self._by_kenmerk)


class BuildStopped(ArchiveError):
    """The notes have problems the build may not pass over; `problems` lists them all."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        files = len({p.path for p in problems})
        super().__init__(f"kamervragen: de build stopt: {len(problems)} probleem/problemen in {files} "
                         "bestand(en):\n" + "\n".join(f"  {p}" for p in problems))


def read(options: Options, strict: bool) -> tuple[Archive, list[Problem]]:
    """The archive for the options' audience. A strict build stops at any problem, every build at
    a fatal one (a duplicate kenmerk): the rest of the notes would publish the wrong set."""
    cache = NoteCache(options.cache_dir / "notes.sqlite", options.workers) if options.cache_dir else None
    try:
        archive, found = load_archive(options.notes_dir, options.themes_file, options.audience,
                                      cache.parse if cache else parse_in(options.workers))
    finally:
        if cache is not None:
            cache.close()
    stopping = found if strict else [p for p in found if p.fatal]
    if stopping:
        raise BuildStopped(stopping)
    return archive, found


def generate(archive: Archive, found: list[Problem], options: Options, unlinked: Unlinked | None = None) -> Site:
    """Analyse the archive's text once and run every generator on it. Files no page links to
    (the search index, short links) go to `unlinked` as soon as they are made, if it is given,
    and not into the Site: a builder can write them while the rest is made."""
    cache = TermCache(options.cache_dir / f"terms-{options.audience.name}.sqlite") if options.cache_dir else None
    try:
        analysed = records.analyse(archive, cache, options.workers)  # the index and similar sets both use it
    finally:
        if cache is not None:
            cache.close()
    # Similar sets and the search index both come from the analysis alone (6 s each at 10,000
    # sets): the similar sets are worked out in another process while this one makes the index.
    neighbours = parallel.Background(lambda: similar.most_similar(analysed.stats), len(archive.notes), options.workers)
    try:
        ctx = Context(archive, options, options.today or dates.today(), analysed,
                      Similar(archive, neighbours.result), found)
        # The search index first: weighing its postings is the build's largest passing use of
        # memory, and before the pages exist it does not come on top of their Markdown (110 MB
        # at 10,000 sets). The pages are handed over in GENERATORS order all the same.
        made = {generator: _output(generator, ctx, unlinked)
                for generator in sorted(GENERATORS, key=lambda g: g is not search.generate)}
    finally:
        neighbours.stop()  # only if a generator failed before it needed the similar sets
    outputs = [made[generator] for generator in GENERATORS]
    memory.release()  # what the analysis and the generators used in passing; the builder goes on from here
    return Site(archive, found, pages=[page for out in outputs for page in out.pages],
                files={path: data for out in outputs for path, data in out.files.items()},
                home={key: value for out in outputs for key, value in out.home.items()},
                reanalysed=analysed.reanalysed)


def _output(generator: Generator, ctx: Context, unlinked: Unlinked | None) -> Output:
    out = generator(ctx)
    if unlinked is None or out.linked:
        return out
    unlinked(out.files)
    return dataclasses.replace(out, files={})


def build(options: Options, strict: bool = True, unlinked: Unlinked | None = None) -> Site:
    """The whole site for one audience (`unlinked`: see `generate`). Raises BuildStopped (see
    `read`) before making anything."""
    with memory.collector_paused():
        archive, found = read(options, strict)
        return generate(archive, found, options, unlinked)
