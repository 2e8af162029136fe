"""Hostile and broken notes, through the real command line (`python -m mkdocs build`).

Each case copies tests/fixtures/audiences/ to a temporary folder and adds ONE note (the
non-strict case adds three). Broken notes must stop `mkdocs build --strict` with a message
naming the file and, where they apply, the key and the line; odd but valid notes must simply
build. No case may end in a Python traceback.

The builds are independent processes, so the module runs them all at once, in parallel, the
first time a test needs one; each test then checks its own case.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import TESTS, soup
from kamervragen.cli import main

FIXTURE = TESTS / "fixtures" / "audiences"
REL = "notes/2099/2099Z00150.md"

GOOD = """---
kenmerk: 2099Z00150
titel: Vragen over de proefnotitie
gesteld: 2099-06-01
vragenstellers:
  - naam: Bakker
    partij: Partij voor de Proef
gericht_aan:
  - minister van Verzonnen Zaken
beantwoord: 2099-06-15
themas:
  - dijkbewaking
synthetisch: true
---

## Vraag 1

Werkt de proef?

## Antwoord 1

Ja.
"""
# Line numbers in GOOD: 2 kenmerk, 3 titel, 4 gesteld, 8 gericht_aan, 10 beantwoord, 15 first body line,
# 16 '## Vraag 1'.
assert GOOD.splitlines()[9] == "beantwoord: 2099-06-15" and GOOD.splitlines()[15] == "## Vraag 1"


def edit(old: str, new: str) -> str:
    assert old in GOOD, old
    return GOOD.replace(old, new, 1)


def front_matter_plus(extra: str) -> str:
    return edit("synthetisch: true\n", "synthetisch: true\n" + extra)


Make = Callable[[Path], None]  # makes something other than a text file at a path


@dataclass(frozen=True)
class Case:
    notes: dict[str, str | bytes | Make]  # path below the site folder -> content
    strict: bool = True


def symlink(target: str) -> Make:
    return lambda path: path.symlink_to(target)


def unreadable(path: Path) -> None:
    path.write_text(GOOD, encoding="utf-8")
    path.chmod(0)


ROOT = os.geteuid() == 0  # root reads a file whatever its mode: the unit test in test_notes.py covers it


@dataclass
class Result:
    root: Path  # the site's sources
    out: Path  # the built site
    returncode: int
    stdout: str
    stderr: str

    @property
    def warnings(self) -> list[str]:
        """Every reported problem: warnings, and the lines of the error that stops a strict build."""
        return [line for line in self.stderr.splitlines() if line.startswith(("WARNING", "ERROR", "  "))]


def _latin1_note() -> bytes:
    return edit("  - naam: Bakker", "  - naam: Ünal").encode("latin-1")


def _bom_crlf_note() -> bytes:
    text = edit("Ja.\n", "Ja.\n\n!!! intern \"Kern\"\n\n    Kanariecrlf hoort alleen in de interne versie.\n\n"
                "Openbare slotzin.\n")
    return b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8")


def _large_note(size: int = 2_000_000) -> str:
    """About `size` bytes: many questions and long answers with links, lists and emphasis."""
    rng = random.Random(7)
    words = ("de minister heeft het bericht gelezen en neemt maatregelen om dijken te bewaken met sensoren "
             "waterschappen gemeenten veiligheid onderzoek rapport kosten Dijkbewaking zie vraag 1 en "
             "2099Z00103 Weerbaar Bestuur **vet** *schuin*").split()
    parts, n, q = [], 0, 0
    while n < size:
        q += 1
        para = "\n".join(textwrap.wrap(" ".join(rng.choice(words) for _ in range(3000)), 80))
        part = f"## Vraag {q}\n\nWat vindt u van punt {q}?\n\n## Antwoord {q}\n\n{para}\n\n- punt een\n- punt twee\n\n"
        parts.append(part)
        n += len(part)
    parts.append(f"Slotzin van de grote notitie na {q} vragen.\n")
    return GOOD.split("## Vraag 1")[0] + "".join(parts)


def _alias_bomb(levels: int) -> str:
    """YAML aliases: a few hundred bytes that stand for 10**levels strings."""
    lines = ["x0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"x{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, levels)]
    return "\n".join(lines) + f"\nuitstel: *a{levels - 1}\n"


DIACRITICS = edit("""vragenstellers:
  - naam: Bakker
    partij: Partij voor de Proef
