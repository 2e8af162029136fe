"""The published folder is never half-written: a build goes to a hidden sibling folder that
replaces the old site only when the build succeeded. A failed or interrupted build leaves the
previous site as it was (MkDocs itself empties the output folder before it starts)."""

from __future__ import annotations

import gc
import os
import shutil
import signal
import tempfile
from pathlib import Path
from typing import Iterable


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


class BackgroundWriter:
    """Writes files (path below the folder, bytes) in a forked process while the build goes
    on; `wait` says when they are all there. At 10,000 sets the search index and short links
    are 22,000 files, 7 s of writing that no later step of the build reads. `files` may be
    a generator: it then runs in the writer. It first makes `folders`, for files the build
    writes later (a new folder costs as much as a file). Without fork (or `fork` False: a
    server runs threads, which a fork does not copy) all is done at once."""

    def __init__(self, folder: Folder, files: Iterable[tuple[str, bytes]], fork: bool,
                 folders: Iterable[str] = ()) -> None:
        self.pid: int | None = None
        self.report = -1  # read end of the pipe the writer reports a failure on
        if not (fork and hasattr(os, "fork")):
            _write_all(folder, files, folders)
            return
        self.report, report = os.pipe()
        self.pid = os.fork()
        if self.pid == 0:  # the writer: no collection, which would write to (and copy) every shared page
            gc.disable()
            os.close(self.report)
            code = 0
            try:
                _write_all(folder, files, folders)
            except BaseException as err:  # noqa: BLE001 - anything that stops the writer is reported
                os.write(report, str(err).encode("utf-8", "replace"))
                code = 1
            os._exit(code)
        os.close(report)

    def wait(self) -> None:
        """Return when every file is written; raise OSError (with the writer's message) if one was not."""
        if self.pid is None:
            return
        pid, self.pid = self.pid, None
        with os.fdopen(self.report, "rb") as report:
            message = report.read().decode("utf-8", "replace")
        _, status = os.waitpid(pid, 0)
        if status != 0:
            raise OSError(message or f"het schrijfproces stopte onverwacht (status {status})")

    def stop(self) -> None:
        """The build failed: stop writing."""
        if self.pid is not None:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
            os.close(self.report)
            self.pid = None


def _write_all(folder: Folder, files: Iterable[tuple[str, bytes]], folders: Iterable[str]) -> None:
    for rel in folders:
        (folder.path / rel).mkdir(parents=True, exist_ok=True)
    for rel, content in files:
        try:
            folder.write(rel, content)
        except OSError as err:
            raise OSError(f"{rel} niet geschreven: {err}") from err


class SourceFolder(Folder):
    """The generated pages' Markdown, on disk for the build's length instead of in memory
    (at 10,000 sets a copy of every note's text)."""

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
