"""The command line's options, help texts and dispatch: which command runs, with which options.

Each command lives in a module of its own, imported only when it is chosen: `check` runs in a
pre-commit hook and must not wait for the importer's word lists or for MkDocs."""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
from pathlib import Path

from kamervragen import options
from kamervragen.cli.dutch import Formatter, Parser, in_dutch
from kamervragen.cli.errors import PROG, Exit
from kamervragen.cli.project import project_options
from kamervragen.read.notes import TERM_DAYS
from kamervragen.read.schema import DATE, KENMERK

DESCRIPTION = """\
Werken aan het Kamervragen-archief: een nieuwe notitie beginnen en alle notities
controleren zoals de sitebouw dat doet."""

EPILOG = """\
voorbeelden:
  kamervragen nieuw 2026Z01234 --titel "Veilige raadsvergaderingen"
  kamervragen check
  kamervragen check --mkdocs mkdocs.yml

Uitkomst: 0 = in orde, 1 = problemen gevonden of geweigerd, 2 = verkeerd gebruik.
Meer uitleg per opdracht: kamervragen nieuw --help, kamervragen check --help."""

NIEUW_DESCRIPTION = f"""\
Schrijft een nieuwe notitie <notes>/<jaar>/<KENMERK>.md met alle sleutels van het
notitieformaat, 'gesteld' op vandaag en 'termijn' {TERM_DAYS} dagen later. Wat u niet meegeeft,
blijft leeg; 'kamervragen check' meldt het tot het is ingevuld. Een bestaand bestand wordt
nooit overschreven, en een kenmerk dat al in het archief staat krijgt geen tweede notitie."""

NIEUW_EPILOG = """\
voorbeeld:
  kamervragen nieuw 2026Z01234 --titel "Veilige raadsvergaderingen" \\
      --vragensteller Jansen --vragensteller "'t Hart" --partij CDA \\
      --gericht-aan "minister van Binnenlandse Zaken en Koninkrijksrelaties" \\
      --thema weerbaar-bestuur --thema bedreiging-en-intimidatie"""

IMPORTEER_DESCRIPTION = """\
Leest antwoorddocumenten (en het vraagdocument, als u het meegeeft) als .docx, .pdf of
.txt en schrijft één notitie per set in <notes>/<jaar>/. De tekst blijft letterlijk; woorden
die bij het omzetten van een PDF aan elkaar zijn geplakt, worden alleen met een Nederlandse
woordenlijst hersteld, en elke herstelling wordt gemeld. Een bestaande notitie wordt nooit
overschreven; een antwoord op een open set wordt erin gevoegd (gemeld), anders geweigerd.
Wat niet vast te stellen is, staat aan het eind in een lijst en in 'controleren:' van de
notitie: 'kamervragen check' weigert de notitie tot iemand het heeft nagekeken. Werkt offline."""

CHECK_DESCRIPTION = """\
Controleert alle notities en het themaregister met precies de controle van de sitebouw:
elk probleem met bestand, regel en sleutel. Uitkomst 1 bij problemen, anders 0; snel genoeg
om voor elke commit te draaien (pre-commit)."""


# Argument types: a wrong value is wrong use (exit code 2), with a Dutch message.

def _kenmerk(text: str) -> str:
    if not KENMERK.fullmatch(text):
        raise argparse.ArgumentTypeError(
            f"'{text}' is geen Kamerkenmerk in de vorm 2026Z01234 (jaar, Z, vijf cijfers)")
    return text


def _date(text: str) -> dt.date:
    try:
        if DATE.fullmatch(text):
            return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen bestaande datum") from None
    raise argparse.ArgumentTypeError(f"'{text}' is geen datum in de vorm JJJJ-MM-DD")


def _text(text: str) -> str:
    if not text.strip():
        raise argparse.ArgumentTypeError("mag niet leeg zijn")
    return text.strip()


def _add_location(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--notes", metavar="MAP", type=Path,
                        help=f"map met de notities (standaard: {options.NOTES_DIR} in de huidige map)")
    parser.add_argument("--themas", metavar="BESTAND", type=Path,
                        help=f"het themaregister (standaard: {options.THEMES_NAME} in de map met notities)")


def build_parser() -> argparse.ArgumentParser:
    """The parser; build and use it inside `in_dutch()` so argparse's own words are Dutch."""
    parser = Parser(prog=PROG, description=DESCRIPTION, epilog=EPILOG, formatter_class=Formatter)
    commands = parser.add_subparsers(title="opdrachten", dest="opdracht", metavar="OPDRACHT",
                                     required=True, parser_class=Parser)

    nieuw = commands.add_parser("nieuw", help="begin een nieuwe notitie", description=NIEUW_DESCRIPTION,
                                epilog=NIEUW_EPILOG, formatter_class=Formatter)
    nieuw.add_argument("kenmerk", metavar="KENMERK", type=_kenmerk,
                       help="kenmerk van de Tweede Kamer, zoals 2026Z01234")
    _add_location(nieuw)
    nieuw.add_argument("--titel", metavar="TEKST", type=_text, help="onderwerp van de set")
    nieuw.add_argument("--vragensteller", metavar="NAAM", type=_text, action="append", default=[],
                       help="Kamerlid dat de vragen stelt (mag vaker)")
    nieuw.add_argument("--partij", metavar="PARTIJ", type=_text, action="append", default=[],
                       help="partij van de vragenstellers: één voor allen, of één per vragensteller")
    nieuw.add_argument("--gericht-aan", metavar="NAAM", type=_text, action="append", default=[],
                       dest="gericht_aan", help="bewindspersoon aan wie de vragen gericht zijn (mag vaker)")
    nieuw.add_argument("--thema", metavar="SLUG", type=_text, action="append", default=[],
                       help="thema uit het themaregister (mag vaker)")
    nieuw.add_argument("--gesteld", metavar="JJJJ-MM-DD", type=_date,
                       help="datum waarop de vragen zijn gesteld (standaard: vandaag)")
    nieuw.add_argument("--vandaag", metavar="JJJJ-MM-DD", type=_date, help=argparse.SUPPRESS)  # for tests
    nieuw.set_defaults(command_parser=nieuw)

    importeer = commands.add_parser("importeer", help="maak notities van echte antwoord- en vraagdocumenten",
                                    description=IMPORTEER_DESCRIPTION, formatter_class=Formatter)
    importeer.add_argument("bestanden", metavar="BESTAND", type=Path, nargs="+",
                           help="antwoord, vraagdocument, uitstelbericht: .docx, .pdf of .txt")
    _add_location(importeer)

    check = commands.add_parser("check", help="controleer alle notities zoals de sitebouw",
                                description=CHECK_DESCRIPTION, formatter_class=Formatter)
    _add_location(check)
    check.add_argument("--mkdocs", metavar="BESTAND", type=Path,
                       help="neem de mappen over uit de opties van de plugin kamervragen in dit "
                            "mkdocs.yml (notes_dir, themes_file); --notes en --themas gaan voor")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 in orde, 1 problemen, 2 verkeerd gebruik)."""
    try:
        with in_dutch():  # usage errors from nieuw's own checks are argparse's too
            args = build_parser().parse_args(argv)
            # The module named as the command (check, nieuw, importeer), imported only now.
            command = importlib.import_module(f"kamervragen.cli.{args.opdracht}")
            return command.run(args, project_options(args))
    except Exit as stop:
        return stop.code
