"""`kamervragen`: the staff command line. `nieuw` starts a note, `check` validates the archive.

    kamervragen nieuw 2026Z01234 --titel "Veilige raadsvergaderingen" --thema weerbaar-bestuur
    kamervragen check

`check` runs `model.load_archive`, the build's own validation, so it reports exactly what the
build reports (and nothing else). Exit codes: 0 in orde, 1 problemen (or the archive cannot be
read, or `nieuw` refuses), 2 wrong use of the command (unknown option, malformed kenmerk).
Every text, argparse's own included, is Dutch; errors go to stderr as `kamervragen: …`.
This module imports no MkDocs, so the command starts fast enough for a pre-commit hook.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import math
import re
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

import yaml

from kamervragen.audience import STAFF

from kamervragen import dates
from kamervragen.model import load_archive
from kamervragen.read.notes import DATE, KENMERK, TERM_DAYS, parse_note
from kamervragen.problems import ArchiveError
from kamervragen.read.source import explain, read_text, source_paths
from kamervragen.read.themes import load_themes
from kamervragen.importer.write import find_note, import_files

PROG = "kamervragen"

# argparse's own words, by their English message ids (argparse translates through gettext).
_DUTCH = {
    "usage: ": "Gebruik: ",
    "positional arguments": "argumenten",
    "options": "opties",
    "show this help message and exit": "toon deze hulp en stop",
    "show program's version number and exit": "toon het versienummer en stop",
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "one of the arguments %s is required": "geef een van deze argumenten: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "onbekende keuze: %(value)r (kies uit %(choices)s)",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "expected one argument": "hier hoort één waarde bij",
    "expected at most one argument": "hier hoort hoogstens één waarde bij",
    "expected at least one argument": "hier hoort minstens één waarde bij",
    "expected %s argument": "hier hoort %s waarde bij",
    "expected %s arguments": "hier horen %s waarden bij",
    "not allowed with argument %s": "niet samen met %s",
    "ignored explicit argument %r": "deze optie neemt geen waarde (%r)",
    "ambiguous option: %(option)s could match %(matches)s": "onduidelijke optie: %(option)s kan zijn: %(matches)s",
    "unexpected option string: %s": "onverwachte optie: %s",
    "invalid %(type)s value: %(value)r": "ongeldige waarde: %(value)r",
    "can't open '%(filename)s': %(error)s": "kan '%(filename)s' niet openen: %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "onbekende opdracht %(parser_name)r (kies uit %(choices)s)",
    "%(prog)s: error: %(message)s\n": "%(prog)s: %(message)s\n",
}


def _gettext(message: str) -> str:
    return _DUTCH.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextlib.contextmanager
def _in_dutch() -> Iterator[None]:
    """argparse's gettext hook: it looks `_` and `ngettext` up in its module at each call."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = _gettext, _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class _Exit(Exception):
    """Ends `main` with an exit code (argparse would call sys.exit; `main` returns the code)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class _Parser(argparse.ArgumentParser):
    """Usage errors as `kamervragen: …` with a pointer to --help, exit code 2, no sys.exit."""

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            sys.stderr.write(message)
        raise _Exit(status)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        sys.stderr.write(f"{PROG}: {message}\nMeer uitleg: {self.prog} --help\n")
        raise _Exit(2)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def __init__(self, prog: str) -> None:
        super().__init__(prog, max_help_position=30)


def _fail(message: str) -> NoReturn:
    """A problem that is not wrong use: the archive cannot be read, or `nieuw` refuses."""
    sys.stderr.write(f"{PROG}: {message}\n")
    raise _Exit(1)


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

NIEUW_DESCRIPTION = """\
Schrijft een nieuwe notitie <notes>/<jaar>/<KENMERK>.md met alle sleutels van het
notitieformaat, 'gesteld' op vandaag en 'termijn' 21 dagen later. Wat u niet meegeeft,
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


def _add_location(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--notes", metavar="MAP", type=Path,
                        help="map met de notities (standaard: notes in de huidige map)")
    parser.add_argument("--themas", metavar="BESTAND", type=Path,
                        help="het themaregister (standaard: themas.yml in de map met notities)")


