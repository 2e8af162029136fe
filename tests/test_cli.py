"""The staff command line `kamervragen`: `nieuw` writes a note, `check` validates like the build.

Exit codes: 0 in orde, 1 problemen or a refusal, 2 wrong use (argparse's errors, a malformed
kenmerk). Every command runs in a temporary copy of the fixture notes; `main()` is called
in-process, except for the tests of the installed console script and `python -m`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gettext
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURE_NOTES, REPO
from kamervragen.audience import STAFF
from kamervragen import dates
from kamervragen.adapter.project import options_from_config
from kamervragen.cli import main
from kamervragen.model import load_archive
from kamervragen.read.notes import KEYS, TERM_DAYS, parse_note
from kamervragen.read.source import split_front_matter
from note_factory import BAD_DATE
from note_factory import UNKNOWN_THEME as SHARED_UNKNOWN_THEME

# argparse's English words; none may be left in help or error texts.
ENGLISH = re.compile(r"\b(usage|positional|optional|options|arguments?|show|message|exit|required|"
                     r"error|invalid|choose|choices|expected|unrecognized|ambiguous|following)\b", re.I)
PLACEHOLDER_KEYS = {"titel", "vragenstellers", "gericht_aan", "themas"}

# The shared note with an unknown theme, under its own kenmerk so that it can sit beside BAD_DATE.
UNKNOWN_THEME = SHARED_UNKNOWN_THEME.replace("2099Z00009", "2099Z00010")


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A valid archive (the fixture notes) in notes/ of the current directory."""
    shutil.copytree(FIXTURE_NOTES, tmp_path / "notes")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def front_matter(path: Path) -> dict:
    split = split_front_matter(path.read_text(encoding="utf-8"), path.as_posix())
    assert not hasattr(split, "message"), split
    return split[0].data


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# --- nieuw ---------------------------------------------------------------------------------


def test_nieuw_writes_every_key_with_todays_date(archive, capsys):
    code, out, err = run(capsys, "nieuw", "2026Z01234", "--vandaag", "2026-03-02")
    assert code == 0, err
    path = Path("notes/2026/2026Z01234.md")
    assert out.strip() == path.as_posix()
    data = front_matter(path)
    assert set(data) == KEYS
    assert data["kenmerk"] == "2026Z01234"
    assert data["gesteld"] == "2026-03-02"
    assert data["termijn"] == (dt.date(2026, 3, 2) + dt.timedelta(days=TERM_DAYS)).isoformat() == "2026-03-23"
    assert data["zichtbaarheid"] == "openbaar"
    text = path.read_text(encoding="utf-8")
    assert "## Vraag 1" in text and "## Antwoord 1" in text
    assert '!!! intern "' in text
    # Only the keys staff must fill in and the empty question and answer are problems; the
    # optional keys validate as they are.
    note, problems = parse_note(text, path.as_posix())
    assert note is None
    assert {p.key for p in problems} == PLACEHOLDER_KEYS | {None}
    assert sorted(p.message.split(":")[0] for p in problems if p.key is None) == ["'Antwoord 1' is leeg",
                                                                                 "'Vraag 1' is leeg"]
    assert "nog in te vullen: titel" in err and "tekst" in err


