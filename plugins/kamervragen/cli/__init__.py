"""`kamervragen`: the staff command line. `nieuw` starts a note, `check` validates the archive,
`importeer` turns answer documents into notes.

    kamervragen nieuw 2026Z01234 --titel "Veilige raadsvergaderingen" --thema weerbaar-bestuur
    kamervragen check

One module per concern: `parser` (the options and the dispatch), `dutch` (argparse's own
words in Dutch), `project` (which notes and registry: the options, or mkdocs.yml through the
adapter), and one module per command. Exit codes: 0 in orde, 1 problemen (or the archive
cannot be read, or a command refuses), 2 wrong use of the command (unknown option, malformed
kenmerk). Every text is Dutch; errors go to stderr as `kamervragen: …`.

`check` runs in a pre-commit hook, so the command imports only what its subcommand needs:
no MkDocs (unless `--mkdocs` asks for it), no importer for `check`.
"""

from kamervragen.cli.parser import main

__all__ = ["main"]
