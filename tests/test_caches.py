"""The core's caches and worker processes make a build faster, never different.

The note cache parses only changed notes and gives back exactly what parsing gives, problems
included; the analysis gives the same records, statistics and standard phrases whether it
runs in one process or in forked workers, cached or not.
"""

from __future__ import annotations

import marshal
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import FIXTURE_NOTES, spelled
from kamervragen import parallel
from kamervragen.analysis import records
from kamervragen.analysis.cache import TermCache
from kamervragen.audience import PUBLIC, STAFF
from kamervragen.model import load_archive
from kamervragen.read import notes as read_notes
from kamervragen.read.note_cache import NoteCache, parse_in


def _load(notes: Path, cache: NoteCache | None = None):
    archive, problems = load_archive(notes, notes / "themas.yml", PUBLIC, *([cache.parse] if cache else []))
    return archive.notes, problems


def test_note_cache_parses_only_changed_notes_and_gives_what_parsing_gives(tmp_path: Path):
    notes = shutil.copytree(FIXTURE_NOTES, tmp_path / "notes")
    broken = notes / "kapot.md"
    broken.write_text("---\nkenmerk: 2099Z99999\ntitel: [niet af\n---\n\n## Vraag 1\n\nWaarom?\n", encoding="utf-8")
    fresh = _load(notes)
    assert fresh[1], "the broken note gives a problem"

    first = NoteCache(tmp_path / "notes.sqlite")
    assert _load(notes, first) == fresh
    first.close()
    count = len(list(notes.rglob("*.md")))
    assert first.parsed == count

    second = NoteCache(tmp_path / "notes.sqlite")
    assert _load(notes, second) == fresh  # every note and every problem, from the cache
    second.close()
    assert second.parsed == 0

    changed = next(p for p in sorted(notes.rglob("*.md")) if p != broken)
    changed.write_text(changed.read_text(encoding="utf-8").replace("## Vraag 1", "## Vraag 1\n\nNieuw.", 1),
                       encoding="utf-8")
    third = NoteCache(tmp_path / "notes.sqlite")
    assert _load(notes, third) == _load(notes)
    third.close()
    assert third.parsed == 1


def test_notes_parsed_in_workers_and_in_chunks_are_the_notes_parsed_in_one_go(tmp_path: Path, monkeypatch):
    notes = shutil.copytree(FIXTURE_NOTES, tmp_path / "notes")
    (notes / "kapot.md").write_text("---\nkenmerk: 2099Z99999\ntitel: [niet af\n---\n\nWaarom?\n", encoding="utf-8")
    (notes / "2099" / "onleesbaar.md").write_bytes(b"---\ntitel: \xff\n---\n")
    alone = _load(notes)
    assert {p.path.rsplit("/", 1)[-1] for p in alone[1]} >= {"kapot.md", "onleesbaar.md"}
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)  # the fixture is smaller than a real archive
    monkeypatch.setattr(read_notes, "CHUNK", 3)  # a read problem and a broken note in chunks of their own
    calls = []
    run = parallel.run
    monkeypatch.setattr(parallel, "run", lambda task, items, workers: calls.append(len(items)) or run(task, items, workers))
    in_workers = load_archive(notes, notes / "themas.yml", PUBLIC, parse_in(2))
    assert (in_workers[0].notes, in_workers[1]) == alone
    cache = NoteCache(tmp_path / "notes.sqlite", workers=2)
    assert _load(notes, cache) == alone
    cache.close()
    assert cache.parsed == len(list(notes.rglob("*.md"))) - 1  # all but the unreadable one
    assert len(calls) > 2 and max(calls) <= 3


@pytest.mark.parametrize("audience", [PUBLIC, STAFF], ids=lambda a: a.name)
def test_analysis_in_worker_processes_is_the_analysis_in_one(tmp_path: Path, monkeypatch, audience):
    archive, _ = load_archive(FIXTURE_NOTES, FIXTURE_NOTES / "themas.yml", audience)
    alone = records.analyse(archive, None, workers=1)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)  # the fixture is smaller than a real archive
    pids = tmp_path / "pids"
    analyse_terms = records.field_terms

    def field_terms(doc: records.SearchDoc) -> dict:
        with pids.open("a") as out:
            out.write(f"{os.getpid()}\n")
        return analyse_terms(doc)

    monkeypatch.setattr(records, "field_terms", field_terms)
    together = records.analyse(archive, None, workers=2)
    assert set(pids.read_text().split()) - {str(os.getpid())}, "no worker process analysed a set"
    cache = TermCache(tmp_path / "terms.sqlite")
    cached = records.analyse(archive, cache, workers=2)
    cache.close()
    cache = TermCache(tmp_path / "terms.sqlite")
    found = records.analyse(archive, cache, workers=2)
    cache.close()
    for analysis in (together, cached, found):
        assert (analysis.files, spelled(analysis), analysis.phrases) == (alone.files, spelled(alone), alone.phrases)
    assert (together.reanalysed, found.reanalysed) == (len(archive.notes), 0)


def test_statistics_name_each_term_by_its_number_in_one_term_list(tmp_path: Path, monkeypatch):
    """Each term is one string in the analysis's term list, whether the statistics were made
    (in workers) or found; a set's statistics hold numbers into it, four bytes each (as
    strings, the terms of 10,000 sets took half a gigabyte, and reading them back took seconds)."""
    archive, _ = load_archive(FIXTURE_NOTES, FIXTURE_NOTES / "themas.yml", PUBLIC)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 2)  # the fixture is smaller than a real archive
    for run in range(2):  # made and kept, then found
        cache = TermCache(tmp_path / "terms.sqlite")
        analysed = records.analyse(archive, cache, workers=2)
        cache.close()
        assert len(analysed.terms) == len(set(analysed.terms)), f"run {run}"
        numbers = [found for fields in analysed.stats for found, _, _ in fields.values()]
        assert {n.itemsize for n in numbers} == {4} and max(map(max, filter(len, numbers))) < len(analysed.terms)
    assert analysed.reanalysed == 0 and spelled(analysed) == spelled(records.analyse(archive))