def test_nieuw_prefilled_note_passes_check(archive, capsys):
    code, out, err = run(
        capsys, "nieuw", "2099Z00100", "--vandaag", "2099-02-01",
        "--titel", "Vragen: over 't dijkje", "--vragensteller", "Ünal", "--vragensteller", "'t Hart",
        "--partij", "Partij voor de Proef", "--gericht-aan", "minister van Denkbeeldige Financiën",
        "--thema", "omo", "--thema", "digitale-dijken")
    assert code == 0, err
    assert err == f"kamervragen: nog in te vullen: tekst ('kamervragen check' meldt het tot het klopt)\n"
    path = Path("notes/2099/2099Z00100.md")
    code, out, _ = run(capsys, "check")  # the question and the answer are still empty
    assert code == 1
    text = path.read_text(encoding="utf-8")
    headings = text.split("\n").index("## Vraag 1") + 1, text.split("\n").index("## Antwoord 1") + 1
    assert out.splitlines()[:2] == [
        f"{path}:{headings[0]}: 'Vraag 1' is leeg: neem de tekst van de vraag onder de kop over",
        f"{path}:{headings[1]}: 'Antwoord 1' is leeg: neem de tekst van het antwoord onder de kop over, "
        "of haal de kop weg zolang er geen antwoord is"]
    path.write_text(text.replace("## Vraag 1\n", "## Vraag 1\n\nHoe veilig is het dijkje?\n").replace(
        "## Antwoord 1\n", "## Antwoord 1\n\nVeilig.\n"), encoding="utf-8")
    note, problems = parse_note(path.read_text(encoding="utf-8"), path.as_posix())
    assert problems == []
    assert note.titel == "Vragen: over 't dijkje"
    assert [(a.naam, a.partij) for a in note.vragenstellers] == [
        ("Ünal", "Partij voor de Proef"), ("'t Hart", "Partij voor de Proef")]
    assert note.gericht_aan == ("minister van Denkbeeldige Financiën",)
    assert note.themas == ("omo", "digitale-dijken")
    assert note.gesteld == dt.date(2099, 2, 1)
    code, out, _ = run(capsys, "check")
    assert (code, out) == (0, "Alle 9 notities zijn in orde.\n")


@pytest.mark.parametrize("titel", ["ja", "2026-01-09", "#Kamervragen", "*Bericht* in de krant", "Vragen: over 't dijkje",
                                   "null", "123", "Twee\u2028regels", "Een\x85regel", "Stuur\x7fteken", "[concept]",
                                   'Het "bericht"', "! dringend"])
def test_nieuw_writes_any_title_so_that_it_reads_back(archive, capsys, titel):
    code, _, err = run(capsys, "nieuw", "2026Z00004", "--titel", titel)
    assert code == 0, err
    path = Path("notes/2026/2026Z00004.md")
    assert front_matter(path)["titel"] == titel
    assert yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])["titel"] == titel  # any YAML reader
    assert "titel" not in err


def test_nieuw_pairs_parties_with_askers_and_takes_gesteld(archive, capsys):
    code, _, err = run(capsys, "nieuw", "2026Z00002", "--vragensteller", "A", "--vragensteller", "B",
                       "--partij", "X", "--partij", "Y", "--gesteld", "2026-01-05", "--vandaag", "2026-01-09")
    assert code == 0, err
    data = front_matter(Path("notes/2026/2026Z00002.md"))
    assert data["vragenstellers"] == [{"naam": "A", "partij": "X"}, {"naam": "B", "partij": "Y"}]
    assert (data["gesteld"], data["termijn"]) == ("2026-01-05", "2026-01-26")


def test_nieuw_defaults_to_the_date_in_the_netherlands(archive, capsys):
    before = dates.today()
    assert run(capsys, "nieuw", "2026Z00003")[0] == 0
    gesteld = front_matter(Path("notes/2026/2026Z00003.md"))["gesteld"]
    assert gesteld in {before.isoformat(), dates.today().isoformat()}


def test_nieuw_and_check_do_not_hang_on_a_fifo_among_the_notes(archive, capsys):
    os.mkfifo(archive / "notes/2099/pijp.md")
    with ThreadPoolExecutor(1) as pool:  # opening the FIFO would block for ever
        code, out, err = pool.submit(run, capsys, "nieuw", "2026Z00005", "--vandaag", "2026-03-02").result(timeout=60)
        assert code == 0, err
        code, out, _ = pool.submit(run, capsys, "check").result(timeout=60)
    assert code == 1 and "notes/2099/pijp.md:1: is een pipe (FIFO), geen tekstbestand" in out


