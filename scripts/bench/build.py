"""The build benchmark for one N: our site against bare MkDocs + Material, built in turn.

On the same synthetic notes: bare MkDocs + Material (each note a page, nav trimmed to the
home page, the theme options and Markdown extensions of mkdocs.yml), once without any plugin
and once as it comes, with Material's own search plugin (the baseline issue 13 measured: its
401 MB bare site at 10,000 notes holds Material's 111 MB search_index.json); our public
build cold, then again after one note's answer changed (caches kept, as CI restores .cache/);
our staff build cold. With --vergelijk the changed notes are also built cold and the two sites
compared file by file: caches must never change the output.
"""

from __future__ import annotations

import argparse
import filecmp
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import corpus
from .builds import REPO, Build, folder_size, mkdocs_build, set_aside, site_config
from .report import log, median

SITE_URL = "https://kamervragen.example.org/"
KINDS = {"kaal": "kaal (MkDocs + Material, geen plugin)",
         "kaal-zoek": "kaal met zoeken (Material zoals geleverd)", "koud": "ons, koud", "wijziging": "ons, na 1 wijziging",
         "intern": "intern, koud"}


@dataclass
class Measured:
    build: Build
    site_bytes: int
    site_files: int


@dataclass
class Result:
    n: int
    runs: dict[str, list[Measured]] = field(default_factory=dict)
    changed: str = ""
    note_bytes: float = 0  # average size of a note file
    identical: str | None = None  # outcome of --vergelijk
    plugin_lines: list[str] = field(default_factory=list)

    def median(self, kind: str, attr: str) -> float | None:
        return median([_value(m, attr) for m in self.runs.get(kind, [])])


def _value(m: Measured, attr: str) -> float:
    return {"tijd": m.build.seconds, "cpu": m.build.cpu_seconds, "piek": m.build.peak_mb,
            "site": m.site_bytes / 1e6, "bestanden": m.site_files}[attr]


class _TaggedLoader(yaml.SafeLoader):
    """Reads mkdocs.yml's `!ENV` values as absent: only theme and Markdown options are copied."""


_TaggedLoader.add_constructor("!ENV", lambda loader, node: None)


def write_configs(folder: Path, notes: Path) -> dict[str, Path]:
    """mkdocs.yml per build: bare (own docs, real theme options), ours and staff (INHERIT)."""
    real = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TaggedLoader)
    bare = folder / "kaal"
    corpus.bare_docs(notes, bare / "docs")
    bare_config = {"site_name": "Kamervragen (kaal)", "site_url": SITE_URL, "docs_dir": "docs", "site_dir": "site",
                   "theme": real["theme"], "plugins": [], "markdown_extensions": real["markdown_extensions"],
                   "nav": [{"Home": "index.md"}]}
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(bare_config, allow_unicode=True, sort_keys=False),
                                     encoding="utf-8")
    searching = folder / "kaal-zoek"
    searching.mkdir(exist_ok=True)
    search_config = {**bare_config, "docs_dir": str(bare / "docs"), "plugins": [{"search": {"lang": "nl"}}]}
    (searching / "mkdocs.yml").write_text(yaml.safe_dump(search_config, allow_unicode=True, sort_keys=False),
                                          encoding="utf-8")
    return {"kaal": bare / "mkdocs.yml", "kaal-zoek": searching / "mkdocs.yml",
            "ons": site_config(folder / "ons" / "mkdocs.yml", notes),
            "intern": site_config(folder / "intern" / "mkdocs.yml", notes, "mkdocs.intern.yml")}


def _clean(config: Path, cache: bool) -> None:
    """Out of the build's way (see set_aside): its earlier site and, with `cache`, its caches."""
    workdir = config.parent.parent.parent  # --map: <map>/n<N>/<build>/mkdocs.yml
    set_aside(config.parent / "site", workdir)
    if cache:
        set_aside(config.parent / ".cache", workdir)


def _measure(config: Path, label: str, site: Path | None = None) -> Measured:
    built = mkdocs_build(config, label, env={"SITE_URL": SITE_URL})
    size, files = folder_size(site or config.parent / "site")
    log(f"   {label}: {built.seconds:.1f} s (cpu {built.cpu_seconds:.1f} s), piek {built.peak_mb:.0f} MB, "
        f"site {size / 1e6:.1f} MB in {files} bestanden")
    return Measured(built, size, files)


def compare_sites(a: Path, b: Path) -> str:
    """'identiek (N bestanden)' or what differs: missing, extra and changed files (a few named)."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    changed = sorted(f for f in files_a & files_b if not filecmp.cmp(a / f, b / f, shallow=False))
    only_a, only_b = sorted(files_a - files_b), sorted(files_b - files_a)
    if not (changed or only_a or only_b):
        return f"identiek ({len(files_a)} bestanden)"
    return (f"VERSCHILLEN: {len(changed)} gewijzigd {changed[:5]}, {len(only_a)} alleen warm {only_a[:5]}, "
            f"{len(only_b)} alleen koud {only_b[:5]}")


def run_n(args: argparse.Namespace, n: int) -> Result:
    result = Result(n)
    folder = args.map / (f"n{n}-gedeeld" if args.gedeelde_termen else f"n{n}")
    log(f"N={n}: notities in {folder} (gegenereerd als ze er nog niet zijn)")
    notes = corpus.notes(folder, n, seed=args.seed, target_bytes=args.bytes, shared_terms=args.gedeelde_termen,
                         fresh=args.opnieuw).notes
    configs = write_configs(folder, notes)
    files = corpus.note_files(notes)
    result.note_bytes = sum(p.stat().st_size for p in files) / len(files)
    changed = corpus.middle_note(notes)
    result.changed = changed.relative_to(notes).as_posix()
    original = changed.read_bytes()
    try:
        for r in range(1, args.rondes + 1):
            log(f"N={n}: ronde {r}/{args.rondes}")
            for bare in ("kaal", "kaal-zoek"):
                if bare in args.bouwen:
                    _clean(configs[bare], cache=True)
                    result.runs.setdefault(bare, []).append(_measure(configs[bare], bare))
            if "koud" in args.bouwen:
                _clean(configs["ons"], cache=True)
                result.runs.setdefault("koud", []).append(_measure(configs["ons"], "koud"))
            if "wijziging" in args.bouwen:
                corpus.change_one(changed, f"ronde {r}")
                _clean(configs["ons"], cache=False)  # as in CI: only .cache/ is restored
                result.runs.setdefault("wijziging", []).append(_measure(configs["ons"], "wijziging"))
                result.plugin_lines = [line.split("kamervragen:", 1)[1].strip()
                                       for line in result.runs["wijziging"][-1].build.log.splitlines()
                                       if "kamervragen:" in line]
            if args.vergelijk and r == args.rondes and "wijziging" in args.bouwen:
                cold = site_config(configs["ons"].parent / "vergelijking.yml", notes, site="site-koud",
                                   cache=".cache-vergelijking")
                set_aside(cold.parent / "site-koud", args.map)
                set_aside(cold.parent / ".cache-vergelijking", args.map)
                log(f"N={n}: dezelfde notities koud bouwen ter vergelijking")
                mkdocs_build(cold, "vergelijking", env={"SITE_URL": SITE_URL})
                result.identical = compare_sites(cold.parent / "site", cold.parent / "site-koud")
                log(f"   warm tegenover koud: {result.identical}")
            changed.write_bytes(original)
            if "intern" in args.bouwen:
                _clean(configs["intern"], cache=True)
                result.runs.setdefault("intern", []).append(_measure(configs["intern"], "intern"))
    finally:
        changed.write_bytes(original)
    return result