def build_parser() -> argparse.ArgumentParser:
    """The parser; build and use it inside `_in_dutch()` so argparse's own words are Dutch."""
    parser = _Parser(prog=PROG, description=DESCRIPTION, epilog=EPILOG, formatter_class=_Formatter)
    commands = parser.add_subparsers(title="opdrachten", dest="opdracht", metavar="OPDRACHT",
                                     required=True, parser_class=_Parser)

    nieuw = commands.add_parser("nieuw", help="begin een nieuwe notitie", description=NIEUW_DESCRIPTION,
                                epilog=NIEUW_EPILOG, formatter_class=_Formatter)
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
                                    description=IMPORTEER_DESCRIPTION, formatter_class=_Formatter)
    importeer.add_argument("bestanden", metavar="BESTAND", type=Path, nargs="+",
                           help="antwoord, vraagdocument, uitstelbericht: .docx, .pdf of .txt")
    _add_location(importeer)

    check = commands.add_parser("check", help="controleer alle notities zoals de sitebouw",
                                description=CHECK_DESCRIPTION, formatter_class=_Formatter)
    _add_location(check)
    check.add_argument("--mkdocs", metavar="BESTAND", type=Path,
                       help="neem de mappen over uit de opties van de plugin kamervragen in dit "
                            "mkdocs.yml (notes_dir, themes_file); --notes en --themas gaan voor")
    return parser


# --- check ---------------------------------------------------------------------------------


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml whatever tags other tools put in it (!ENV, !!python/name:…)."""


def _untagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    if isinstance(node, yaml.MappingNode):
        return loader.construct_mapping(node)
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_scalar(node)


_AnyTagLoader.add_multi_constructor("", _untagged)


def _merge(parent: Any, child: Any) -> Any:
    """MkDocs' INHERIT: mappings merge key by key, anything else (lists too) the child replaces."""
    if isinstance(parent, dict) and isinstance(child, dict):
        return {**parent, **{k: _merge(parent[k], v) if k in parent else v for k, v in child.items()}}
    return child


def _read_mkdocs(path: Path, seen: tuple[Path, ...] = ()) -> dict[str, Any]:
    if path.resolve() in seen:
        _fail(f"{path}: INHERIT verwijst in een kring terug naar zichzelf")
    text = read_text(path, str(path))
    if not isinstance(text, str):
        _fail(str(text) if path.exists() or path.is_symlink() else f"{path} bestaat niet")
    try:
        data = yaml.load(text, Loader=_AnyTagLoader)
    except yaml.YAMLError as err:
        _fail(str(explain(err, text, str(path))))
    data = data if data is not None else {}
    if not isinstance(data, dict):
        _fail(f"{path} is geen MkDocs-configuratie (sleutels met waarden)")
    parent = data.pop("INHERIT", None)
    if isinstance(parent, str):
        data = _merge(_read_mkdocs(path.parent / parent, (*seen, path.resolve())), data)
    return data


_MISSING = object()


def _plugin_options(plugins: Any) -> Any:
    """The options of `kamervragen` in a `plugins:` list (or mapping); _MISSING if it is not there."""
    if isinstance(plugins, dict):
        entries = list(plugins.items())
    elif isinstance(plugins, list):
        entries = [(p, {}) if isinstance(p, str) else next(iter(p.items()))
                   for p in plugins if isinstance(p, str) or (isinstance(p, dict) and len(p) == 1)]
    else:
        entries = []
    return next((options for name, options in entries if name == "kamervragen"), _MISSING)


def _mkdocs_paths(path: Path) -> tuple[Path, Path]:
    """notes_dir and themes_file as the plugin reads them: relative to the mkdocs.yml given."""
    options = _plugin_options(_read_mkdocs(path).get("plugins", []))
    if options is _MISSING:
        _fail(f"{path} gebruikt de plugin kamervragen niet (plugins: - kamervragen: …)")
    options = options or {}
    if not isinstance(options, dict):
        _fail(f"{path}: de opties van de plugin kamervragen moeten sleutels met waarden zijn")
    found = []
    for option, default in (("notes_dir", "notes"), ("themes_file", "notes/themas.yml")):
        value = options.get(option, default)
        if not isinstance(value, str) or not value.strip():
            _fail(f"{path}: de optie {option} van de plugin kamervragen moet een pad zijn")
        found.append(path.parent / value)
    return found[0], found[1]


def _count(n: int, one: str, more: str) -> str:
    return f"{n} {one if n == 1 else more}"


def check(notes: Path, themas: Path) -> int:
    """Report every problem the build would report; 1 if there is any."""
    notes_dir, themes_file = notes.resolve(), themas.resolve()
    if not notes_dir.is_dir():
        _fail(f"de map met notities bestaat niet: {notes} (geef de juiste map met --notes MAP)")
    try:
        archive, problems = load_archive(notes_dir, themes_file, STAFF)
    except ArchiveError as err:
        _fail(f"{err} (geef het juiste bestand met --themas BESTAND)")
    except OSError as err:
        _fail(f"kan niet lezen: {err}")
    total = len(source_paths(notes_dir)[0])
    for problem in problems:
        print(problem)
    if problems:
        files = len({p.path for p in problems})
        print(f"{_count(len(problems), 'probleem', 'problemen')} in {_count(files, 'bestand', 'bestanden')}; "
              f"{len(archive.notes)} van de {_count(total, 'notitie', 'notities')} in orde.")
        return 1
    if total == 0:
        print(f"Geen notities gevonden in {notes}.")
    elif total == 1:
        print("De notitie is in orde.")
    else:
        print(f"Alle {total} notities zijn in orde.")
    return 0


