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


class SourceFolder:
    """The generated pages' Markdown, on disk for the build's length instead of in memory
    (at 10,000 sets a copy of every note's text)."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="kamervragen-bronnen-"))

    def write(self, rel: str, text: str) -> str:
        path = self.path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return str(path)

    def remove(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def write_into_site(site_dir: Path, rel: str, data: bytes) -> str:
    """A data file written where the site will have it: MkDocs then has nothing to copy
    (it skips a file whose source is its destination) and the build holds none in memory."""
    path = site_dir / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return str(path)


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
