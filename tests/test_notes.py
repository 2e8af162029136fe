"""Core tests of reading and validating notes, without building a site.

Every validation rule of docs/notitieformaat.md has a test that checks the message names the
file, the key and (where the rule knows it) the line, as in
`notes/2026/2026Z00186.md:4: veld 'gesteld': '2026-02-30' is geen bestaande datum`.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from conftest import FIXTURE_NOTES, REPO
from kamervragen.audience import PUBLIC, STAFF
from kamervragen.read import source
from kamervragen.model import Archive, check_references, load_archive
from kamervragen.read.notes import TERM_DAYS, load_notes, parse_note
from kamervragen.problems import ArchiveError, Problem
from kamervragen.read.themes import Theme, load_themes

REL = "notes/2099/2099Z00001.md"

# A valid synthetic note, key by key; tests replace, add or drop keys.
BASE: dict[str, str] = {
    "kenmerk": "2099Z00001",
    "titel": "Verzonnen vragen over proefdijken",
    "gesteld": "2099-01-09",
    "vragenstellers": "\n  - naam: Ünal\n    partij: Proefpartij",
    "gericht_aan": "\n  - minister van Verzonnen Zaken",
    "themas": "\n  - proef",
    "synthetisch": "true",
}
BODY = "\nInleiding.\n\n## Vraag 1\n\nEen vraag?\n\n## Antwoord 1\n\nEen antwoord.\n"
THEMES = {"proef": Theme("proef", "Proefthema", "Verzonnen thema."),
          "ander": Theme("ander", "Ander thema", "Nog een verzonnen thema.")}


def note_text(body: str = BODY, drop: tuple[str, ...] = (), **fields: str) -> str:
    """A note from BASE with keys dropped, replaced or added (a value starting with '\\n' is a block)."""
    fm = {k: v for k, v in BASE.items() if k not in drop}
    fm.update(fields)
    lines = [f"{k}:{v}" if v.startswith("\n") else f"{k}: {v}" for k, v in fm.items()]
    return "---\n" + "\n".join(lines) + "\n---\n" + body


def line_of(text: str, key: str) -> int:
    """1-based line of `key:` at the start of a line."""
    for n, line in enumerate(text.split("\n"), start=1):
        if re.match(rf"{re.escape(key)}:", line):
            return n
    raise AssertionError(f"{key} not in text")


def parse(text: str, rel: str = REL):
    return parse_note(text, rel)


def only_problem(problems: list[Problem], key: str | None = None) -> Problem:
    assert len(problems) == 1, f"expected exactly one problem, got {[str(p) for p in problems]}"
    problem = problems[0]
    assert problem.key == key
    return problem


def assert_names(problem: Problem, rel: str = REL, key: str | None = None, line: int | None = None,
                 contains: str = "") -> str:
    """The rendered message names the file, the key and the line."""
    msg = str(problem)
    assert rel in msg, msg
    if key:
        assert f"veld '{key}'" in msg, msg
    if line is not None:
        assert problem.line == line, msg
        assert msg.startswith(f"{rel}:{line}:"), msg
    if contains:
        assert contains in msg, msg
    return msg


# --- a valid note -----------------------------------------------------------------------------


def test_valid_note_parses_with_all_fields():
    text = note_text(beantwoord="2099-01-20", beantwoord_door="minister van Verzonnen Zaken",
                     uitstel="\n  - 2099-01-29\n  - 2099-01-28", aanleiding="'Een bericht: verzonnen.'",
                     referentie="'2099-0000000001'", gerelateerd="\n  - 2098Z00002")
    note, problems = parse(text)
    assert problems == []
    assert note is not None
    assert note.kenmerk == "2099Z00001"
    assert note.titel == "Verzonnen vragen over proefdijken"
    assert note.gesteld == dt.date(2099, 1, 9)
    assert note.beantwoord == dt.date(2099, 1, 20)
    assert [(a.naam, a.partij) for a in note.vragenstellers] == [("Ünal", "Proefpartij")]
    assert note.gericht_aan == ("minister van Verzonnen Zaken",)
    assert [p.datum for p in note.uitstel] == [dt.date(2099, 1, 28), dt.date(2099, 1, 29)]  # sorted
    assert note.gerelateerd == ("2098Z00002",)
    assert note.aanleiding == "Een bericht: verzonnen."
    assert note.referentie == "2099-0000000001"
    assert note.synthetisch is True
    assert note.zichtbaarheid == "openbaar" and not note.internal
    assert note.path == REL
    assert [s.anchor for s in note.body.sections] == ["vraag-1", "antwoord-1"]


def test_names_with_apostrophe_and_diacritics_survive():
    note, problems = parse(note_text(vragenstellers="\n  - naam: \"'t Hart\"\n    partij: Fictiepartij"
                                                     "\n  - naam: Ünal\n    partij: Proefpartij"))
    assert problems == []
    assert [a.naam for a in note.vragenstellers] == ["'t Hart", "Ünal"]


# --- required keys, empty values, wrong types -------------------------------------------------


@pytest.mark.parametrize("key", ["kenmerk", "titel", "gesteld", "vragenstellers", "gericht_aan", "themas"])
def test_missing_required_key(key):
    text = note_text(drop=(key,))
    note, problems = parse(text)
    assert note is None
    problem = only_problem(problems, key)
    closing = text.split("\n").index("---", 1) + 1  # where the key can be added
    assert_names(problem, key=key, line=closing, contains="ontbreekt")


@pytest.mark.parametrize("key, value", [
    ("kenmerk", "''"),
    ("titel", '"   "'),
    ("gesteld", ""),
    ("vragenstellers", "[]"),
    ("gericht_aan", "[]"),
    ("themas", ""),
])
def test_empty_required_value(key, value):
    text = note_text(**{key: value})
    note, problems = parse(text)
    assert note is None
    problem = only_problem(problems, key)
    assert_names(problem, key=key, line=line_of(text, key), contains="leeg")


@pytest.mark.parametrize("key, value, expected", [
    ("vragenstellers", "Jansen", "moet een lijst zijn"),
    ("gericht_aan", "minister van Verzonnen Zaken", "moet een lijst zijn"),
    ("themas", "proef", "moet een lijst zijn"),
    ("uitstel", "2099-01-28", "moet een lijst zijn"),
    ("kenmerk", "2099", "moet tekst zijn, niet een getal"),
    ("titel", "1234", "moet tekst zijn, niet een getal"),
    ("gesteld", "20990109", "moet tekst zijn, niet een getal"),
    ("synthetisch", "ja graag", "true of false"),
])
def test_wrong_type(key, value, expected):
    text = note_text(**{key: value})
    note, problems = parse(text)
    assert note is None
    problem = only_problem(problems, key)
    assert_names(problem, key=key, line=line_of(text, key), contains=expected)


def test_asker_without_party():
    text = note_text(vragenstellers="\n  - naam: Ünal")
    _, problems = parse(text)
    problem = only_problem(problems, "vragenstellers")
    assert_names(problem, key="vragenstellers", line=line_of(text, "vragenstellers") + 1, contains="'partij'")


def test_asker_with_unknown_subkey():
    text = note_text(vragenstellers="\n  - naam: Ünal\n    partij: Proefpartij\n    fractie: X")
    _, problems = parse(text)
    assert_names(only_problem(problems, "vragenstellers"), key="vragenstellers", line=line_of(text, "vragenstellers") + 3,
                 contains="vragensteller 'Ünal', veld 'fractie': onbekende sleutel; toegestaan zijn: naam, partij")


@pytest.mark.parametrize("value", ["2099X00001", "99Z00001", "2099Z0001", "2099Z000012", "kenmerk"])
def test_malformed_kenmerk(value):
    text = note_text(kenmerk=value)
    note, problems = parse(text)
    assert note is None
    assert_names(only_problem(problems, "kenmerk"), key="kenmerk", line=line_of(text, "kenmerk"),
                 contains=f"'{value}' is geen Kamerkenmerk")


def test_malformed_gerelateerd_kenmerk():
    text = note_text(gerelateerd="\n  - 2098-00002")
    _, problems = parse(text)
    assert_names(only_problem(problems, "gerelateerd"), key="gerelateerd", line=line_of(text, "gerelateerd") + 1,
                 contains="'2098-00002' is geen Kamerkenmerk")


# --- dates ------------------------------------------------------------------------------------


def test_impossible_date():
    text = note_text(gesteld="2025-02-30")
    note, problems = parse(text)
    assert note is None
    msg = assert_names(only_problem(problems, "gesteld"), key="gesteld", line=4)
    assert msg == f"{REL}:4: veld 'gesteld': '2025-02-30' is geen bestaande datum"


@pytest.mark.parametrize("key", ["beantwoord", "termijn"])
def test_impossible_optional_date(key):
    text = note_text(**{key: "2099-13-01"})
    _, problems = parse(text)
    assert_names(only_problem(problems, key), key=key, line=line_of(text, key), contains="geen bestaande datum")


@pytest.mark.parametrize("value", ["09-01-2099", "2099-1-9", "9 januari 2099", "2099/01/09"])
def test_wrong_date_format(value):
    text = note_text(gesteld=f"'{value}'")
    _, problems = parse(text)
    assert_names(only_problem(problems, "gesteld"), key="gesteld", line=line_of(text, "gesteld"),
                 contains="JJJJ-MM-DD")


@pytest.mark.parametrize("key, value", [
    ("gesteld", "9999-12-31"), ("gesteld", "1899-12-31"), ("termijn", "9999-12-31"), ("beantwoord", "2206-02-20"),
    ("uitstel", "\n  - 2099-01-20\n  - 3099-01-20"),
])
def test_dates_outside_1900_to_2100_are_typing_errors(key, value):
    text = note_text(**{key: value})
    note, problems = parse(text)
    assert note is None
    line = line_of(text, key) + (2 if key == "uitstel" else 0)
    bad = value.split()[-1]
    assert_names(only_problem(problems, key), key=key, line=line,
                 contains=f"'{bad}' ligt niet tussen 1900 en 2100; een tikfout in het jaar?")


def test_first_and_last_dates_of_the_window_are_fine():
    note, problems = parse(note_text(gesteld="1900-01-01", termijn="2100-12-31", beantwoord="2100-12-31",
                                     uitstel="\n  - 2100-12-31"))
    assert problems == [] and note.termijn == dt.date(2100, 12, 31)


@pytest.mark.parametrize("key, value", [("gesteld", "'٢٠٩٩-٠١-٠٩'"), ("kenmerk", "'٢٠٩٩Z٠٠٠٠١'"),
                                        ("gerelateerd", "\n  - '２０９８Z００００２'")])
def test_only_ascii_digits_count(key, value):
    _, problems = parse(note_text(**{key: value}))
    assert only_problem(problems, key)


def test_wrong_date_in_uitstel_list():
    text = note_text(uitstel="\n  - 2099-01-20\n  - 2099-02-30")
    _, problems = parse(text)
    assert_names(only_problem(problems, "uitstel"), key="uitstel", line=line_of(text, "uitstel") + 2,
                 contains="'2099-02-30' is geen bestaande datum")


def test_beantwoord_before_gesteld():
    text = note_text(beantwoord="2099-01-08")
    note, problems = parse(text)
    assert note is None
    assert_names(only_problem(problems, "beantwoord"), key="beantwoord", line=line_of(text, "beantwoord"),
                 contains="2099-01-08 ligt vóór de datum van de vragen (2099-01-09)")


def test_termijn_before_gesteld():
    text = note_text(termijn="2099-01-01")
    _, problems = parse(text)
    assert_names(only_problem(problems, "termijn"), key="termijn", line=line_of(text, "termijn"),
                 contains="vóór de datum van de vragen")


def test_answered_on_the_day_of_the_question_is_allowed():
    note, problems = parse(note_text(beantwoord="2099-01-09"))
    assert problems == [] and note.days_taken == 0


# --- other keys -------------------------------------------------------------------------------


def test_unknown_key():
    text = note_text(onderwerp="iets")
    note, problems = parse(text)
    assert note is None
    assert_names(only_problem(problems, "onderwerp"), key="onderwerp", line=line_of(text, "onderwerp"),
                 contains="onbekende sleutel")


def test_bad_zichtbaarheid():
    text = note_text(zichtbaarheid="geheim")
    _, problems = parse(text)
    assert_names(only_problem(problems, "zichtbaarheid"), key="zichtbaarheid",
                 line=line_of(text, "zichtbaarheid"), contains="'geheim'")


@pytest.mark.parametrize("value", ["", "''", "'  '"])
def test_empty_zichtbaarheid_is_an_error_not_public(value):
    text = note_text(zichtbaarheid=value)
    note, problems = parse(text)
    assert note is None
    assert_names(only_problem(problems, "zichtbaarheid"), key="zichtbaarheid", line=line_of(text, "zichtbaarheid"),
                 contains="ontbreekt of is leeg")


def test_internal_note():
    note, problems = parse(note_text(zichtbaarheid="intern"))
    assert problems == [] and note.internal


# --- the file itself --------------------------------------------------------------------------


# --- YAML errors: Dutch, with line, column and key, from both of PyYAML's parsers ------------

# Words of PyYAML's and libyaml's English messages; none may reach staff.
YAML_ENGLISH = re.compile(r"\b(found|expected|while|scanning|parsing|allowed|could|cannot|character|mapping|"
                          r"token|stream|block|indentation|alias|anchor|constructor|determine|special)\b", re.I)


@pytest.fixture(params=sorted(source.LOADERS))
def loader(request, monkeypatch):
    """Run the test with libyaml's parser and with PyYAML's own: their errors differ."""
    monkeypatch.setattr(source, "LOADER", source.LOADERS[request.param])
    return request.param


def test_libyaml_parses_notes_when_it_is_installed():
    assert "libyaml" in source.LOADERS  # the wheels ship it; without it the Python test runs twice
    assert source.LOADER is source.LOADERS["libyaml"]


def yaml_problem(text: str, key: str | None, line: int, contains: str) -> str:
    note, problems = parse(text)
    assert note is None
    problem = only_problem(problems, key)
    msg = assert_names(problem, key=key, line=line, contains="YAML kan niet worden gelezen (kolom ")
    assert contains in msg, msg
    assert not YAML_ENGLISH.search(msg), msg
    return msg


def test_unparseable_yaml_names_line(loader):
    text = note_text(titel="Verzonnen: vragen: over dijken")
    msg = yaml_problem(text, "titel", line_of(text, "titel"), "een ':' met een spatie erna midden in een waarde")
    assert "(kolom 17)" in msg and 'zet de hele waarde tussen dubbele aanhalingstekens' in msg


def test_unclosed_list_in_yaml_names_the_line_it_opens(loader):
    text = note_text(themas=" [proef")
    yaml_problem(text, "themas", line_of(text, "themas"), "niet goed gesloten met ']'")


def test_unclosed_quote_names_the_line_it_opens(loader):
    text = note_text(titel='"Verzonnen vragen')
    msg = yaml_problem(text, "titel", line_of(text, "titel"), "aanhalingsteken wordt geopend maar niet gesloten")
    assert "(kolom 8)" in msg


def test_tab_indentation(loader):
    text = note_text(gericht_aan="\n\t- minister van Verzonnen Zaken")
    yaml_problem(text, "gericht_aan", line_of(text, "gericht_aan") + 1, "spring in met spaties, niet met tabs")


def test_tab_indentation_inside_a_list_item(loader):
    text = note_text(vragenstellers="\n  - naam: Ünal\n\t  partij: Proefpartij")
    yaml_problem(text, "vragenstellers", line_of(text, "vragenstellers") + 2, "een tab om in te springen")


def test_duplicate_yaml_key_names_second_line(loader):
    text = note_text().replace("titel: ", "titel: Eerste\ntitel: ", 1)
    yaml_problem(text, "titel", 4, "sleutel 'titel' komt twee keer voor")


@pytest.mark.parametrize("value, lines_down", [
    ("[" * 1200 + "]" * 1200, 0),  # past libyaml's limit of 1000
    ("{a: " * 1200 + "}" * 1200, 0),
    ("".join("\n" + " " * (n + 1) + "-" for n in range(1200)), 50),  # block lists, one deeper per line
])
def test_yaml_deep_nesting(loader, value, lines_down):
    """libyaml (PyYAML 6.0.4) stops at depth 1000 with an error; PyYAML's parser recurses until
    RecursionError. Both become the same Dutch message at the line where it gets too deep."""
    text = note_text(aanleiding=value)
    msg = yaml_problem(text, "aanleiding", line_of(text, "aanleiding") + lines_down, "te diep genest")
    assert f"meer dan {source.MAX_DEPTH} lijsten" in msg


def test_brackets_inside_quotes_are_text(loader):
    note, problems = parse(note_text(aanleiding="'" + "[" * 200 + "'"))
    assert problems == [] and note.aanleiding == "[" * 200


@pytest.mark.parametrize("value, contains", [
    ("!!python/object/apply:os.system ['echo x']", "('!!python/object/apply:os.system')"),
    ("*Bericht* in de krant", "met '*' begint"),
    ("[&anker a, &anker b]", "met '&' begint"),
    ("@vermelding", "het teken '@' mag een waarde niet beginnen"),
    ("'Het is 't einde'", "opbouw klopt hier niet"),
    ('"een \\q"', "onbekende code met '\\'"),
    ("|x\n  tekst", "na '|' of '>'"),
    ("tekst\x01met stuurteken", "stuurteken U+0001"),
    ("[a, {b: c]", "niet goed gesloten"),
    ('"Vragen" over de dijk', "opbouw klopt hier niet"),
])
def test_yaml_errors_are_dutch_whatever_the_parser(loader, value, contains):
    text = note_text(aanleiding=value)
    yaml_problem(text, "aanleiding", line_of(text, "aanleiding"), contains)


@pytest.mark.parametrize("text", [
    "# Geen front matter\n\n## Vraag 1\n\nTekst.\n",
    "kenmerk: 2099Z00001\n---\n\n## Vraag 1\n",
    "---\nkenmerk: 2099Z00001\ntitel: nooit gesloten\n",
])
def test_missing_front_matter(text):
    note, problems = parse(text)
    assert note is None
    assert_names(only_problem(problems), line=1, contains="front matter")


def test_front_matter_that_is_not_a_mapping():
    _, problems = parse("---\n- een\n- lijst\n---\n\n## Vraag 1\n")
    assert_names(only_problem(problems), line=2, contains="sleutels met waarden")


def test_non_utf8_file_is_reported_and_others_still_load(tmp_path):
    notes = tmp_path / "notes"
    (notes / "2099").mkdir(parents=True)
    (notes / "2099" / "latin1.md").write_bytes(note_text(kenmerk="2099Z00002").encode("latin-1"))
    (notes / "2099" / "goed.md").write_text(note_text(), encoding="utf-8")
    loaded, problems = load_notes(notes)
    assert [n.kenmerk for n in loaded] == ["2099Z00001"]
    problem = only_problem(problems)
    assert_names(problem, rel="notes/2099/latin1.md", contains="geen geldige UTF-8")


def test_bom_and_crlf_are_accepted_with_correct_lines(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    good = "\ufeff" + note_text().replace("\n", "\r\n")
    (notes / "goed.md").write_bytes(good.encode("utf-8"))
    bad_text = note_text(kenmerk="2099Z00002", gesteld="2099-02-30")
    (notes / "fout.md").write_bytes(("\ufeff" + bad_text.replace("\n", "\r\n")).encode("utf-8"))
    loaded, problems = load_notes(notes)
    assert [n.kenmerk for n in loaded] == ["2099Z00001"]
    note = loaded[0]
    assert note.titel == "Verzonnen vragen over proefdijken"  # no '\r' or BOM left over
    assert note.vragenstellers[0].naam == "Ünal"
    assert not any("\r" in line for line in note.body.lines)
    assert [s.anchor for s in note.body.sections] == ["vraag-1", "antwoord-1"]
    assert_names(only_problem(problems, "gesteld"), rel="notes/fout.md", key="gesteld",
                 line=line_of(bad_text, "gesteld"))


def test_files_that_are_no_plain_notes_in_the_project_are_refused_by_name(tmp_path, monkeypatch):
    project = tmp_path / "project"
    notes, docs = project / "notes", project / "docs"
    notes.mkdir(parents=True)
    docs.mkdir()
    (notes / "goed.md").write_text(note_text(), encoding="utf-8")
    (docs / "elders.md").write_text(note_text(kenmerk="2099Z00002"), encoding="utf-8")
    (notes / "binnen.md").symlink_to(docs / "elders.md")  # a link inside the project is read
    (tmp_path / "buiten.md").write_text(note_text(kenmerk="2099Z00003"), encoding="utf-8")
    (notes / "buiten.md").symlink_to(tmp_path / "buiten.md")
    (notes / "nul.md").symlink_to("/dev/zero")
    (notes / "weg.md").symlink_to(notes / "bestaat-niet.md")
    (notes / "kring.md").symlink_to(notes / "kring.md")
    (notes / "map.md").mkdir()
    os.mkfifo(notes / "pijp.md")
    (notes / "gekoppeld").symlink_to(docs)
    (notes / "groot.md").write_text(note_text(kenmerk="2099Z00004", body=BODY + "x" * 5_000_000), encoding="utf-8")
    (notes / "geheim.md").write_text(note_text(kenmerk="2099Z00005"), encoding="utf-8")
    real_open = Path.open

    def refuse_secret(self, *args, **kwargs):  # chmod 000 does not stop root, who runs CI
        if self.name == "geheim.md":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse_secret)
    with ThreadPoolExecutor(1) as pool:  # opening the FIFO would block for ever
        loaded, problems = pool.submit(load_notes, notes).result(timeout=60)
    assert sorted(n.kenmerk for n in loaded) == ["2099Z00001", "2099Z00002"]
    expected = {
        "notes/buiten.md": f"is een koppeling naar {(tmp_path / 'buiten.md').resolve()}, buiten het project",
        "notes/nul.md": "is een koppeling naar /dev/zero, buiten het project",
        "notes/weg.md": "is een koppeling (symlink) naar een bestand dat niet bestaat",
        "notes/kring.md": "is een koppeling die niet uitkomt bij een bestand",
        "notes/map.md": "is een map, geen tekstbestand",
        "notes/pijp.md": "is een pipe (FIFO), geen tekstbestand",
        "notes/gekoppeld": "is een koppeling naar een map; notities daarin worden niet gelezen",
        "notes/groot.md": "is groter dan 5 MB (5.0 MB)",
        "notes/geheim.md": "mag niet worden gelezen (geen leesrechten)",
    }
    assert sorted(p.path for p in problems) == sorted(expected)
    for problem in problems:
        assert str(problem).startswith(f"{problem.path}:1: {expected[problem.path]}"), str(problem)


def test_a_note_of_two_megabytes_is_read(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "groot.md").write_text(note_text(body=BODY + ("Een lange alinea. " * 60 + "\n\n") * 1900),
                                    encoding="utf-8")
    assert (notes / "groot.md").stat().st_size > 2_000_000
    loaded, problems = load_notes(notes)
    assert problems == [] and len(loaded) == 1


def test_load_notes_reads_subfolders_in_stable_order(tmp_path):
    notes = tmp_path / "notes"
    for sub, kenmerk in [("b", "2099Z00002"), ("a", "2099Z00003"), ("", "2099Z00001")]:
        (notes / sub).mkdir(parents=True, exist_ok=True)
        (notes / sub / f"{kenmerk}.md").write_text(note_text(kenmerk=kenmerk), encoding="utf-8")
    (notes / "themas.yml").write_text("[]\n", encoding="utf-8")
    loaded, problems = load_notes(notes)
    assert problems == []
    assert [n.path for n in loaded] == ["notes/2099Z00001.md", "notes/a/2099Z00003.md", "notes/b/2099Z00002.md"]


# --- the body ---------------------------------------------------------------------------------


@pytest.mark.parametrize("body", ["", "\n\n   \n"])
def test_empty_body(body):
    text = note_text(body=body)
    note, problems = parse(text)
    assert note is None
    body_line = text.count("\n", 0, text.index("---\n", 4) + 4) + 1
    assert_names(only_problem(problems), line=body_line, contains="leeg")


@pytest.mark.parametrize("body, empty", [
    ("\n## Vraag 1\n\n## Antwoord 1\n\nJa.\n", "Vraag 1"),
    ("\n## Vraag 1\n\nEen vraag?\n\n## Antwoord 1\n\n\n", "Antwoord 1"),
    ("\n## Vraag 1\n\n<!-- nog invullen -->\n\n## Antwoord 1\n\nJa.\n", "Vraag 1"),
    ("\n## Vraag 1\n\n<!--\nnog\ninvullen\n-->\n### Antwoord 1\n\nJa.\n", "Vraag 1"),
])
def test_empty_question_or_answer(body, empty):
    text = note_text(body=body)
    note, problems = parse(text)
    assert note is None
    line = next(n for n, row in enumerate(text.split("\n"), start=1) if row.endswith(f"# {empty}"))
    assert_names(only_problem(problems), line=line, contains=f"'{empty}' is leeg: neem de tekst van")


@pytest.mark.parametrize("block, bad, contains", [
    ('!!! intern "Kern"\n\n  Geheim, twee spaties.', 2, "springt 2 spatie(s) in na het interne blok van regel"),
    ('!!! intern "Kern"\n   Geheim, drie spaties.', 1, "springt 3 spatie(s) in"),
    ('!!! intern "Kern"\n\n    Geheim.\n  Nog geheim, twee spaties.', 3, "springt 2 spatie(s) in"),
    ('!!! intern "Kern"\n\nGeheim, niet ingesprongen.', 0, "het interne blok heeft geen inhoud"),
    ('??? intern "Kern"', 0, "het interne blok heeft geen inhoud"),
    ('- punt\n\n    !!! intern "Kern"\n\n      Geheim in een lijst.', 4, "springt 2 spatie(s) in"),
])
def test_internal_block_indented_too_little_is_an_error(block, bad, contains):
    text = note_text(body=BODY + "\n" + block + "\n")
    note, problems = parse(text)
    assert note is None
    start = text.split("\n").index(block.split("\n")[0])
    msg = assert_names(only_problem(problems), line=start + 1 + bad, contains=contains)
    assert "openbaar" in msg


def test_internal_block_indented_four_or_more_is_fine():
    body = BODY + '\n!!! intern "Kern"\n\n    Geheim.\n\n        Code of diepere lijst.\n\nOpenbaar.\n'
    note, problems = parse(note_text(body=body))
    assert problems == []
    assert "Geheim." not in note.body.text(internal=False) and "Openbaar." in note.body.text(internal=False)


@pytest.mark.parametrize("line, contains", [
    ("De minister citeert <script>alert(1)</script> uit de mail.", "de site laat <script> met alles wat erin staat weg"),
    ("Het veld <naam> blijft leeg.", "de site laat <naam> weg; staat het er als tekst, zet het dan tussen backticks"),
    ('Zie <span style="color:red">dit</span>.', "de site laat het attribuut 'style' van <span> weg"),
    ("Bel [de lijn](tel:0612345678).", "de site laat de link 'tel:0612345678' weg"),
    ('<a href="javascript:alert(1)">klik</a>', "de site laat de link 'javascript:alert(1)' weg"),
])
def test_html_the_sanitiser_would_drop_is_reported_where_it_stands(line, contains):
    text = note_text(body=BODY + "\n" + line + "\n")
    note, problems = parse(text)
    assert note is None
    assert_names(problems[0], line=text.split("\n").index(line) + 1, contains=contains)


def test_html_the_site_keeps_or_shows_as_text_is_fine():
    body = BODY + ("\nIn code: `<script>alert(1)</script>` en `<naam>`.\n\n```html\n<script>x</script>\n```\n\n"
                   "H<sub>2</sub>O, <abbr title=\"Ondersteuningsnetwerk\">OMO</abbr>, <https://example.nl> en "
                   "[mail](mailto:a@example.nl), 3 < 4 > 2.\n")
    note, problems = parse(note_text(body=body))
    assert problems == [], [str(p) for p in problems]


def test_theme_description_the_sanitiser_would_cut_is_reported(tmp_path):
    path = tmp_path / "themas.yml"
    path.write_text("- slug: a\n  naam: A\n  beschrijving: Over <script>x</script> scripts.\n", encoding="utf-8")
    themes, problems = load_themes(path, "notes/themas.yml")
    assert themes == {}
    assert_names(only_problem(problems, "beschrijving"), rel="notes/themas.yml", key="beschrijving", line=3,
                 contains="de site laat <script> met alles wat erin staat weg")


def test_question_with_only_an_internal_block_is_not_empty():
    body = "\n## Vraag 1\n\n!!! intern \"Kern\"\n\n    Alleen intern.\n\n## Antwoord 1\n\nJa.\n"
    note, problems = parse(note_text(body=body))
    assert problems == [] and note is not None


def test_duplicate_question_number():
    body = "\n## Vraag 1\n\nEen.\n\n## Vraag 2\n\nTwee.\n\n## Vraag 1\n\nNog eens een.\n"
    text = note_text(body=body)
    note, problems = parse(text)
    assert note is None
    lines = text.split("\n")
    first, second = [n for n, line in enumerate(lines, start=1) if line == "## Vraag 1"]
    msg = assert_names(only_problem(problems), line=second, contains="'Vraag 1' staat twee keer")
    assert f"ook op regel {first}" in msg


def test_answer_without_question():
    body = "\n## Vraag 1\n\nEen.\n\n## Antwoord 1\n\nJa.\n\n## Antwoord 2\n\nNee.\n"
    text = note_text(body=body)
    note, problems = parse(text)
    assert note is None
    line = text.split("\n").index("## Antwoord 2") + 1
    assert_names(only_problem(problems), line=line, contains="'Antwoord 2' heeft geen 'Vraag 2'")


def test_answered_set_with_unanswered_question():
    body = "\n## Vraag 1\n\nEen.\n\n## Antwoord 1\n\nJa.\n\n## Vraag 2\n\nTwee?\n"
    text = note_text(body=body, beantwoord="2099-01-20")
    note, problems = parse(text)
    assert note is None
    assert_names(only_problem(problems, "beantwoord"), key="beantwoord", line=line_of(text, "beantwoord"),
                 contains="'Vraag 2' heeft geen 'Antwoord 2'")


def test_open_set_may_have_unanswered_questions():
    body = "\n## Vraag 1\n\nEen.\n\n## Vraag 2\n\nTwee?\n"
    note, problems = parse(note_text(body=body))
    assert problems == [] and note.status == "open"


def test_headings_in_fenced_code_are_not_questions():
    body = "\n## Vraag 1\n\nEen.\n\n```text\n## Vraag 1\n## Antwoord 9\n```\n"
    note, problems = parse(note_text(body=body))
    assert problems == []
    assert [s.anchor for s in note.body.sections] == ["vraag-1"]


# --- termijn and status -----------------------------------------------------------------------


def test_default_termijn_is_gesteld_plus_21_days():
    note, problems = parse(note_text(gesteld="2099-01-09"))
    assert problems == []
    assert TERM_DAYS == 21
    assert note.termijn == dt.date(2099, 1, 30)


def test_explicit_termijn_is_kept():
    note, _ = parse(note_text(termijn="2099-02-15"))
    assert note.termijn == dt.date(2099, 2, 15)


QUESTIONS_ONLY = "\nInleiding.\n\n## Vraag 1\n\nEen vraag?\n"


@pytest.mark.parametrize("body, extra, status", [
    (QUESTIONS_ONLY, {}, "open"),
    (QUESTIONS_ONLY, {"uitstel": "\n  - 2099-01-29"}, "uitgesteld"),
    (BODY, {"beantwoord": "2099-01-30"}, "beantwoord"),        # on the last day of the term
    (BODY, {"beantwoord": "2099-01-31"}, "te-laat"),           # one day late
    (BODY, {"beantwoord": "2099-02-20", "termijn": "2099-02-20"}, "beantwoord"),
    (BODY, {"beantwoord": "2099-03-01", "uitstel": "\n  - 2099-01-29"}, "te-laat"),
    # the answers are in the note, the date of the letter is not (as in the seed notes)
    (BODY, {}, "beantwoord-datum-onbekend"),
    (BODY, {"uitstel": "\n  - 2099-01-29"}, "beantwoord-datum-onbekend"),
])
def test_status(body, extra, status):
    note, problems = parse(note_text(body=body, **extra))
    assert problems == []
    assert note.status == status


def test_date_is_answer_date_else_question_date():
    open_note, _ = parse(note_text())
    answered, _ = parse(note_text(beantwoord="2099-02-01"))
    assert open_note.date == dt.date(2099, 1, 9)
    assert answered.date == dt.date(2099, 2, 1) and answered.days_taken == 23


# --- all problems at once ---------------------------------------------------------------------


def test_all_problems_are_reported_at_once():
    text = note_text(kenmerk="2099-00001", gesteld="2099-02-30", kleur="rood")
    note, problems = parse(text)
    assert note is None
    assert len(problems) == 3, [str(p) for p in problems]
    by_key = {p.key: p for p in problems}
    assert set(by_key) == {"kenmerk", "gesteld", "kleur"}
    for key, problem in by_key.items():
        assert_names(problem, key=key, line=line_of(text, key))


def test_problems_in_several_files_are_all_reported(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "a.md").write_text(note_text(kenmerk="2099Z00001", titel="''"), encoding="utf-8")
    (notes / "b.md").write_text(note_text(kenmerk="2099Z00002", gesteld="2099-02-30"), encoding="utf-8")
    (notes / "c.md").write_text(note_text(kenmerk="2099Z00003"), encoding="utf-8")
    loaded, problems = load_notes(notes)
    assert [n.kenmerk for n in loaded] == ["2099Z00003"]
    assert sorted((p.path, p.key) for p in problems) == [("notes/a.md", "titel"), ("notes/b.md", "gesteld")]


# --- cross-note rules (check_references, load_archive) ----------------------------------------


def _note(rel: str, **fields: str):
    note, problems = parse(note_text(**fields), rel)
    assert problems == [], [str(p) for p in problems]
    return note


def test_duplicate_kenmerk_names_both_files():
    a = _note("notes/2099/a.md")
    b = _note("notes/2099/b.md")
    valid, problems = check_references([a, b], THEMES)
    assert valid == [a]
    problem = only_problem(problems, "kenmerk")
    line = line_of(note_text(), "kenmerk")
    msg = assert_names(problem, rel="notes/2099/b.md", key="kenmerk", line=line)
    assert f"'2099Z00001' staat ook in notes/2099/a.md:{line};" in msg


def test_unknown_theme_names_the_line_of_the_item_and_the_closest_slugs():
    text = note_text(themas="\n  - proef\n  - bestaat-niet\n  - proeff")
    note = _note(REL, themas="\n  - proef\n  - bestaat-niet\n  - proeff")
    valid, problems = check_references([note], THEMES)
    assert valid == []
    first, second = problems
    assert_names(first, key="themas", line=line_of(text, "themas") + 2, contains="thema 'bestaat-niet' staat niet")
    assert "bedoelde u" not in str(first) and "zet het thema eerst in het themaregister" in str(first)
    assert_names(second, key="themas", line=line_of(text, "themas") + 3, contains="bedoelde u 'proef'?")


def test_unknown_theme_of_a_position_names_its_line():
    fields = {"standpunten": "\n  - standpunt: Een lijn.\n    vragen: 1\n    themas:\n      - proef\n      - andr"}
    text = note_text(**fields)
    valid, problems = check_references([_note(REL, **fields)], THEMES)
    assert valid == []
    assert_names(only_problem(problems, "standpunten"), key="standpunten", line=line_of(text, "standpunten") + 5,
                 contains="standpunt 'Een lijn.': thema 'andr' staat niet in het themaregister; bedoelde u 'ander'?")


def test_gerelateerd_may_name_a_set_outside_the_archive():
    """Real sets refer to other departments' sets: shown as external, not an error."""
    note = _note(REL, gerelateerd="\n  - 2098Z00404\n  - 2099Z00002")
    other = _note("notes/other.md", kenmerk="2099Z00002")
    valid, problems = check_references([note, other], THEMES)
    assert valid == [note, other] and problems == []
    archive = Archive(valid, THEMES, PUBLIC)
    assert archive.external_kenmerken(note) == ["2098Z00404"]
    assert archive.related_kenmerken(note) == ["2099Z00002"]


