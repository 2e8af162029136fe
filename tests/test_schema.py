"""The front-matter schema: one table per kind of mapping drives the checks of notes, their
positions and the theme registry, so one fault gets one message in all three; and the keys in
docs/notitieformaat.md are the keys of the tables."""

from __future__ import annotations

import random
import re

import pytest

from conftest import REPO
from kamervragen.problems import Problem
from kamervragen.read.notes import parse_note
from kamervragen.read.schema import ASKER, KENMERK_IN_TEXT, NOTE, POSITION, POSTPONEMENT, THEME, Kind, kenmerken_in
from kamervragen.read.themes import load_themes

DOC = (REPO / "docs" / "notitieformaat.md").read_text(encoding="utf-8")
NOTE_REL, THEMES_REL = "notes/2099/2099Z00001.md", "notes/themas.yml"

NOTE_TEXT = """---
kenmerk: 2099Z00001
titel: Verzonnen vragen
gesteld: 2099-01-09
vragenstellers:
  - naam: Ünal
    partij: Proefpartij
gericht_aan: [minister van Verzonnen Zaken]
themas: [proef]
synthetisch: true
standpunten:
  - standpunt: Een lijn.
    vragen: 1
    themas: [proef]
---

## Vraag 1

Een vraag?
"""
THEME_TEXT = "- slug: proef\n  naam: Proef\n  beschrijving: Verzonnen.\n  namen: [PR]\n"


def section(title: str) -> str:
    """The text of one '## ' section of the documentation."""
    return DOC.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]


# --- one fault, one message ---------------------------------------------------------------------


def note_problem(key: str, value: str) -> tuple[Problem, int]:
    """The one problem of a note whose `key` is set to `value`, and the line of that key."""
    text = re.sub(rf"(?m)^{key}:.*$", f"{key}: {value}", NOTE_TEXT) if f"\n{key}:" in NOTE_TEXT \
        else NOTE_TEXT.replace("synthetisch: true\n", f"synthetisch: true\n{key}: {value}\n")
    return only(parse_note(text, NOTE_REL)[1]), text.split("\n").index(f"{key}: {value}") + 1


def position_problem(key: str, value: str) -> tuple[Problem, int]:
    text = re.sub(rf"(?m)^(  - |    ){key}:.*$", rf"\g<1>{key}: {value}", NOTE_TEXT) if re.search(
        rf"\n(  - |    ){key}:", NOTE_TEXT) else NOTE_TEXT.replace("    vragen: 1\n", f"    vragen: 1\n    {key}: {value}\n")
    return only(parse_note(text, NOTE_REL)[1]), next(
        n for n, line in enumerate(text.split("\n"), start=1) if line.endswith(f" {key}: {value}"))


def theme_problem(key: str, value: str, tmp_path) -> tuple[Problem, int]:
    text = re.sub(rf"(?m)^  {key}:.*$", f"  {key}: {value}", THEME_TEXT) if f"\n  {key}:" in THEME_TEXT \
        else THEME_TEXT + f"  {key}: {value}\n"
    (tmp_path / "themas.yml").write_text(text, encoding="utf-8")
    return only(load_themes(tmp_path / "themas.yml", THEMES_REL)[1]), text.split("\n").index(f"  {key}: {value}") + 1


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


# (note key, position key, theme key or None, YAML value, the message of the fault)
FAULTS = [
    ("titel", "standpunt", "naam", "''", "ontbreekt of is leeg"),
    ("titel", "standpunt", "naam", "12", "moet tekst zijn, niet een getal (12); zet het tussen aanhalingstekens"),
    ("titel", "standpunt", "naam", "[a]", "moet tekst zijn, niet een lijst (['a'])"),
    ("themas", "themas", "namen", "proef", "moet een lijst zijn (regels die beginnen met '- '), niet tekst"),
    ("themas", "themas", "namen", "[proef, 12]",
     "elk element moet tekst zijn, niet een getal (12); zet het tussen aanhalingstekens"),
    ("themas", "themas", "namen", "[proef, '']", "elk element moet ingevuld zijn"),
    ("zichtbaarheid", "zichtbaarheid", None, "geheim", "'geheim' kan alleen 'openbaar' of 'intern' zijn"),
    ("zichtbaarheid", "zichtbaarheid", None, "''", "ontbreekt of is leeg"),
]


@pytest.mark.parametrize("note_key, position_key, theme_key, value, message", FAULTS)
def test_one_fault_has_one_message_in_notes_positions_and_themes(tmp_path, note_key, position_key, theme_key,
                                                                 value, message):
    problem, line = note_problem(note_key, value)
    assert str(problem) == f"{NOTE_REL}:{line}: veld '{note_key}': {message}"
    problem, line = position_problem(position_key, value)
    named = "standpunt 1" if position_key == "standpunt" else "standpunt 'Een lijn.'"  # its text is the fault
    assert str(problem) == f"{NOTE_REL}:{line}: veld 'standpunten': {named}, veld '{position_key}': {message}"
    if theme_key:
        problem, line = theme_problem(theme_key, value, tmp_path)
        assert str(problem) == f"{THEMES_REL}:{line}: veld '{theme_key}': thema 'proef': {message}"


