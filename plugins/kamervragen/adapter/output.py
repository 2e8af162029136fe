"""The published folder is never half-written: a build goes to a hidden sibling folder that
replaces the old site only when the build succeeded. A failed or interrupted build leaves the
previous site as it was (MkDocs itself empties the output folder before it starts)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


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