def test_gerelateerd_naming_the_set_itself():
    note = _note(REL, gerelateerd="\n  - 2099Z00001")
    valid, problems = check_references([note], THEMES)
    assert valid == []
    assert_names(only_problem(problems, "gerelateerd"), key="gerelateerd", contains="de set zelf")


def test_gerelateerd_naming_a_left_out_set_is_reported_too():
    bad = _note("notes/bad.md", kenmerk="2099Z00002", themas="\n  - onbekend")
    note = _note(REL, gerelateerd="\n  - 2099Z00002")
    valid, problems = check_references([note, bad], THEMES)
    assert valid == []
    assert {(p.path, p.key) for p in problems} == {("notes/bad.md", "themas"), (REL, "gerelateerd")}


def test_gerelateerd_naming_an_existing_set_is_fine():
    a = _note("notes/a.md", kenmerk="2099Z00001", gerelateerd="\n  - 2099Z00002")
    b = _note("notes/b.md", kenmerk="2099Z00002")
    valid, problems = check_references([a, b], THEMES)
    assert problems == [] and valid == [a, b]


def test_names_in_other_scripts_get_pages_of_their_own():
    a = _note("notes/a.md", vragenstellers="\n  - naam: Παπαδόπουλος\n    partij: ΚΚΕ")
    b = _note("notes/b.md", kenmerk="2099Z00002", vragenstellers="\n  - naam: Иванов\n    partij: КПРФ")
    valid, problems = check_references([a, b], THEMES)
    assert problems == [] and valid == [a, b]
    archive = Archive(valid, THEMES, PUBLIC)
    assert {slug: g.name for slug, g in archive.parties.items()} == {"kke": "ΚΚΕ", "kprf": "КПРФ"}
    assert set(archive.members) == {"papadopoylos", "ivanov"}  # anyascii: letter by letter