def test_unknown_keys_are_named_with_the_keys_allowed_there(tmp_path):
    allowed = {table: "onbekende sleutel; toegestaan zijn: " + ", ".join(sorted(table.keys))
               for table in (NOTE, POSITION, THEME)}
    problem, line = note_problem("kleur", "rood")
    assert str(problem) == f"{NOTE_REL}:{line}: veld 'kleur': {allowed[NOTE]}"
    problem, line = position_problem("kleur", "rood")
    assert str(problem) == f"{NOTE_REL}:{line}: veld 'standpunten': standpunt 'Een lijn.', veld 'kleur': " \
                           f"{allowed[POSITION]}"
    problem, line = theme_problem("kleur", "rood", tmp_path)
    assert str(problem) == f"{THEMES_REL}:{line}: veld 'kleur': thema 'proef': {allowed[THEME]}"


@pytest.mark.parametrize("value, message", [
    ("[12]", "uitstelbericht 1: moet een datum JJJJ-MM-DD of een tabel met 'datum' en/of 'aanhangsel' zijn, "
             "niet een lijst ([12])"),
    ("{vergaderjaar: 2024-2025}", "uitstelbericht 1: geef 'datum' en/of 'aanhangsel'"),
    ("{aanhangsel: nul, vergaderjaar: 2024-2025}",
     "uitstelbericht 1, veld 'aanhangsel': moet een nummer zijn (zoals 507), niet tekst ('nul')"),
    ("{aanhangsel: 507, vergaderjaar: 2024-2026}",
     "uitstelbericht 1, veld 'vergaderjaar': '2024-2026' is geen vergaderjaar in de vorm 2024-2025"),
    ("{datum: 2099-02-30}", "uitstelbericht 1, veld 'datum': '2099-02-30' is geen bestaande datum"),
    ("'2099-02-30'", "'2099-02-30' is geen bestaande datum"),  # a bare date is no table: no name
])
def test_a_postponement_is_a_date_or_a_table_and_says_which_part_is_wrong(value, message):
    text = NOTE_TEXT.replace("synthetisch: true\n", f"synthetisch: true\nuitstel:\n  - {value}\n")
    assert text.split("\n")[11] == f"  - {value}"
    assert str(only(parse_note(text, NOTE_REL)[1])) == f"{NOTE_REL}:12: veld 'uitstel': {message}"


def test_an_item_that_is_no_table_is_named_by_its_number():
    text = NOTE_TEXT.replace("  - naam: Ünal\n    partij: Proefpartij\n", "  - naam: Ünal\n    partij: Proefpartij\n"
                             "  - Jansen\n")
    problem = only(parse_note(text, NOTE_REL)[1])
    assert str(problem) == (f"{NOTE_REL}:8: veld 'vragenstellers': vragensteller 2: moet een tabel met 'naam' en "
                            "'partij' zijn, niet tekst ('Jansen')")


# --- the documentation lists the fields of the tables --------------------------------------------


def documented_keys() -> dict[str, str]:
    """Each key in the tables of "De sleutels", with all it says about the key (meaning and rule)."""
    rows = re.findall(r"(?m)^\| `([a-z_]+)` \|(.*)\|$", section("De sleutels"))
    keys: dict[str, str] = {}
    for key, rest in rows:
        keys[key] = keys.get(key, "") + rest
    return keys


def test_the_documentation_lists_every_key_of_a_note_and_no_other():
    assert set(documented_keys()) == set(NOTE.keys)


def test_the_documentation_says_which_keys_are_required():
    said = {key for key, text in documented_keys().items() if re.search(r"\bverplicht\b|minstens één", text)}
    assert said == {f.key for f in NOTE.fields if f.required}


def test_the_documentation_names_the_keys_of_askers_and_postponements():
    documented = documented_keys()
    for key, table in [("vragenstellers", ASKER), ("uitstel", POSTPONEMENT)]:
        assert set(re.findall(r"`([a-z_]+)`", documented[key])) >= set(table.keys), key
    assert [f.key for f in NOTE.fields if f.kind is Kind.TABLE] == ["vragenstellers", "uitstel", "standpunten"]


def test_the_documentations_example_uses_every_key_of_a_position_and_is_valid():
    example = DOC.split("\n## Een volledig voorbeeld\n", 1)[1].split("```markdown\n", 1)[1].split("\n```\n", 1)[0]
    note, problems = parse_note(example + "\n", "docs/notitieformaat.md")
    assert problems == [] and note is not None
    front = example.split("standpunten:\n", 1)[1].split("\n---", 1)[0]
    assert set(re.findall(r"(?m)^  (?:- |  )([a-z_]+):", front)) == set(POSITION.keys)


def test_the_documentation_names_the_keys_of_a_theme():
    text = section("Het themaregister")
    assert set(re.findall(r"`([a-z_]+)`", text)) == set(THEME.keys)
    required = text.split("eventueel", 1)[0]
    assert set(re.findall(r"`([a-z_]+)`", required)) == {f.key for f in THEME.fields if f.required}


@pytest.mark.parametrize("text", [
    "2026Z00186", "zie 2026Z00186, 2025Z01234 en 2024Z99999.", "12026Z00186 2026Z001861 x2026Z00186 2026Z00186_",
    "2026Z00186Z00187 2026ZZ00186 026Z00186 Z00186", "(2026Z00186)\n2026Z00187", "é2026Z00186 ٢٠٢٦Z00186 2026Z٠٠١٨٦",
])
def test_kenmerken_in_text_are_found_as_the_full_pattern_finds_them(text):
    assert kenmerken_in(text) == KENMERK_IN_TEXT.findall(text)


def test_kenmerken_in_random_text_are_found_as_the_full_pattern_finds_them():
    rng = random.Random(13)
    alphabet = "0123456789" * 4 + "ZZZZ z_-. \néٶ"
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        assert kenmerken_in(text) == KENMERK_IN_TEXT.findall(text), text
