"""The importer on real documents (tests/fixtures/real/, copied from questions.csv of
jorisheijkant/kamervragen-limburg; see tests/fixtures/real/README.md)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from kamervragen.cli import main
from kamervragen.importer.parse import parse
from kamervragen.importer.read import Source, read_source
from kamervragen.importer.write import escape
from kamervragen.read.notes import parse_note
from kamervragen.read.source import split_front_matter

REAL = Path(__file__).parent / "fixtures" / "real"
DOCS = sorted(REAL.glob("*.txt"))
ANSWERS = [p for p in DOCS if parse(read_source(p)).kind == "antwoord"]
THEMAS = "- slug: proef\n  naam: Proefthema\n  beschrijving: Een thema.\n"


def words(text: str) -> Counter[str]:
    """Normalised words: lower case, letters and digits only, Markdown escapes and footnote marks gone."""
    text = re.sub(r"\[\^\w+\]:?", " ", text).replace("\\", "")
    text = re.sub(r"(\d)([^\W\d_])", r"\1 \2", text)  # a PDF footnote '1X, 23 oktober' is '[^1]: X, …'

    return Counter(w for w in re.findall(r"[^\W_]+", text.lower()))


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> dict[str, tuple[str, str]]:
    """Every real document imported once: note text by source name, and the import's output."""
    notes = tmp_path_factory.mktemp("archief") / "notes"
    notes.mkdir()
    (notes / "themas.yml").write_text(THEMAS, encoding="utf-8")
    out = {}
    for path in DOCS:
        target = tmp_path_factory.mktemp("een") / "notes"
        target.mkdir()
        (target / "themas.yml").write_text(THEMAS, encoding="utf-8")
        assert main(["importeer", str(path), "--notes", str(target)]) == 0
        (written,) = [p for p in target.rglob("*.md")]
        out[path.name] = written.read_text(encoding="utf-8")
    return out


@pytest.mark.parametrize("path", ANSWERS, ids=lambda p: p.name[:40])
def test_question_and_answer_counts_match_the_document(path, imported):
    """Counted on the raw text with the printed headings, independently of the parser."""
    raw = path.read_text(encoding="utf-8")
    heads = re.findall(r"^(Vraag|Antwoord)(?:en)?(?: op)?(?: vra(?:ag|gen))? (\d[\d ,en-]*?)\s*:?\s*$", raw, re.M)
    listed = re.findall(r"^(\d+)\.\s", raw, re.M) or re.findall(r"^(\d+)\s*$", raw, re.M)
    body, _ = split_front_matter(imported[path.name], path.name)[1:2] + (None,)
    note_q = re.findall(r"^## Vra(?:ag|gen) (.+)$", imported[path.name], re.M)
    note_a = re.findall(r"^## Antwoord(?:en)?(?: op)?(?: vra(?:ag|gen))? (.+)$", imported[path.name], re.M)
    expand = lambda s: re.findall(r"\d+", re.sub(r"(\d+)-(\d+)", lambda m: " ".join(
        map(str, range(int(m.group(1)), int(m.group(2)) + 1))), s))
    q_doc = [n for kind, nums in heads if kind == "Vraag" for n in expand(nums)]
    if not q_doc:  # '1. Kunt u …' or a bare '1': numbered questions, 'Antwoord' after each
        q_doc = listed
    q_note = [n for h in note_q for n in expand(h)]
    assert q_note == q_doc
    a_note = {n for h in note_a for n in expand(h)}
    assert a_note and a_note <= set(q_doc) | {n for kind, nums in heads if kind == "Antwoord" for n in expand(nums)}


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name[:40])
def test_no_word_of_the_body_is_lost(path, imported):
    """Every word of the document is in the note (page furniture and reported repairs aside)."""
    source = read_source(path)
    doc = parse(source)
    text = source.text
    for repair in doc.repairs:
        text = re.sub(rf"(?<!\w){re.escape(repair.glued)}(?!\w)", repair.repaired, text)
    for line in [*doc.dropped, *doc.header]:  # page furniture, and the header read into front matter
        text = text.replace(line, " ", 1)
    note = imported[path.name]
    missing = words(text) - words(note)
    # The header's facts are rewritten as keys: dates as numbers, office words in lower case.
    header = {"ontvangen", "ingezonden", "januari", "februari", "maart", "april", "mei", "juni", "juli",
              "augustus", "september", "oktober", "november", "december", "ah", "vragen", "van", "het",
              "lid", "leden", "de", "aan", "over", "antwoord", "mededeling", "zie", "ook", "aanhangsel",
              "handelingen", "vergaderjaar", "nr", "mondelinge", "beiden", "allen", "mede", "namens"}
    lost = {w: n for w, n in missing.items() if w not in header and not w.isdigit()}
    assert lost == {}