@pytest.mark.parametrize("field, first, second, where", [
    ("vragenstellers", "\n  - naam: Ünal\n    partij: Proefpartij", "\n  - naam: Unal\n    partij: Proefpartij", 1),
    ("vragenstellers", "\n  - naam: Ünal\n    partij: Proef-Partij", "\n  - naam: Ünal\n    partij: proef partij", 2),
    ("gericht_aan", "\n  - minister van Verzonnen Zaken", "\n  - Minister van verzonnen zaken", 1),
])
def test_different_names_on_one_page_are_reported_not_merged(field, first, second, where):
    a = _note("notes/a.md", **{field: first})
    b = _note("notes/b.md", kenmerk="2099Z00002", **{field: second})
    valid, problems = check_references([a, b], THEMES)
    assert valid == [a]
    text = note_text(**{field: second})
    line = line_of(text, field) + where
    msg = assert_names(only_problem(problems, field), rel="notes/b.md", key=field, line=line)
    assert f"(notes/a.md:{line}) krijgen hetzelfde adres" in msg and "schrijf één naam overal op dezelfde manier" in msg


def test_load_archive_collects_every_kind_of_problem(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "themas.yml").write_text("- slug: proef\n  naam: Proef\n  beschrijving: Verzonnen.\n",
                                      encoding="utf-8")
    (notes / "goed.md").write_text(note_text(), encoding="utf-8")
    (notes / "dubbel.md").write_text(note_text(), encoding="utf-8")
    (notes / "datum.md").write_text(note_text(kenmerk="2099Z00002", gesteld="2099-02-30"), encoding="utf-8")
    (notes / "thema.md").write_text(note_text(kenmerk="2099Z00003", themas="\n  - elders"), encoding="utf-8")
    archive, problems = load_archive(notes, notes / "themas.yml", PUBLIC)
    assert [n.kenmerk for n in archive.notes] == ["2099Z00001"]
    assert {(p.path, p.key) for p in problems} == {
        ("notes/datum.md", "gesteld"), ("notes/goed.md", "kenmerk"), ("notes/thema.md", "themas")}
    dup = next(p for p in problems if p.key == "kenmerk")
    # sorted order: dubbel.md is read before goed.md, so goed.md is the duplicate
    assert "notes/dubbel.md" in str(dup) and "notes/goed.md" in str(dup)


