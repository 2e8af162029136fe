"""Validated notes kept across builds, by the hash of their text, their path and the
reader's own code: a rebuild reads every file but parses only the notes that changed."""

from __future__ import annotations

import pickle
from pathlib import Path

from kamervragen.problems import Problem
from kamervragen.read.notes import Note, parse_note
from kamervragen.store import Store, code_digest, digest

_LIBRARIES = ("PyYAML", "nh3")  # what parsing uses besides our own code


class NoteCache:
    """`parse` is parse_note, found in the cache file when the note is unchanged."""

    def __init__(self, path: Path) -> None:
        self.store = Store(path, ("notes",))
        self.parsed = 0  # notes this build parsed, not found

    def parse(self, text: str, rel: str) -> tuple[Note | None, list[Problem]]:
        key = digest(code_digest(*_LIBRARIES), rel, text)
        found = self.store.get("notes", key)
        if found is not None:
            return pickle.loads(found)
        self.parsed += 1
        result = parse_note(text, rel)
        self.store.put("notes", key, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        return result

    def close(self) -> None:
        self.store.close()