def test_a_note_is_never_overwritten(tmp_path):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "themas.yml").write_text(THEMAS, encoding="utf-8")
    doc = REAL / "Antwoord_op_vragen_van_het_lid_Mutluer_o.docx.txt"
    assert main(["importeer", str(doc), "--notes", str(notes)]) == 0
    note = notes / "2024" / "2024Z18294.md"
    before = note.read_text(encoding="utf-8")
    assert main(["importeer", str(doc), "--notes", str(notes)]) == 1  # answered already: refused
    assert note.read_text(encoding="utf-8") == before


def test_imported_note_fails_check_until_reviewed(tmp_path, capsys):
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "themas.yml").write_text(THEMAS, encoding="utf-8")
    assert main(["importeer", str(REAL / "Antwoord_op_vragen_van_het_lid_Boswijk_o.docx.txt"),
                 str(REAL / "De_ontkoppeling_van_ontwikkelingshulp.pdf.txt"), "--notes", str(notes)]) == 0
    out = capsys.readouterr().out
    assert "Te controleren" in out and "thema's kiezen" in out
    note = notes / "2024" / "2024Z18792.md"
    data = split_front_matter(note.read_text(encoding="utf-8"), "x")[0].data
    assert data["titel"] == "De ontkoppeling van ontwikkelingshulp"
    assert data["vragenstellers"] == [{"naam": "Boswijk", "partij": "CDA"}]
    assert data["beantwoord_door"] == ["minister Klever (Buitenlandse Handel en Ontwikkelingshulp)",
                                       "mede namens de minister van Financiën"]
    assert main(["check", "--notes", str(notes)]) == 1
    assert "nog te controleren" in capsys.readouterr().out
    # A person chooses a theme and clears the list: the note passes.
    text = note.read_text(encoding="utf-8")
    text = re.sub(r"themas: \[\]", "themas:\n- proef", text)
    text = re.sub(r"controleren:\n(?:- .*\n)+", "", text)
    note.write_text(text, encoding="utf-8")
    assert main(["check", "--notes", str(notes)]) == 0, capsys.readouterr().out


def test_real_features_are_parsed():
    boswijk = parse(read_source(REAL / "Antwoord_op_vragen_van_het_lid_Boswijk_o.pdf.txt"))
    assert boswijk.aanhangsel == 575 and boswijk.vergaderjaar == "2024-2025"
    assert [i.numbers for i in boswijk.items if i.kind == "antwoord"][3] == ("4", "5")
    assert list(boswijk.footnotes) == ["1", "2"]
    assert ("tegaan", "te gaan") in {(r.glued, r.repaired) for r in boswijk.repairs}
    grinwis = parse(read_source(REAL / "Antwoord_op_vragen_van_het_lid_Grinwis_o.docx.txt"))
    assert grinwis.uitstel == [("2024-2025", 507)]
    kathmann = parse(read_source(REAL / "Antwoord_op_vragen_van_het_lid_Kathmann_.pdf.txt"))
    assert any("meer dan eens" in r for r in kathmann.review)
    oral = parse(read_source(REAL / "Het_bericht_‘TEMU_schendt_privacy_door_t.pdf.txt"))
    assert oral.kind == "mondeling" and oral.kenmerk == "2024Z18775" and not oral.items