def test_public_archive_leaves_out_internal_notes():
    public = _note("notes/a.md", kenmerk="2099Z00001")
    internal = _note("notes/b.md", kenmerk="2099Z00002", zichtbaarheid="intern")
    assert [n.kenmerk for n in Archive([public, internal], THEMES, PUBLIC).notes] == ["2099Z00001"]
    assert {n.kenmerk for n in Archive([public, internal], THEMES, STAFF).notes} == {"2099Z00001", "2099Z00002"}


# --- the theme registry -----------------------------------------------------------------------


def test_load_themes(tmp_path):
    path = tmp_path / "themas.yml"
    path.write_text("- slug: omo\n  naam: Ondersteuningsnetwerk\n  beschrijving: Verzonnen.\n  namen:\n    - OMO\n",
                    encoding="utf-8")
    themes, problems = load_themes(path, "notes/themas.yml")
    assert problems == []
    assert themes["omo"].terms == ("Ondersteuningsnetwerk", "OMO")


def test_theme_registry_problems_name_file_and_key(tmp_path):
    path = tmp_path / "themas.yml"
    path.write_text(
        "- slug: Hoofd Letters\n  naam: A\n  beschrijving: B\n"
        "- slug: dubbel\n  naam: A\n  beschrijving: B\n"
        "- slug: dubbel\n  naam: C\n  beschrijving: D\n"
        "- slug: zonder-naam\n  beschrijving: B\n"
        "- slug: extra\n  naam: A\n  beschrijving: B\n  kleur: rood\n",
        encoding="utf-8")
    themes, problems = load_themes(path, "notes/themas.yml")
    assert list(themes) == ["dubbel"]
    assert [(p.key, p.line) for p in problems] == [("slug", 1), ("slug", 7), ("naam", 10), ("kleur", 15)]
    assert all(str(p).startswith(f"notes/themas.yml:{p.line}: veld '{p.key}': thema '") for p in problems)
    assert "staat twee keer in het register (ook op regel 4)" in str(problems[1])