def test_nieuw_refuses_to_overwrite(archive, capsys):
    path = archive / "notes/2098/2098Z00001.md"
    before = path.read_bytes()
    code, out, err = run(capsys, "nieuw", "2098Z00001")
    assert code == 1
    assert out == ""
    assert err == "kamervragen: notes/2098/2098Z00001.md bestaat al; die wordt niet overschreven\n"
    assert path.read_bytes() == before
    # A note just written is refused the second time too.
    assert run(capsys, "nieuw", "2026Z01234")[0] == 0
    written = (archive / "notes/2026/2026Z01234.md").read_bytes()
    assert run(capsys, "nieuw", "2026Z01234", "--titel", "Anders")[0] == 1
    assert (archive / "notes/2026/2026Z01234.md").read_bytes() == written


@pytest.mark.parametrize("rel, text", [
    ("oud/andere-naam.md", BAD_DATE.replace("kenmerk: 2099Z00009", 'kenmerk: "2099Z00042"  # verplaatst')),
    ("oud/crlf.md", BAD_DATE.replace("2099Z00009", "2099Z00042").replace("\n", "\r\n")),
    ("oud/spatie.md", BAD_DATE.replace("kenmerk: 2099Z00009", "kenmerk : 2099Z00042")),  # YAML allows the space
    ("2025/2099Z00042.md", "geen front matter\n"),  # in the wrong year's folder
])
def test_nieuw_refuses_a_kenmerk_in_another_file(archive, capsys, rel, text):
    other = archive / "notes" / rel
    other.parent.mkdir(exist_ok=True)
    other.write_bytes(text.encode())
    before = files(archive)
    code, out, err = run(capsys, "nieuw", "2099Z00042")
    assert (code, out) == (1, "")
    assert err == f"kamervragen: kenmerk 2099Z00042 staat al in notes/{rel}; een kenmerk hoort bij één notitie\n"
    assert files(archive) == before


def test_nieuw_reads_the_kenmerk_as_the_notes_reader_does(archive, capsys):
    """A line 'kenmerk: …' inside another key's text is no kenmerk: the front matter is parsed."""
    other = archive / "notes/2099/2099Z00043.md"
    other.write_text(BAD_DATE.replace("2099Z00009", "2099Z00043").replace(
        "kenmerk: 2099Z00043\n", 'kenmerk: 2099Z00043\nopmerking: "Zie ook\nkenmerk: 2099Z00044\nvoor later"\n'),
        encoding="utf-8")
    split = split_front_matter(other.read_text(encoding="utf-8"), "x")
    assert split[0].data["opmerking"] == "Zie ook kenmerk: 2099Z00044 voor later"
    assert run(capsys, "nieuw", "2099Z00044")[0] == 0
    assert Path("notes/2099/2099Z00044.md").is_file()


@pytest.mark.parametrize("kenmerk", ["2026z01234", "2026Z1234", "Z01234", "2026Z012345", " 2026Z01234", "26Z01234",
                                     "2026Z01234\n", "٢٠٢٦Z٠١٢٣٤"])
def test_nieuw_malformed_kenmerk_is_wrong_use(archive, capsys, kenmerk):
    before = files(archive)
    code, out, err = run(capsys, "nieuw", kenmerk)
    assert code == 2
    assert out == ""
    assert f"kamervragen: KENMERK: '{kenmerk}' is geen Kamerkenmerk in de vorm 2026Z01234" in err
    assert files(archive) == before


def test_nieuw_unknown_theme_is_refused(archive, capsys):
    before = files(archive)
    code, _, err = run(capsys, "nieuw", "2026Z01234", "--thema", "omo", "--thema", "bestaat-niet")
    assert code == 1
    assert err.startswith("kamervragen: thema 'bestaat-niet' staat niet in notes/themas.yml; bekend zijn: ")
    assert "digitale-dijken" in err
    assert files(archive) == before


def test_nieuw_parties_that_do_not_pair_are_wrong_use(archive, capsys):
    code, _, err = run(capsys, "nieuw", "2026Z01234", "--vragensteller", "A", "--vragensteller", "B",
                       "--vragensteller", "C", "--partij", "X", "--partij", "Y")
    assert code == 2
    assert "geef één --partij voor alle vragenstellers" in err
    assert not Path("notes/2026").exists()


