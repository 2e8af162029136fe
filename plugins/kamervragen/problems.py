"""Problems found in the archive's sources, reported all at once with file, key and line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in one source file; `key` and `line` are given where they are known."""

    path: str
    message: str
    key: str | None = None
    line: int | None = None
    # Fatal in every build, strict or not: no choice of file would be right (a duplicate kenmerk).
    fatal: bool = False

    @property
    def summary(self) -> str:
        """Where and what without the file, for a list that names the file already."""
        where = ", ".join(filter(None, [f"regel {self.line}" if self.line else "",
                                        f"veld '{self.key}'" if self.key else ""]))
        return f"{where}: {self.message}" if where else self.message

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        field = f" veld '{self.key}':" if self.key else ""
        return f"{where}:{field} {self.message}"


class ArchiveError(Exception):
    """Raised when the archive cannot be read at all (e.g. the theme registry is missing)."""