@pytest.mark.parametrize("slug", ["nieuw\n", "index", "a--b"])
def test_theme_slug_must_match_as_a_whole(tmp_path, slug):
    path = tmp_path / "themas.yml"
    path.write_text(f"- slug: {slug!r}\n  naam: A\n  beschrijving: B\n".replace("'", '"'), encoding="utf-8")
    themes, problems = load_themes(path, "notes/themas.yml")
    assert themes == {}
    assert_names(only_problem(problems, "slug"), rel="notes/themas.yml", key="slug", line=1)


def test_missing_theme_registry_stops(tmp_path):
    with pytest.raises(ArchiveError, match="themaregister ontbreekt"):
        load_themes(tmp_path / "themas.yml", "notes/themas.yml")


def test_unreadable_theme_registry_stops_with_line(tmp_path):
    path = tmp_path / "themas.yml"
    path.write_text("- slug: a\n  naam: [b\n", encoding="utf-8")
    with pytest.raises(ArchiveError, match=r"notes/themas\.yml:\d+: YAML"):
        load_themes(path, "notes/themas.yml")


# --- the notes in the repository --------------------------------------------------------------


def test_fixture_notes_are_valid_and_synthetic():
    archive, problems = load_archive(FIXTURE_NOTES, FIXTURE_NOTES / "themas.yml", STAFF)
    assert problems == [], [str(p) for p in problems]
    assert len(archive.notes) == 8
    assert all(n.synthetisch for n in archive.notes)