def test_nieuw_without_notes_folder(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "nieuw", "2026Z01234")
    assert code == 1
    assert err.startswith("kamervragen: de map met notities bestaat niet: notes")
    assert list(tmp_path.iterdir()) == []


# --- check ---------------------------------------------------------------------------------


def test_check_valid_archive(archive, capsys):
    assert run(capsys, "check") == (0, "Alle 8 notities zijn in orde.\n", "")


def test_check_reports_what_the_build_reports(archive, capsys):
    (archive / "notes/2099/2099Z00009.md").write_text(BAD_DATE, encoding="utf-8")
    (archive / "notes/2099/2099Z00010.md").write_text(UNKNOWN_THEME, encoding="utf-8")
    duplicate = (archive / "notes/2099/2099Z00003.md").read_text(encoding="utf-8")
    (archive / "notes/2099/kopie.md").write_text(duplicate, encoding="utf-8")
    code, out, err = run(capsys, "check")
    assert code == 1
    assert err == ""
    _, problems = load_archive((archive / "notes").resolve(), (archive / "notes/themas.yml").resolve(), STAFF)
    assert len(problems) == 3
    lines = out.splitlines()
    assert lines[:-1] == [str(p) for p in problems]
    assert "notes/2099/2099Z00009.md:4: veld 'gesteld': '2099-02-30' is geen bestaande datum" in lines
    assert "notes/2099/2099Z00010.md:11: veld 'themas': thema 'bestaat-niet' staat niet in het themaregister" \
        "; zet het thema eerst in het themaregister, of kies een slug die erin staat" in lines
    assert ("notes/2099/kopie.md:2: veld 'kenmerk': '2099Z00003' staat ook in notes/2099/2099Z00003.md:2; "
            "een kenmerk hoort bij één notitie") in lines
    assert lines[-1] == "3 problemen in 3 bestanden; 8 van de 11 notities in orde."


def test_check_one_problem_summary_and_registry_problems(archive, capsys):
    registry = archive / "notes/themas.yml"
    registry.write_text(registry.read_text(encoding="utf-8") + "- slug: Fout\n  naam: X\n  beschrijving: Y\n",
                        encoding="utf-8")
    code, out, _ = run(capsys, "check")
    assert code == 1
    assert out.splitlines() == [
        "notes/themas.yml:21: veld 'slug': thema 'Fout': 'Fout' is geen slug: alleen kleine letters en cijfers, "
        "met '-' ertussen (zoals weerbaar-bestuur)",
        "1 probleem in 1 bestand; 8 van de 8 notities in orde.",
    ]


def test_check_missing_registry_or_notes_folder(archive, capsys):
    (archive / "notes/themas.yml").unlink()
    code, out, err = run(capsys, "check")
    assert (code, out) == (1, "")
    assert err.startswith("kamervragen: notes/themas.yml: het themaregister ontbreekt")
    assert "Traceback" not in err
    code, out, err = run(capsys, "check", "--notes", "bestaat-niet")
    assert (code, out) == (1, "")
    assert err == ("kamervragen: de map met notities bestaat niet: bestaat-niet "
                   "(geef de juiste map met --notes MAP)\n")


def test_check_notes_and_themas_options(archive, capsys):
    shutil.move(archive / "notes", archive / "archief")
    shutil.move(archive / "archief/themas.yml", archive / "register.yml")
    assert run(capsys, "check", "--notes", "archief", "--themas", "register.yml")[0] == 0
    assert run(capsys, "check", "--notes", "archief")[0] == 1  # archief/themas.yml is not there


MKDOCS = """\
site_name: Test
site_url: !ENV [SITE_URL, "https://example.org/"]
markdown_extensions:
  - pymdownx.emoji:
      emoji_generator: !!python/name:material.extensions.emoji.to_svg
plugins:
  - search
  - kamervragen:
      notes_dir: archief
      themes_file: register/themas.yml
"""