# --- nieuw ---------------------------------------------------------------------------------


def _scalar(value: str) -> str:
    """A YAML scalar for a text, as PyYAML's emitter writes it: plain where that reads back as the
    same text, else quoted; on one line, so a line break of any kind is escaped in double quotes."""
    for style in (None, '"'):
        dumped = yaml.safe_dump({"k": value}, allow_unicode=True, width=math.inf, default_style=style)
        if len(dumped.splitlines()) == 1:
            break
    return dumped.split(": ", 1)[1].rstrip("\n")


def _block(values: list[str], empty_comment: str) -> str:
    if not values:
        return f" []  # {empty_comment}"
    return "".join(f"\n  - {_scalar(v)}" for v in values)


BODY = """
## Vraag 1

<!-- Neem hier de tekst van vraag 1 over; elke volgende vraag krijgt een eigen kop '## Vraag 2'. -->

## Antwoord 1

<!-- Neem hier het antwoord op vraag 1 over. Zolang er geen antwoord is, haalt u deze kop weg;
'kamervragen check' meldt een lege vraag of een leeg antwoord. -->

<!--
Verwijder dit commentaar als de notitie klaar is.

Tekst uit een beslisnota of ander intern advies staat in een intern blok: alleen de
interne site toont het. De tekst springt vier spaties in, bijvoorbeeld:

!!! intern "Kern van de beslisnota"

    Deze tekst staat alleen in de interne versie van het archief.
-->
"""


def note_text(kenmerk: str, gesteld: dt.date, titel: str | None = None, vragenstellers: Sequence[str] = (),
              partijen: Sequence[str] = (), gericht_aan: Sequence[str] = (), themas: Sequence[str] = ()) -> str:
    """A new note with every key of the note format; what is not given stays empty ("" or []).

    One party goes with every asker; otherwise the parties pair with the askers in order.
    """
    names = list(vragenstellers) or [""]
    parties = list(partijen) * len(names) if len(partijen) == 1 else list(partijen) or [""] * len(names)
    askers = "".join(f"\n  - naam: {_scalar(n)}\n    partij: {_scalar(p)}" for n, p in zip(names, parties))
    termijn = gesteld + dt.timedelta(days=TERM_DAYS)
    return f"""---
kenmerk: {kenmerk}
titel: {_scalar(titel or '')}
gesteld: {gesteld.isoformat()}
vragenstellers:{askers}
gericht_aan:{_block(list(gericht_aan), "lijst: op elke regel '  - minister van …'")}
beantwoord_door:  # bewindspersoon die antwoordt
termijn: {termijn.isoformat()}  # gesteld + {TERM_DAYS} dagen; pas aan als 'gesteld' verandert
uitstel: []  # uitstelberichten: JJJJ-MM-DD, of {{datum: …, aanhangsel: 507, vergaderjaar: 2024-2025}}
beantwoord:  # datum van de antwoordbrief, zodra die er is
ontvangen:  # datum waarop de Kamer het antwoord ontving ("ontvangen 20 november 2024")
aanhangsel:  # nummer in het Aanhangsel van de Handelingen ("AH 604")
vergaderjaar:  # vergaderjaar van dat nummer, zoals 2024-2025
documentnummers: []  # documentnummers van de Tweede Kamer, zoals 2024D45005
soort: schriftelijk  # of: mondeling
opmerking:  # vergissingen in het officiële document, in eigen woorden
nummering:  # 'origineel' als nummers ontbreken of dubbel staan zoals in het origineel
bron: []  # de documenten waaruit de notitie komt
controleren: []  # wat nog nagekeken moet worden; 'kamervragen check' weigert zolang hier iets staat
themas:{_block(list(themas), "slugs uit het themaregister (themas.yml)")}
gerelateerd: []  # kenmerken van verwante sets
referentie:  # eigen referentie van het ministerie (alleen intern zichtbaar)
aanleiding:  # waar de vragen op volgen (bericht, gebeurtenis)
zichtbaarheid: openbaar  # of: intern (de hele set alleen in de interne site)
synthetisch: false
standpunten: []
# standpunten:
#   - standpunt: Korte zin over wat het antwoord zegt.
#     vragen: 1 en 2
#     themas: [slug-van-een-thema]
---
{BODY}"""