def test_pdf_footnote_mark_before_the_full_stop_at_a_line_start():
    """'…jeugdzorg' / '2. Met dit wetsvoorstel': the mark and the sentence's full stop opened the
    next line. A numbered item ('2. …' after a ':' or '.') is not taken for a mark."""
    paulusma = parse(read_source(REAL / "Antwoord_op_vragen_van_het_lid_Paulusma_.pdf.txt"))
    assert [r for r in paulusma.review if r.startswith("voetnoot")] == []
    lines = [line for item in paulusma.items for line in item.lines]
    assert any(line.endswith("beschikbaarheid jeugdzorg[^2].") for line in lines)
    assert "Met dit wetsvoorstel wordt regionale" in lines
    doc = parse(Source("a.pdf", "\n".join([
        "Vragen van het lid Jansen (CDA) aan de Minister van Financiën over iets (ingezonden 1 oktober 2024).",
        "Antwoord van Minister Heinen (Financiën) (ontvangen 1 november 2024).",
        "Vraag 1", "Wat doet u?1", "Antwoord 1", "Twee stappen:", "2. Meerjarige afspraken. En een wet over de zorg",
        "2. Met die wet komt er meer.", "1X, 1 oktober 2024", "2Kamerstuk 36 000, nr. 1",
        "Tweede Kamer, vergaderjaar 2024–2025, Aanhangsel 1"]), "pdf"))
    assert doc.items[1].lines == ("Twee stappen:", "2. Meerjarige afspraken. En een wet over de zorg[^2].",
                                  "Met die wet komt er meer.")


def test_escape_keeps_text_verbatim_in_markdown():
    assert escape("2. Meerjarige afspraken") == "2\\. Meerjarige afspraken"
    assert escape("a * b <c> [^1]") == "a \\* b \\<c> [^1]"


def test_reads_docx_and_pdf(tmp_path):
    import docx
    from fpdf import FPDF

    document = docx.Document()
    for text in ("AH 604", "2024Z18294", "Antwoord van minister Van Weel (Justitie en Veiligheid) "
                 "(ontvangen 20 november 2024)", "Vraag 1", "Klopt het?", "Antwoord op vraag 1", "Ja."):
        document.add_paragraph(text)
    document.save(tmp_path / "antwoord.docx")
    doc = parse(read_source(tmp_path / "antwoord.docx"))
    assert (doc.kenmerk, doc.aanhangsel, doc.numbers("antwoord")) == ("2024Z18294", 604, ["1"])
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for text in ("2024Z18796", "Vragen van het lid Krul (CDA) aan de Minister van Financien over",
                 "de belasting (ingezonden 19 november 2024).", "Vraag 1", "Klopt het?"):
        pdf.cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(tmp_path / "vragen.pdf"))
    doc = parse(read_source(tmp_path / "vragen.pdf"))
    assert doc.kenmerk == "2024Z18796" and doc.askers == [("Krul", "CDA")] and doc.numbers("vraag") == ["1"]


def test_import_real_script_counts_pass_review_and_fail(tmp_path, capsys):
    """scripts/import_real.py on a questions.csv made of the documents in tests/fixtures/real."""
    import csv
    import importlib.util

    spec = importlib.util.spec_from_file_location("import_real", REAL.parents[2] / "scripts" / "import_real.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    table = tmp_path / "questions.csv"
    with table.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, ["name", "text_content"])
        writer.writeheader()
        writer.writerows({"name": p.name.removesuffix(".txt"), "text_content": p.read_text(encoding="utf-8")}
                         for p in DOCS)
    assert script.main([str(table), "--notes", str(tmp_path / "notes")]) == 0
    out = capsys.readouterr().out
    answers = len(ANSWERS)
    assert f"Antwoorddocumenten: {answers}\n  pass: 0\n  review: {answers}\n  fail: 0\n" in out
    assert f"Vragen en antwoorden als in het document: {answers} van {answers}\n" in out
    assert "  1  '…' staat meer dan eens in het document" in out  # AH 597 prints 'Vraag 7' twice