def test_check_reads_folders_from_mkdocs_yml(archive, capsys):
    shutil.move(archive / "notes", archive / "site/archief")
    (archive / "site/docs").mkdir()  # MkDocs' own loader checks the whole file, docs_dir too
    (archive / "site/register").mkdir()
    shutil.move(archive / "site/archief/themas.yml", archive / "site/register/themas.yml")
    (archive / "site/mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    (archive / "site/archief/2099/2099Z00009.md").write_text(BAD_DATE, encoding="utf-8")
    code, out, _ = run(capsys, "check", "--mkdocs", "site/mkdocs.yml")
    assert code == 1
    assert out.startswith("archief/2099/2099Z00009.md:4: veld 'gesteld'")
    # INHERIT as MkDocs reads it: the child's plugins list replaces the parent's, paths are
    # relative to the child's file.
    (archive / "site/intern.yml").write_text("INHERIT: mkdocs.yml\nsite_name: Intern\n", encoding="utf-8")
    assert run(capsys, "check", "--mkdocs", "site/intern.yml")[0] == 1
    (archive / "site/leeg.yml").write_text("INHERIT: mkdocs.yml\nplugins:\n  - kamervragen\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--mkdocs", "site/leeg.yml")
    assert code == 1 and "de map met notities bestaat niet" in err  # defaults: site/notes
    (archive / "site/zonder.yml").write_text("site_name: X\nplugins: [search]\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--mkdocs", "site/zonder.yml")
    assert code == 1 and "gebruikt de plugin kamervragen niet" in err
    code, _, err = run(capsys, "check", "--mkdocs", "site/bestaat-niet.yml")
    assert code == 1 and "bestaat niet" in err
    (archive / "site/kapot.yml").write_text("site_name: X\nplugins:\n\t- kamervragen\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--mkdocs", "site/kapot.yml")
    assert code == 1 and err.startswith("kamervragen: site/kapot.yml:3: veld 'plugins': YAML kan niet worden gelezen "
                                        "(kolom 1): een tab om in te springen"), err


def test_check_takes_what_mkdocs_makes_of_mkdocs_yml(archive, capsys, monkeypatch):
    """!ENV and the plugin's own option checks are MkDocs', as in a build; MkDocs' refusals
    reach staff as one `kamervragen:` line naming the file, with no traceback."""
    shutil.move(archive / "notes", archive / "archief")
    (archive / "docs").mkdir()
    config = archive / "mkdocs.yml"
    config.write_text("site_name: X\nplugins:\n  - kamervragen:\n      notes_dir: !ENV [KV_NOTES, notes]\n"
                      "      themes_file: archief/themas.yml\n", encoding="utf-8")
    monkeypatch.setenv("KV_NOTES", "archief")
    assert run(capsys, "check", "--mkdocs", "mkdocs.yml") == (0, "Alle 8 notities zijn in orde.\n", "")
    monkeypatch.delenv("KV_NOTES")
    code, _, err = run(capsys, "check", "--mkdocs", "mkdocs.yml")
    assert code == 1 and "de map met notities bestaat niet: notes" in err
    config.write_text(config.read_text(encoding="utf-8") + "      per_page: 0\n", encoding="utf-8")
    code, out, err = run(capsys, "check", "--mkdocs", "mkdocs.yml")
    assert (code, out) == (1, "")
    assert err.startswith("kamervragen: mkdocs.yml: MkDocs keurt de configuratie af: ") and "per_page" in err
    assert "moet 1 of meer zijn, niet 0" in err and "Traceback" not in err
    # A YAML slip in the file it INHERITs is reported in that file.
    (archive / "kapot.yml").write_text("site_name: X\nplugins:\n\t- kamervragen\n", encoding="utf-8")
    (archive / "kind.yml").write_text("INHERIT: kapot.yml\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--mkdocs", "kind.yml")
    assert code == 1 and f"kamervragen: {archive / 'kapot.yml'}:3: veld 'plugins': YAML kan niet" in err, err


def test_the_repositorys_mkdocs_files_name_the_real_folders():
    for name, audience in (("mkdocs.yml", "openbaar"), ("mkdocs.intern.yml", "intern")):
        options = options_from_config(REPO / name)
        assert (options.notes_dir, options.themes_file) == (REPO / "notes", REPO / "notes/themas.yml")
        assert options.audience.name == audience


def test_check_loads_neither_mkdocs_nor_the_importer(archive):
    """`check` runs before every commit: it imports only what validating the notes needs."""
    code = ("import sys; from kamervragen.cli import main; code = main(['check']); "
            "print(code, sorted({m.split('.')[0] for m in sys.modules if m.split('.')[0] in "
            "{'mkdocs', 'material', 'jinja2', 'wordfreq', 'docx', 'pypdf'}} | "
            "{m for m in sys.modules if m.startswith('kamervragen.importer')}))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.splitlines()[-1] == "0 []", result.stdout + result.stderr


# --- Dutch help and errors -----------------------------------------------------------------


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["nieuw", "--help"], ["check", "-h"]])
def test_help_is_dutch(capsys, args):
    code, out, err = run(capsys, *args)
    assert (code, err) == (0, "")
    assert out.startswith("Gebruik: kamervragen")
    assert "opties:" in out and "toon deze hulp en stop" in out
    assert not ENGLISH.findall(out), ENGLISH.findall(out)
    assert "--vandaag" not in out  # for tests only
    assert argparse._ is gettext.gettext  # the Dutch words were lent to argparse for this call only