def test_real_notes_are_valid():
    notes = REPO / "notes"
    archive, problems = load_archive(notes, notes / "themas.yml", STAFF)
    assert problems == [], [str(p) for p in problems]
    assert archive.notes


# --- related sets (model) -----------------------------------------------------------------------


def _set(kenmerk: str, gesteld: str, themas: str = "\n  - proef", **fields: str):
    return _note(f"notes/{kenmerk}.md", kenmerk=kenmerk, gesteld=gesteld, themas=themas, **fields)


def test_related_explicit_first_then_most_shared_themes_newest_first():
    me = _set("2099Z00001", "2099-01-01", "\n  - proef\n  - ander", gerelateerd="\n  - 2098Z00001")
    named = _set("2098Z00001", "2098-01-01", "\n  - ander")                    # in my `gerelateerd`
    names_me = _set("2098Z00002", "2098-01-02", gerelateerd="\n  - 2099Z00001")  # names me
    both_old = _set("2098Z00003", "2098-01-03", "\n  - proef\n  - ander")       # shares 2 themes
    one_new = _set("2099Z00009", "2099-06-01")                                 # shares 1, newest
    one_old = _set("2098Z00004", "2098-01-04")                                 # shares 1, older
    unrelated = _set("2098Z00005", "2098-01-05", "\n  - derde")
    themes = {**THEMES, "derde": Theme("derde", "Derde thema", "Verzonnen.")}
    archive = Archive([me, named, names_me, both_old, one_new, one_old, unrelated], themes, PUBLIC)
    assert [n.kenmerk for n in archive.related(me)] == [
        "2098Z00001", "2098Z00002", "2098Z00003", "2099Z00009", "2098Z00004"]


