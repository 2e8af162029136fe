"""The published folder is never half-written: a build goes to a hidden sibling folder that
replaces the old site only when the build succeeded. A failed or interrupted build leaves the
previous site as it was (MkDocs itself empties the output folder before it starts)."""

from __future__ import annotations

import functools
import marshal
import multiprocessing
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator


def unsafe_output(site_dir: Path, protected: dict[str, Path]) -> str | None:
    """Why `site_dir` must not be an output folder (MkDocs empties it), or None when it may."""
    site = site_dir.resolve()
    for what, path in protected.items():
        path = path.resolve()
        if path == site or path.is_relative_to(site):
            return f"de uitvoermap {site} {'is' if path == site else 'bevat'} {what} ({path})"
    return None


class Folder:
    """Writes files below one folder, making each sub-folder once: a `mkdir` per file
    (and per parent) took 4 s at 10,000 sets."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.made: set[Path] = set()

    def write(self, rel: str, data: bytes) -> str:
        path = self.path / rel
        if path.parent not in self.made:
            path.parent.mkdir(parents=True, exist_ok=True)
            self.made.add(path.parent)
        path.write_bytes(data)
        return str(path)


Files = list[tuple[str, bytes]] | Callable[[], Iterable[tuple[str, bytes]]]  # see BackgroundWriter


class BackgroundWriter:
    """Writes files below a folder in a process of its own while the build goes on; `wait`
    says when they are all there. At 10,000 sets the search index and short links are 22,000
    files, 7 s of writing that no later step of the build reads. `files` is a list of (path
    below the folder, bytes), or a function that the writer calls for them (it then reads
    them itself). It first makes `folders`, for files the build writes later (a new folder
    costs as much as a file).

    The writer is a fresh process that receives only its files: a fork would share all of
    the build's memory, and each page of it the build then wrote to would be copied (at
    10,000 sets a forked writer raised the build's peak by 150 to 350 MB). A list is handed
    over through a spool file, written item by item, so neither process holds a second copy.
    With `separate` False (a server runs threads, which do not mix with starting processes)
    all is done at once."""

    def __init__(self, folder: Path, files: Files, separate: bool, folders: Iterable[str] = ()) -> None:
        self.process: Any = None
        self.report: Any = None  # where the writer says why it stopped
        self.spool: str | None = None  # the file a list of files is handed over in
        if not separate:
            _write_all(str(folder), files, list(folders), None)
            return
        if not callable(files):
            files = self._spooled(files)
        context = multiprocessing.get_context("spawn")
        self.report, report = context.Pipe(duplex=False)
        self.process = context.Process(target=_write_all, args=(str(folder), files, list(folders), report),
                                       name="kamervragen-schrijver", daemon=True)
        self.process.start()
        report.close()

    def _spooled(self, files: list[tuple[str, bytes]]) -> Callable[[], Iterable[tuple[str, bytes]]]:
        handle, self.spool = tempfile.mkstemp(prefix="kamervragen-schrijver-")
        with os.fdopen(handle, "wb") as spool:
            for item in files:
                marshal.dump(item, spool)
        return functools.partial(_unspool, self.spool)

    def wait(self) -> None:
        """Return when every file is written; raise OSError (with the writer's message) if one was not."""
        if self.process is None:
            return
        process, self.process = self.process, None
        process.join()
        try:
            message = self.report.recv() if self.report.poll() else ""
        except EOFError:  # it ended without a word: all went well, or it was killed
            message = ""
        self.report.close()
        if process.exitcode != 0:
            raise OSError(message or f"het schrijfproces stopte onverwacht (code {process.exitcode})")

    def stop(self) -> None:
        """The build failed: stop writing."""
        if self.process is not None:
            self.process.kill()
            self.process.join()
            self.report.close()
            self.process = None
        if self.spool is not None and os.path.exists(self.spool):
            os.unlink(self.spool)


def _unspool(path: str) -> Iterator[tuple[str, bytes]]:
    """The items of a spool file, which is removed when they are read."""
    try:
        with open(path, "rb") as spool:
            while True:
                try:
                    yield marshal.load(spool)
                except EOFError:
                    return
    finally:
        os.unlink(path)


def _write_all(folder: str, files: Files, folders: list[str], report: Any) -> None:
    """The writer's work; a failure is sent on `report` (None: raised) and ends the writer."""
    rel = ""
    try:
        into = Folder(Path(folder))
        for rel in folders:
            (into.path / rel).mkdir(parents=True, exist_ok=True)
        for rel, content in files() if callable(files) else files:
            into.write(rel, content)
    except Exception as err:
        message = f"{rel} niet geschreven: {err}"
        if report is None:
            raise OSError(message) from err
        report.send(message)
        sys.exit(1)


class SourceFolder(Folder):
    """Markdown files, for the build's length, of the generated pages MkDocs reads from a file:
    those in the nav, and all of them when the page cache is off (the others take theirs from
    the core's page, `cached_pages.ArchivePage.read_source`)."""

    def __init__(self) -> None:
        super().__init__(Path(tempfile.mkdtemp(prefix="kamervragen-bronnen-")))

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


class StagedOutput:
    """Build into `.<name>.bouw-*` beside the target, then swap it in (one rename each way)."""

    def __init__(self, target: Path) -> None:
        self.target = target.resolve()
        self.staging: Path | None = None

    def _siblings(self, kind: str) -> list[Path]:
        return list(self.target.parent.glob(f".{self.target.name}.{kind}-*"))

    def begin(self) -> Path:
        """A fresh staging folder; leftovers of interrupted builds are removed first."""
        self.target.parent.mkdir(parents=True, exist_ok=True)
        for stale in self._siblings("bouw") + self._siblings("oud"):
            shutil.rmtree(stale, ignore_errors=True)
        self.staging = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.bouw-", dir=self.target.parent))
        umask = os.umask(0)
        os.umask(umask)
        self.staging.chmod(0o777 & ~umask)  # mkdtemp makes it private; a site is served to others
        return self.staging

    def commit(self) -> None:
        """Put the finished build in place of the old site, then delete the old one."""
        assert self.staging is not None
        old = None
        if self.target.exists():
            old = self.target.with_name(f".{self.target.name}.oud-{os.getpid()}")
            self.target.rename(old)
        self.staging.rename(self.target)
        self.staging = None
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abandon(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None