@pytest.mark.parametrize("args, message", [
    ([], "dit ontbreekt nog: OPDRACHT"),
    (["verwijder"], "OPDRACHT: onbekende keuze: 'verwijder' (kies uit 'nieuw', 'importeer', 'check')"),
    (["nieuw"], "dit ontbreekt nog: KENMERK"),
    (["nieuw", "2026Z01234", "--titel"], "--titel: hier hoort één waarde bij"),
    (["nieuw", "2026Z01234", "--vandaag", "morgen"], "--vandaag: 'morgen' is geen datum in de vorm JJJJ-MM-DD"),
    (["nieuw", "2026Z01234", "--gesteld", "2026-02-30"], "--gesteld: '2026-02-30' is geen bestaande datum"),
    (["check", "--onbekend"], "onbekende argumenten: --onbekend"),
])
def test_wrong_use_is_dutch_with_exit_code_2(tmp_path, monkeypatch, capsys, args, message):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, *args)
    assert (code, out) == (2, "")
    assert err.startswith("Gebruik: kamervragen")
    assert f"\nkamervragen: {message}\n" in err
    assert not ENGLISH.findall(err), ENGLISH.findall(err)
    assert list(tmp_path.iterdir()) == []


def test_installed_console_script(archive):
    script = Path(sys.executable).parent / "kamervragen"
    assert script.is_file(), "run `pip install -e .` (scripts/setup.sh) to install the kamervragen command"
    result = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("Gebruik: kamervragen")
    result = subprocess.run([str(script), "check"], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (0, "Alle 8 notities zijn in orde.\n")


def test_python_dash_m_exits_with_the_code(archive):
    (archive / "notes/2099/2099Z00009.md").write_text(BAD_DATE, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kamervragen.cli", "check"], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 1
    assert "notes/2099/2099Z00009.md:4: veld 'gesteld'" in result.stdout


# --- pre-commit ----------------------------------------------------------------------------


def test_pre_commit_hooks_run_the_check(archive, capsys):
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = [repo for repo in config["repos"] if repo["repo"] == "local"]
    for hook, language in ((hooks[0], "python"), (local[0]["hooks"][0], "system")):
        assert hook["id"] == "kamervragen-check"
        assert hook["entry"] == "kamervragen check"
        assert (hook["language"], hook["pass_filenames"], hook["files"]) == (language, False, "^notes/")
        command, *args = hook["entry"].split() + hook.get("args", [])
        assert command == "kamervragen"
        assert run(capsys, *args)[0] == 0
