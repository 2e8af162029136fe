"""Validated notes kept across builds, by the hash of their text, their path and the
reader's own code: a rebuild reads every file but parses only the notes that changed, and a
cold build parses them in worker processes."""

from __future__ import annotations

import pickle
from pathlib import Path

from kamervragen import parallel, store
from kamervragen.read.notes import ParseAll, Parsed, parse_note
from kamervragen.store import Store, code_digest, digest

_LIBRARIES = ("PyYAML", "nh3")  # what parsing uses besides our own code


def parse_in(workers: int | None) -> ParseAll:
    """parse_notes in up to `workers` processes: parsing is a third of a cold build's reading."""
    def parse(items: list[tuple[str, str]]) -> list[Parsed]:
        return list(parallel.run(lambda i: parse_note(*items[i]), list(range(len(items))), workers))
    return parse


class NoteCache:
    """`parse` is parse_notes, in up to `workers` processes, for the notes the cache file lacks."""

    def __init__(self, path: Path, workers: int | None = 1) -> None:
        self.store = Store(path, ("notes",))
        self.workers = workers
        self.parsed = 0  # notes this build parsed, not found

    def parse(self, items: list[tuple[str, str]]) -> list[Parsed]:
        keys = [digest(code_digest(*_LIBRARIES), rel, text) for text, rel in items]
        out: list[Parsed | None] = []
        todo: list[int] = []
        for i, key in enumerate(keys):
            found = self.store.get("notes", key)
            out.append(None if found is None else pickle.loads(found))
            if found is None:
                todo.append(i)
        # A worker hands over a note as the cache keeps it, so it is pickled once.
        made = parallel.run(lambda i: pickle.dumps(parse_note(*items[i]), protocol=pickle.HIGHEST_PROTOCOL), todo,
                            self.workers)
        for i, data in zip(todo, made):
            self.parsed += 1
            self.store.put("notes", keys[i], data)
            out[i] = pickle.loads(data)
        for parsed, key in zip(out, keys):  # a note is what its text, path and our code make it
            if parsed is not None and parsed[0] is not None:
                store.known(parsed[0], key)
        return [parsed for parsed in out if parsed is not None]

    def close(self) -> None:
        self.store.close()