def nieuw(args: argparse.Namespace, notes: Path, themas: Path) -> int:
    kenmerk: str = args.kenmerk
    names, parties = args.vragensteller, args.partij
    if len(parties) > 1 and len(parties) != max(len(names), 1):
        args.command_parser.error(f"geef één --partij voor alle vragenstellers of één per --vragensteller "
                                  f"(nu {len(names)} vragensteller(s) en {len(parties)} partijen)")
    if not notes.is_dir():
        _fail(f"de map met notities bestaat niet: {notes} (start in de map van het archief of geef --notes MAP)")
    target = notes / kenmerk[:4] / f"{kenmerk}.md"
    if target.exists():
        _fail(f"{target} bestaat al; die wordt niet overschreven")
    elsewhere = find_note(notes, kenmerk)
    if elsewhere is not None:
        _fail(f"kenmerk {kenmerk} staat al in {elsewhere}; een kenmerk hoort bij één notitie")
    if args.thema:
        try:
            registry, _ = load_themes(themas, str(themas))
        except ArchiveError as err:
            _fail(f"{err} (geef het juiste bestand met --themas BESTAND)")
        unknown = [slug for slug in args.thema if slug not in registry]
        if unknown:
            what = (f"thema {unknown[0]!r} staat" if len(unknown) == 1
                    else f"thema's {', '.join(repr(s) for s in unknown)} staan")
            _fail(f"{what} niet in {themas}; "
                  f"bekend zijn: {', '.join(sorted(registry)) or '(geen)'}")
    today = args.vandaag or dates.today()
    text = note_text(kenmerk, args.gesteld or today, args.titel, names, parties, args.gericht_aan, args.thema)
    try:
        target.parent.mkdir(exist_ok=True)
        with target.open("x", encoding="utf-8", newline="\n") as out:
            out.write(text)
    except FileExistsError:
        _fail(f"{target} bestaat al; die wordt niet overschreven")
    except OSError as err:
        _fail(f"kan {target} niet schrijven: {err}")
    print(target)
    _, problems = parse_note(text, target.as_posix())
    todo = list(dict.fromkeys(p.key or "tekst" for p in problems))
    if todo:
        sys.stderr.write(f"{PROG}: nog in te vullen: {', '.join(todo)} ('kamervragen check' meldt het tot "
                         "het klopt)\n")
    return 0


def importeer(args: argparse.Namespace, notes: Path, themas: Path) -> int:
    """Import the documents given; 1 when a file could not be read or a note was refused."""
    if not notes.is_dir():
        _fail(f"de map met notities bestaat niet: {notes} (start in de map van het archief of geef --notes MAP)")
    try:
        registry, _ = load_themes(themas, str(themas))
    except ArchiveError as err:
        _fail(f"{err} (geef het juiste bestand met --themas BESTAND)")
    outcome = import_files(list(args.bestanden), notes, registry)
    for path in outcome.written:
        print(f"geschreven: {path}")
    for path in outcome.merged:
        print(f"samengevoegd (antwoord of uitstel toegevoegd aan de open set): {path}")
    if outcome.repairs:
        print(f"\nHersteld (aan elkaar geplakte woorden uit de PDF, met de woordenlijst): {len(outcome.repairs)}")
        for repair in outcome.repairs:
            print(f"  {repair}")
    todo = {path: items for path, items in outcome.review.items() if items}
    if todo:
        print("\nTe controleren (staat ook onder 'controleren:' in de notitie; 'kamervragen check' weigert tot het "
              "is opgelost):")
        for path, items in todo.items():
            print(f"  {path}")
            for item in items:
                print(f"    - {item}")
    for refusal in outcome.refused:
        sys.stderr.write(f"{PROG}: {refusal}\n")
    return 1 if outcome.failed else 0


def _locations(args: argparse.Namespace) -> tuple[Path, Path]:
    """The notes folder and theme registry: --notes/--themas, else mkdocs.yml's, else notes/."""
    notes, themas = Path("notes"), None
    if getattr(args, "mkdocs", None) is not None:
        notes, themas = _mkdocs_paths(args.mkdocs)
    if args.notes is not None:
        notes, themas = args.notes, None
    return notes, args.themas or themas or notes / "themas.yml"


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 in orde, 1 problemen, 2 verkeerd gebruik)."""
    try:
        with _in_dutch():  # usage errors from nieuw's own checks are argparse's too
            args = build_parser().parse_args(argv)
            notes, themas = _locations(args)
            if args.opdracht == "check":
                return check(notes, themas)
            if args.opdracht == "importeer":
                return importeer(args, notes, themas)
            return nieuw(args, notes, themas)
    except _Exit as stop:
        return stop.code


if __name__ == "__main__":
    sys.exit(main())
