"""Which archive a command works on: the core build options from the command line, or from the
project's mkdocs.yml (`check --mkdocs`), read by MkDocs itself through the adapter.

`--notes` and `--themas` win over mkdocs.yml; `--notes` alone means the registry in that folder.
Without either, the plugin's defaults from `kamervragen.options` apply to the current folder."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kamervragen import options
from kamervragen.cli.errors import fail
from kamervragen.options import Options
from kamervragen.problems import ArchiveError
from kamervragen.read.themes import Theme, load_themes

THEMES_HINT = "geef het juiste bestand met --themas BESTAND"


def project_options(args: argparse.Namespace) -> Options:
    """The options the command line gives, over those of `--mkdocs` if it is given."""
    given: dict[str, Any] = {}
    if args.notes is not None:
        given["notes_dir"] = args.notes.absolute()
        given["themes_file"] = (args.themas or args.notes / options.THEMES_NAME).absolute()
    elif args.themas is not None:
        given["themes_file"] = args.themas.absolute()
    if getattr(args, "vandaag", None) is not None:
        given["today"] = args.vandaag
    mkdocs = getattr(args, "mkdocs", None)
    if mkdocs is None:
        defaults = {"notes_dir": Path(options.NOTES_DIR).absolute(),
                    "themes_file": Path(options.THEMES_FILE).absolute()}
        return Options(**{**defaults, **given})
    from kamervragen.adapter import project  # MkDocs, and through it the whole plugin: seconds to load

    try:
        return project.options_from_config(mkdocs, **given)
    except project.ConfigError as err:
        fail(str(err))


def shown(path: Path) -> Path:
    """A path as staff would type it: relative to the current folder when it lies inside it."""
    here = Path.cwd()
    return path.relative_to(here) if path.is_relative_to(here) else path


def notes_folder(opts: Options, hint: str) -> Path:
    """The notes folder, as shown; stops with `hint` when it is not there."""
    notes = shown(opts.notes_dir)
    if not notes.is_dir():
        fail(f"de map met notities bestaat niet: {notes} ({hint})")
    return notes


def theme_registry(opts: Options) -> dict[str, Theme]:
    """The theme registry; stops when it cannot be read, naming the option that points to it."""
    try:
        registry, _ = load_themes(opts.themes_file, str(shown(opts.themes_file)))
    except ArchiveError as err:
        fail(f"{err} ({THEMES_HINT})")
    return registry