def _kept(path: Path) -> tuple[list[str], list[bytes]]:
    """The term list and the set rows of a term cache file."""
    db = sqlite3.connect(path)
    (terms,), = db.execute("SELECT data FROM terms").fetchall()
    rows = [data for (data,) in db.execute("SELECT data FROM sets")]
    db.close()
    return marshal.loads(terms), rows


def test_term_cache_keeps_each_term_once_and_grows_by_a_changes_new_terms(tmp_path: Path):
    notes = shutil.copytree(FIXTURE_NOTES, tmp_path / "notes")
    archive, _ = load_archive(notes, notes / "themas.yml", PUBLIC)
    cache = TermCache(tmp_path / "terms.sqlite")
    made = records.analyse(archive, cache)
    cache.close()
    terms, rows = _kept(tmp_path / "terms.sqlite")
    assert len(terms) == len(set(terms)) == len({t for s in spelled(made) for f in s.values() for t in f[0]})
    longest = max(terms, key=len).encode("utf-8")
    assert len(longest) > 8 and not any(longest in marshal.dumps(marshal.loads(row)[1]) for row in rows)
    note = sorted(notes.rglob("*.md"))[0]
    note.write_text(note.read_text(encoding="utf-8") + "\nEen zeldzaamheidsproef volgt.\n", encoding="utf-8")
    archive, _ = load_archive(notes, notes / "themas.yml", PUBLIC)
    cache = TermCache(tmp_path / "terms.sqlite")
    again = records.analyse(archive, cache)
    cache.close()
    assert again.reanalysed == 1 and spelled(again) == spelled(records.analyse(archive))
    grown, _ = _kept(tmp_path / "terms.sqlite")
    now = {t for s in spelled(again) for f in s.values() for t in f[0]}
    assert grown[:len(terms)] == terms and set(grown[len(terms):]) == now - set(terms) != set()


def test_sets_whose_term_list_was_lost_are_analysed_again(tmp_path: Path):
    archive, _ = load_archive(FIXTURE_NOTES, FIXTURE_NOTES / "themas.yml", PUBLIC)
    cache = TermCache(tmp_path / "terms.sqlite")
    made = records.analyse(archive, cache)
    cache.close()
    db = sqlite3.connect(tmp_path / "terms.sqlite")
    db.execute("DELETE FROM terms")
    db.commit()
    db.close()
    cache = TermCache(tmp_path / "terms.sqlite")
    again = records.analyse(archive, cache)
    cache.close()
    assert again.reanalysed == len(archive.notes) and spelled(again) == spelled(made)


# --- fingerprints ------------------------------------------------------------------------------


def test_a_note_from_the_note_cache_is_never_pickled_for_its_fingerprint(tmp_path: Path, monkeypatch):
    """A note the note cache gives (parsed or found) has its cache key for fingerprint: the
    same in every build that reads the same text, another as soon as its text changes."""
    from kamervragen import store

    notes = shutil.copytree(FIXTURE_NOTES, tmp_path / "notes")
    pickled: list[object] = []
    real = store._hash
    monkeypatch.setattr(store, "_hash", lambda value, dispatch: (pickled.append(value), real(value, dispatch))[1])
    prints = []
    for run in ("geparsed", "gevonden", "gewijzigd"):
        if run == "gewijzigd":
            first = sorted(notes.rglob("*.md"))[0]
            first.write_text(first.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
        cache = NoteCache(tmp_path / "notes.sqlite")
        found, _ = _load(notes, cache)
        cache.close()
        prints.append({n.path: store.fingerprint(n) for n in found})
        assert not [v for v in pickled if isinstance(v, read_notes.Note)], run
    assert prints[0] == prints[1]
    changed = {path for path in prints[1] if prints[1][path] != prints[2][path]}
    assert changed == {first.relative_to(notes.parent).as_posix()}


def test_a_note_is_pickled_once_however_many_fingerprints_it_is_part_of(monkeypatch):
    """A note stands in a fingerprint by its own: made once per note object, equal for equal
    notes, different as soon as a field differs (also inside a page's view)."""
    import dataclasses

    from kamervragen import store

    archive, _ = load_archive(FIXTURE_NOTES, FIXTURE_NOTES / "themas.yml", PUBLIC)
    note, other = archive.notes[:2]
    pickled: list[object] = []
    real = store._hash
    monkeypatch.setattr(store, "_hash", lambda value, dispatch: (pickled.append(value), real(value, dispatch))[1])
    first = store.fingerprint("set", {"note": note, "similar": [other]})
    assert store.fingerprint("set", {"note": note, "similar": [other]}) == first
    assert [v for v in pickled if isinstance(v, read_notes.Note)] == [note, other]  # once each
    copy = dataclasses.replace(note)
    assert copy is not note and store.fingerprint("set", {"note": copy, "similar": [other]}) == first
    changed = dataclasses.replace(note, titel=note.titel + " (gewijzigd)")
    assert store.fingerprint("set", {"note": changed, "similar": [other]}) != first
    assert store.fingerprint("set", {"note": other, "similar": [note]}) != first