def test_related_limits_theme_neighbours_to_five():
    me = _set("2099Z00001", "2099-01-01")
    others = [_set(f"2098Z{n:05d}", f"2098-01-{n:02d}") for n in range(1, 9)]
    archive = Archive([me, *others], THEMES, PUBLIC)
    assert [n.kenmerk for n in archive.related(me)] == [f"2098Z{n:05d}" for n in range(8, 3, -1)]


def test_related_still_lists_theme_neighbours_when_many_sets_name_this_one():
    """Ten newer sets name X in `gerelateerd`; X still gets five theme neighbours after them."""
    x = _set("2099Z00001", "2099-01-01")
    referrers = [_set(f"2099Z{n:05d}", f"2099-02-{n:02d}", gerelateerd="\n  - 2099Z00001") for n in range(10, 20)]
    older = [_set(f"2098Z{n:05d}", f"2098-01-{n:02d}") for n in range(1, 6)]
    archive = Archive([x, *referrers, *older], THEMES, PUBLIC)
    related = [n.kenmerk for n in archive.related(x)]
    assert related[:10] == [f"2099Z{n:05d}" for n in range(19, 9, -1)]  # newest first
    assert related[10:] == [f"2098Z{n:05d}" for n in range(5, 0, -1)]


# --- every message has a line -------------------------------------------------------------------


@pytest.mark.parametrize("fields", [
    {"drop": ("kenmerk", "titel", "gesteld", "vragenstellers", "gericht_aan", "themas")},
    {"vragenstellers": "\n  - naam: Ünal\n  - [lijst]\n  - naam: X\n    partij: Y\n    fractie: Z"},
    {"standpunten": "\n  - standpunt: ''\n  - tekst: x\n  - standpunt: A\n    vragen: 9\n"
                    "  - standpunt: B\n    themas: proef\n  - standpunt: C\n    zichtbaarheid: geheim"},
    {"uitstel": "\n  - 2099-01-20\n  - 12\n  - 2099-02-30", "gerelateerd": "\n  - x\n  - [y]"},
    {"themas": "\n  - proef\n  - ''\n  - 12", "synthetisch": "misschien", "extra": "x"},
])
def test_every_problem_names_a_line(fields):
    _, problems = parse(note_text(**fields))
    assert problems
    for problem in problems:
        assert problem.line is not None and str(problem).startswith(f"{REL}:{problem.line}:"), str(problem)
