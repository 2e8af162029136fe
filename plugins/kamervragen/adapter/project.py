"""The build options of a project, read from its mkdocs.yml by MkDocs itself, for code that runs
outside a build (the staff command line's `check --mkdocs`).

`load_config` is what `mkdocs build` runs, so `INHERIT`, `!ENV` and the checks of every option,
the plugin's included, are exactly the build's. It also loads every plugin and theme the file
names, which takes seconds; callers import this module only when they need mkdocs.yml."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml
from mkdocs import exceptions
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from kamervragen.adapter.config import core_options
from kamervragen.options import Options
from kamervragen.problems import Problem
from kamervragen.read.source import explain, read_text

PLUGIN = "kamervragen"


class ConfigError(Exception):
    """The configuration cannot be used; the message is Dutch and names the file."""


def options_from_config(config_file: Path, **overrides: Any) -> Options:
    """The options of the kamervragen plugin in `config_file` with `overrides` (fields of
    `Options`) over them; ConfigError when MkDocs refuses the file or the plugin is not in it."""
    config = _load(config_file)
    plugin = config.plugins.get(PLUGIN)
    if plugin is None:
        raise ConfigError(f"{config_file} gebruikt de plugin kamervragen niet (plugins: - kamervragen: …)")
    return dataclasses.replace(core_options(plugin.config, config), **overrides)


class _Collect(logging.Handler):
    """MkDocs logs why it refuses a configuration, then aborts; the messages go into ours."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def mkdocs_messages() -> Iterator[list[str]]:
    """MkDocs' warnings and errors while the block runs, as a list (the tests' builds use it too)."""
    handler = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


def _load(config_file: Path) -> MkDocsConfig:
    # Read first: MkDocs would open a FIFO and wait for ever, and its "does not exist" is English.
    text = read_text(config_file, str(config_file))
    if isinstance(text, Problem):
        raise ConfigError(str(text) if config_file.exists() or config_file.is_symlink()
                          else f"{config_file} bestaat niet")
    with mkdocs_messages() as messages:
        try:
            return load_config(str(config_file))
        except exceptions.ConfigurationError as err:  # the YAML of this file or one it INHERITs
            if isinstance(err.__context__, yaml.YAMLError):
                raise ConfigError(str(_yaml_problem(err.__context__, config_file))) from None
            raise ConfigError(f"{config_file}: MkDocs kan de configuratie niet lezen: {err}") from None
        except exceptions.Abort as err:
            why = "; ".join(messages) or str(err)
            raise ConfigError(f"{config_file}: MkDocs keurt de configuratie af: {why}") from None


def _yaml_problem(err: yaml.YAMLError, config_file: Path) -> Problem:
    """The Dutch message for a YAML error, in the file where it is (a parent, with INHERIT)."""
    mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
    source = Path(mark.name) if mark is not None else config_file
    rel = str(config_file) if source.resolve() == config_file.resolve() else str(source)
    text = read_text(source, rel)
    return explain(err, text if isinstance(text, str) else "", rel)