gericht_aan:
  - minister van Verzonnen Zaken""", """vragenstellers:
  - naam: Ünal
    partij: Partij voor de Proef
  - naam: "'t Hart"
    partij: Onderzoekspartij d'Hondt
gericht_aan:
  - staatssecretaris van Financiën""").replace("Vragen over de proefnotitie", "Vragen over café’s in ’t Gooi")

FAILING: dict[str, tuple[Case, list[str]]] = {
    # case id: (notes, what stderr must say)
    "unparseable-yaml": (Case({REL: edit("titel: Vragen over", "titel: Vragen: over")}),
                         [f"{REL}:3: veld 'titel': YAML kan niet worden gelezen"]),
    "missing-required-key": (Case({REL: edit("titel: Vragen over de proefnotitie\n", "")}),
                             [f"{REL}:13: veld 'titel': ontbreekt of is leeg"]),
    "empty-required-key": (Case({REL: edit("titel: Vragen over de proefnotitie", "titel: ")}),
                           [f"{REL}:3: veld 'titel': ontbreekt of is leeg"]),
    "string-where-list-expected": (
        Case({REL: edit("gericht_aan:\n  - minister", "gericht_aan: minister")}),
        [f"{REL}:8: veld 'gericht_aan': moet een lijst zijn"]),
    "number-as-kenmerk": (Case({REL: edit("kenmerk: 2099Z00150", "kenmerk: 209900150")}),
                          [f"{REL}:2: veld 'kenmerk': moet tekst zijn, niet een getal (209900150)"]),
    "impossible-date": (Case({REL: edit("gesteld: 2099-06-01", "gesteld: 2025-02-30")}),
                        [f"{REL}:4: veld 'gesteld': '2025-02-30' is geen bestaande datum"]),
    "answered-before-asked": (
        Case({REL: edit("beantwoord: 2099-06-15", "beantwoord: 2099-05-31")}),
        [f"{REL}:10: veld 'beantwoord': 2099-05-31 ligt vóór de datum van de vragen (2099-06-01)"]),
    "duplicate-kenmerk": (
        Case({REL: edit("kenmerk: 2099Z00150", "kenmerk: 2099Z00103")}),
        [f"{REL}:2: veld 'kenmerk': '2099Z00103' staat ook in notes/2099/2099Z00103.md:2;"]),
    "unknown-theme": (Case({REL: edit("  - dijkbewaking", "  - bestaat-niet")}),
                      [f"{REL}:12: veld 'themas': thema 'bestaat-niet' staat niet in het themaregister"]),
    # A set outside the archive is no error (real sets name other departments' sets); a malformed one is.
    "related-set-malformed": (Case({REL: front_matter_plus("gerelateerd:\n  - 2099-Z-99999\n")}),
                              [f"{REL}:15: veld 'gerelateerd'"]),
    "malformed-kenmerk": (Case({REL: edit("kenmerk: 2099Z00150", "kenmerk: 2099-Z-150")}),
                          [f"{REL}:2: veld 'kenmerk': '2099-Z-150' is geen Kamerkenmerk"]),
    "not-utf8": (Case({REL: _latin1_note()}),
                 [f"{REL}:6: het bestand is geen geldige UTF-8-tekst (byte {_latin1_note().index('Ü'.encode('latin-1'))}, "
                  "kolom 11)"]),
    "empty-body": (Case({REL: GOOD.split("## Vraag 1")[0]}),
                   [f"{REL}:15: de tekst na de front matter is leeg"]),
    "question-without-answer": (
        Case({REL: GOOD + "\n## Vraag 2\n\nEn de tweede proef?\n"}),
        [f"{REL}:10: veld 'beantwoord': de set is beantwoord, maar 'Vraag 2' heeft geen 'Antwoord 2'"]),
    "same-question-number-twice": (
        Case({REL: edit("## Antwoord 1\n\nJa.\n", "## Vraag 1\n\nNog een keer vraag 1?\n\n## Antwoord 1\n\nJa.\n")}),
        [f"{REL}:20: 'Vraag 1' staat twee keer in de tekst (ook op regel 16)"]),
    # more hostile input: YAML features a note has no use for
    "yaml-python-tag": (Case({REL: front_matter_plus("aanleiding: !!python/object/apply:os.system ['echo GEHACKT']\n")}),
                        [f"{REL}:14: veld 'aanleiding': YAML kan niet worden gelezen", "python/object/apply"]),
    "front-matter-is-a-list": (Case({REL: "---\n- kenmerk: 2099Z00150\n---\n\n## Vraag 1\n\nWat?\n"}),
                               [f"{REL}:2: de front matter moet sleutels met waarden bevatten"]),
    "no-front-matter": (Case({REL: "## Vraag 1\n\nWaar is de front matter?\n"}),
                        [f"{REL}:1: het bestand begint niet met front matter"]),
    "yaml-complex-key": (Case({REL: front_matter_plus("? [titel, kenmerk]\n: samen\n")}), [f"{REL}"]),
    "yaml-deep-nesting": (Case({REL: front_matter_plus("aanleiding: " + "[" * 3000 + "]" * 3000 + "\n")}),
                          [f"{REL}:14: veld 'aanleiding': YAML kan niet worden gelezen", "te diep genest"]),
    "yaml-alias-bomb": (Case({REL: front_matter_plus(_alias_bomb(5))}), [f"{REL}", "uitstel"]),
    "position-range-huge": (
        Case({REL: front_matter_plus("standpunten:\n  - standpunt: Alles.\n    vragen: 1 t/m 1000000\n")}),
        [f"{REL}:16: veld 'standpunten': standpunt 'Alles.', veld 'vragen': '1 t/m 1000000' is geen lijst van "
         "vraagnummers"]),
    "position-range-backwards": (
        Case({REL: front_matter_plus("standpunten:\n  - standpunt: Terug.\n    vragen: 2 t/m 1\n")
              + "\n## Vraag 2\n\nEn verder?\n\n## Antwoord 2\n\nNee.\n"}),
        [f"{REL}:16: veld 'standpunten': standpunt 'Terug.', veld 'vragen': '2 t/m 1' is geen lijst van vraagnummers"]),
    # YAML slips, in Dutch with line and column
    "yaml-tab-indentation": (Case({REL: edit("  - minister van", "\t- minister van")}),
                             [f"{REL}:9: veld 'gericht_aan': YAML kan niet worden gelezen (kolom 1): een tab"]),
    "yaml-unclosed-quote": (Case({REL: edit("titel: Vragen", 'titel: "Vragen')}),
                            [f"{REL}:3: veld 'titel': YAML kan niet worden gelezen (kolom 8): een aanhalingsteken"]),
    # files that are no plain note in the project
    "symlink-out-of-the-project": (Case({REL: symlink("/etc/passwd")}),
                                   [f"{REL}:1: is een koppeling naar /etc/passwd, buiten het project"]),
    "symlink-to-dev-zero": (Case({REL: symlink("/dev/zero")}),
                            [f"{REL}:1: is een koppeling naar /dev/zero, buiten het project"]),
    "dangling-symlink": (Case({REL: symlink("bestaat-niet.md")}),
                         [f"{REL}:1: is een koppeling (symlink) naar een bestand dat niet bestaat"]),
    "directory-named-like-a-note": (Case({REL: Path.mkdir}), [f"{REL}:1: is een map, geen tekstbestand"]),
    "fifo-named-like-a-note": (Case({REL: os.mkfifo}), [f"{REL}:1: is een pipe (FIFO), geen tekstbestand"]),
    "unreadable-note": (Case({REL: unreadable}), [f"{REL}:1: mag niet worden gelezen (geen leesrechten)"]),
    "note-over-five-megabytes": (Case({REL: GOOD + "x" * 5_000_000}), [f"{REL}:1: is groter dan 5 MB (5.0 MB)"]),
    # dates no build can handle
    "gesteld-9999": (Case({REL: edit("gesteld: 2099-06-01", "gesteld: 9999-12-31")}),
                     [f"{REL}:4: veld 'gesteld': '9999-12-31' ligt niet tussen 1900 en 2100"]),
    "termijn-9999": (Case({REL: front_matter_plus("termijn: 9999-12-31\n")}),
                     [f"{REL}:14: veld 'termijn': '9999-12-31' ligt niet tussen 1900 en 2100"]),
    "beantwoord-2206": (Case({REL: edit("beantwoord: 2099-06-15", "beantwoord: 2206-02-20")}),
                        [f"{REL}:10: veld 'beantwoord': '2206-02-20' ligt niet tussen 1900 en 2100"]),
    "uitstel-9999": (Case({REL: front_matter_plus("uitstel:\n  - 2099-06-10\n  - 9999-01-01\n")}),
                     [f"{REL}:16: veld 'uitstel': '9999-01-01' ligt niet tussen 1900 en 2100"]),
    # values that look right but are not
    "kenmerk-in-arabic-digits": (Case({REL: edit("kenmerk: 2099Z00150", "kenmerk: ٢٠٩٩Z٠٠١٥٠")}),
                                 [f"{REL}:2: veld 'kenmerk': '٢٠٩٩Z٠٠١٥٠' is geen Kamerkenmerk"]),
    "empty-zichtbaarheid": (Case({REL: front_matter_plus("zichtbaarheid:\n")}),
                            [f"{REL}:14: veld 'zichtbaarheid': ontbreekt of is leeg"]),
    "name-sharing-a-page-with-another": (
        Case({REL: edit("  - naam: Bakker", "  - naam: Jänsen")}),
        [f"{REL}:6: veld 'vragenstellers': 'Jänsen' en 'Jansen' (notes/",
         "krijgen hetzelfde adres kamerleden/jansen/"]),
    # bodies that would lose or leak text
    "empty-question": (Case({REL: edit("Werkt de proef?\n", "")}), [f"{REL}:16: 'Vraag 1' is leeg"]),
    "internal-block-indented-two-spaces": (
        Case({REL: edit("Ja.\n", "Ja.\n\n!!! intern \"Kern\"\n\n  Kanarietwee hoort alleen intern.\n")}),
        [f"{REL}:26: deze regel springt 2 spatie(s) in na het interne blok van regel 24"]),
    "script-quoted-in-an-answer": (
        Case({REL: edit("Ja.\n", "Ja, de mail zei <script>alert(1)</script>.\n")}),
        [f"{REL}:22: de site laat <script> met alles wat erin staat weg"]),
}

WORKING: dict[str, Case] = {
    "parties-in-greek-and-cyrillic": Case({
        REL: edit("    partij: Partij voor de Proef", "    partij: ΚΚΕ"),
        "notes/2099/2099Z00151.md": edit("kenmerk: 2099Z00150", "kenmerk: 2099Z00151").replace(
            "    partij: Partij voor de Proef", "    partij: КПРФ").replace(
            "naam: Bakker", "naam: Иванов")}),
    "bom-and-crlf": Case({REL: _bom_crlf_note()}),
    "two-megabyte-note": Case({REL: _large_note()}),
    "diacritics-and-apostrophes": Case({REL: DIACRITICS}),
    "internal-block-nested-in-a-public-one": Case({REL: edit("Ja.\n", "Ja.\n\n!!! note \"Openbare kanttekening\"\n\n"
                                                          "    Openbare kanttekening bij het antwoord.\n\n"
                                                          "    !!! intern \"Genest\"\n\n"
                                                          "        Kanariegenest hoort alleen in de interne versie.\n")}),
    "non-strict-build-with-three-bad-notes": Case({
        "notes/2099/2099Z00150.md": edit("gesteld: 2099-06-01", "gesteld: 2025-02-30"),
        "notes/2099/2099Z00151.md": edit("kenmerk: 2099Z00150", "kenmerk: 2099Z00151").replace(
            "  - dijkbewaking", "  - bestaat-niet"),
        "notes/2098/latin1.md": _latin1_note().replace(b"2099Z00150", b"2099Z00152"),
    }, strict=False),
}

BUGS: dict[str, str] = {}  # case id -> known bug (strict xfail); none open


def build(case: Case, base: Path) -> Result:
    root = base / "src"
    shutil.copytree(FIXTURE, root, ignore=shutil.ignore_patterns(".cache", "__pycache__", "site", "site-intern"))
    for rel, content in case.notes.items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        elif isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            content(target)
    out = base / "out"
    args = ["--strict"] if case.strict else []
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", *args, "-f", str(root / "mkdocs.yml"), "-d", str(out)],
                          cwd=base, env=env, capture_output=True, text=True, timeout=300)
    return Result(root, out, done.returncode, done.stdout, done.stderr)


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, Result]:
    cases = {**{k: c for k, (c, _) in FAILING.items()}, **WORKING}
    base = tmp_path_factory.mktemp("hostile")
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        # the slowest build first, so it overlaps the others
        order = sorted(cases, key=lambda k: k != "two-megabyte-note")
        futures = {k: pool.submit(build, cases[k], base / k) for k in order}
        return {k: f.result() for k, f in futures.items()}


def param(case_id: str):
    marks = [pytest.mark.xfail(strict=True, reason=BUGS[case_id])] if case_id in BUGS else []
    if case_id == "unreadable-note" and ROOT:
        marks.append(pytest.mark.skip(reason="root reads a file whatever its mode; test_notes.py patches the read"))
    return pytest.param(case_id, marks=marks, id=case_id)


@pytest.mark.parametrize("case_id", [param(k) for k in FAILING])
def test_bad_note_stops_the_strict_build_with_a_clear_message(results, case_id):
    result = results[case_id]
    expected = FAILING[case_id][1]
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    assert result.returncode != 0, f"strict build accepted {case_id}"
    lines = [line for line in result.warnings if REL in line]
    assert lines, result.stderr[-3000:]
    first = lines[0]
    for fragment in expected:
        assert fragment in first, f"{fragment!r} not in {first[:500]!r}"
    assert re.search(rf"{re.escape(REL)}:[0-9]+: ", first), f"no line in {first[:500]!r}"
    assert "de build stopt" in result.stderr
    # every message is one readable line, whatever the input
    assert max(len(line) for line in result.stderr.splitlines()) < 5000


def test_duplicate_kenmerk_message_names_both_files(results):
    message = next(w for w in results["duplicate-kenmerk"].warnings if "staat ook in" in w)
    assert REL in message and "notes/2099/2099Z00103.md" in message


def test_python_yaml_tag_is_not_run(results):
    assert "GEHACKT" not in results["yaml-python-tag"].stdout


@pytest.mark.parametrize("case_id", list(WORKING))
def test_no_traceback(results, case_id):
    assert "Traceback" not in results[case_id].stderr


def test_bom_and_crlf_note_builds(results):
    result = results["bom-and-crlf"]
    assert result.returncode == 0, result.stderr
    page = soup((result.out / "vragen" / "2099Z00150" / "index.html").read_text(encoding="utf-8"))
    assert page.find("h1").get_text(strip=True) == "Vragen over de proefnotitie"
    assert page.find(id="vraag-1") and page.find(id="antwoord-1")
    body = page.select_one("div.kv-body").get_text(" ")
    assert "Werkt de proef?" in body and "Openbare slotzin." in body
    assert "\ufeff" not in page.get_text() and "\r" not in body
    # the internal block of a CRLF note is still recognised and left out
    for path in result.out.rglob("*"):
        if path.is_file():
            assert b"anariecrlf" not in path.read_bytes(), path


def test_two_megabyte_note_builds(results):
    result = results["two-megabyte-note"]
    assert (result.root / REL).stat().st_size >= 2_000_000
    assert result.returncode == 0, result.stderr[-3000:]
    html = (result.out / "vragen" / "2099Z00150" / "index.html").read_text(encoding="utf-8")
    assert "Slotzin van de grote notitie" in html
    answers = [m for h in soup(html).select("[id]") if (m := re.fullmatch(r"antwoord-(\d+)", h["id"]))]
    last = max(int(m.group(1)) for m in answers)
    assert last > 50


def test_names_with_diacritics_and_apostrophes_everywhere(results):
    result = results["diacritics-and-apostrophes"]
    assert result.returncode == 0, result.stderr
    out = result.out
    set_file = out / "vragen" / "2099Z00150" / "index.html"
    page = soup(set_file.read_text(encoding="utf-8"))
    assert page.find("h1").get_text(strip=True) == "Vragen over café’s in ’t Gooi"
    expected = {"Ünal": "kamerleden/unal", "'t Hart": "kamerleden/t-hart",
                "Onderzoekspartij d'Hondt": "partijen/onderzoekspartij-d-hondt",
                "staatssecretaris van Financiën": "bewindspersonen/staatssecretaris-van-financien"}
    facts = page.select_one("dl.kv-facts")
    for name, url in expected.items():
        target = out / url / "index.html"
        assert target.is_file(), f"{url}/ was not built"
        links = [a for a in facts.find_all("a") if a.get_text(strip=True) == name]
        assert links, f"the set page does not link {name}"
        assert (set_file.parent / links[0]["href"]).resolve() / "index.html" == target.resolve()
        assert soup(target.read_text(encoding="utf-8")).find("h1").get_text(strip=True) == name
    member_index = soup((out / "kamerleden" / "index.html").read_text(encoding="utf-8")).get_text()
    assert "Ünal" in member_index and "'t Hart" in member_index


def test_non_strict_build_leaves_bad_notes_out_and_lists_them(results):
    result = results["non-strict-build-with-three-bad-notes"]
    assert result.returncode == 0, result.stderr
    bad = ["notes/2098/latin1.md", "notes/2099/2099Z00150.md", "notes/2099/2099Z00151.md"]
    summary = [w for w in result.warnings if "niet opgenomen in de site" in w]
    assert len(summary) == 1
    assert f"3 bestand(en) niet opgenomen in de site: {', '.join(bad)}" in summary[0]
    for rel in bad:  # each also has its own message
        assert any(rel in w and w is not summary[0] for w in result.warnings), rel
    # a bad note's address says why it is missing (a file not named by kenmerk: under fouten/)
    for page in ("vragen/2099Z00150", "vragen/2099Z00151", "fouten/notes-2098-latin1-md"):
        assert "Deze notitie staat niet in de site" in (result.out / page / "index.html").read_text(encoding="utf-8")
    assert not (result.out / "vragen" / "2099Z00152").exists()
    for kenmerk in ("2098Z00101", "2099Z00103", "2099Z00104"):
        assert (result.out / "vragen" / kenmerk / "index.html").is_file()


def test_parties_in_greek_and_cyrillic_get_pages_of_their_own(results):
    result = results["parties-in-greek-and-cyrillic"]
    assert result.returncode == 0, result.stderr[-2000:]
    for slug, name in [("kke", "ΚΚΕ"), ("kprf", "КПРФ")]:
        page = soup((result.out / "partijen" / slug / "index.html").read_text(encoding="utf-8"))
        assert page.find("h1").get_text(strip=True) == name
    assert not (result.out / "partijen" / "x").exists()


@pytest.mark.parametrize("case_id", [param(k) for k in {**FAILING, **WORKING}])
def test_check_reports_exactly_what_the_build_reports(results, case_id, capsys):
    """`kamervragen check` runs the build's validation: no note passes one and fails the other."""
    result = results[case_id]
    code = main(["check", "--notes", str(result.root / "notes")])
    out, err = capsys.readouterr()
    reported = out.splitlines()[:-1]  # the last line sums up
    assert "Traceback" not in err and not err, err
    build_failed = result.returncode != 0 or any("niet opgenomen in de site" in w for w in result.warnings)
    assert (code == 1) == build_failed, (out, result.stderr[-2000:])
    for problem in reported:
        assert problem in result.stderr, f"check reports {problem!r}; the build does not"
    for warning in result.warnings:
        problem = re.sub(r"^(?:[A-Z]+ +- +| +)", "", warning)
        if problem.startswith("notes/"):
            assert problem in reported, f"the build reports {problem!r}; check does not"


def test_internal_block_nested_in_a_public_block_is_left_out(results):
    result = results["internal-block-nested-in-a-public-one"]
    assert result.returncode == 0, result.stderr[-2000:]
    html = (result.out / "vragen" / "2099Z00150" / "index.html").read_text(encoding="utf-8")
    assert "Openbare kanttekening bij het antwoord." in html
    for path in result.out.rglob("*"):
        if path.is_file():
            assert b"anariegenest" not in path.read_bytes(), path


# --- in-process: the search text of hostile Markdown ----------------------------------------------
# The search text is Python-Markdown's rendering (analysis/markdown_text.py), of the same text the
# page renders, so it costs what the page costs. Python-Markdown's own time grows faster than the
# text on some runs (10,000 '[' take about 25 s, 1,000,000 blank lines about 2 minutes); the
# sizes here are those it reads in about a second.


@pytest.mark.parametrize("line, expected", [
    ("*a _b " * 6_800, "*a _b " * 6_800),  # 40 KB of unpaired emphasis: the page shows the markers
    ("[" * 1_000, "[" * 1_000),
    ("[a](" * 500, "[a](" * 500),
    ("<" * 100_000, "<" * 100_000),
    ("{#" * 500_000, "{#" * 500_000),
    ("!!! " + "a " * 100_000 + "!", "!!! " + "a " * 100_000 + "!"),
    ("\n" * 100_000 + "- punt", "punt"),
])
def test_search_text_of_a_hostile_line_is_what_the_page_shows(line, expected):
    from kamervragen.analysis.markdown_text import text

    assert text(line) == " ".join(expected.split())
