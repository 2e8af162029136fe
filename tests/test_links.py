"""Core tests of the cross-links (kamervragen.adapter.links) and of a body's Markdown per audience.

Markdown is rendered with Python-Markdown and the plugin's CrossLinks extension on a small
archive built from synthetic notes; no site is built. Links are relative source paths
(`2099Z00002.md`, `../themas/omo.md`), which MkDocs later turns into URLs.
"""

from __future__ import annotations

import random

import markdown
import pytest

from conftest import FIXTURE_NOTES, soup
from kamervragen.adapter import links as link_module
from kamervragen.audience import PUBLIC, STAFF
from kamervragen.read.body import parse_body
from kamervragen.adapter.links import CrossLinks, LinkContext
from kamervragen.model import Archive, load_archive
from kamervragen.read.notes import Note, parse_note
from kamervragen.read.themes import Theme

THEMES = {
    t.slug: t for t in [
        Theme("proef", "Proefthema", "Verzonnen."),
        Theme("omo", "Ondersteuningsnetwerk Maatschappelijke Onrust", "Verzonnen.", ("OMO",)),
        Theme("weerbaar-bestuur", "Weerbaar Bestuur", "Verzonnen.", ("programma Weerbaar Bestuur",)),
        Theme("netwerk-weerbaar-bestuur", "Netwerk Weerbaar Bestuur", "Verzonnen."),
    ]
}


def make_note(kenmerk: str, questions: int = 7, answers: tuple[int, ...] = (1, 3), extra: str = "") -> Note:
    """A synthetic open note with questions 1..n and answers to some of them."""
    parts = []
    for n in range(1, questions + 1):
        parts.append(f"## Vraag {n}\n\nVraag {n}?\n")
        if n in answers:
            parts.append(f"## Antwoord {n}\n\nAntwoord.\n")
    text = (f"---\nkenmerk: {kenmerk}\ntitel: Verzonnen {kenmerk}\ngesteld: 2099-01-09\n"
            "vragenstellers:\n  - naam: Ünal\n    partij: Proefpartij\n"
            "gericht_aan:\n  - minister van Verzonnen Zaken\nthemas:\n  - proef\nsynthetisch: true\n---\n\n"
            + extra + "\n" + "\n".join(parts))
    note, problems = parse_note(text, f"notes/{kenmerk}.md")
    assert problems == [], [str(p) for p in problems]
    return note


NOTE = make_note("2099Z00001")
OTHER = make_note("2099Z00002", questions=1, answers=())
ARCHIVE = Archive([NOTE, OTHER], THEMES, PUBLIC)


def render(text: str, note: Note | None = NOTE, src: str | None = None, archive: Archive = ARCHIVE):
    """Render Markdown as the page of `note` (or a hand-written page at `src`); return the soup."""
    ctx = LinkContext(archive, src or f"vragen/{note.kenmerk}.md", note)
    md = markdown.Markdown(extensions=["attr_list", "admonition", "fenced_code", CrossLinks(lambda: ctx)])
    return soup(md.convert(text))


def links(page) -> list[tuple[str, str]]:
    return [(" ".join(a.get_text().split()), a["href"]) for a in page.find_all("a")]


# --- kenmerken --------------------------------------------------------------------------------


def test_kenmerk_becomes_link_to_its_set():
    assert links(render("Zie de vragen 2099Z00002 hierover.")) == [("2099Z00002", "2099Z00002.md")]


def test_kenmerk_link_keeps_surrounding_text():
    page = render("Voor 2099Z00002, na.")
    assert page.p.get_text() == "Voor 2099Z00002, na."


def test_unknown_kenmerk_is_not_linked():
    assert links(render("Onbekend: 2099Z09999.")) == []


def test_own_kenmerk_is_not_linked():
    assert links(render("Deze set is 2099Z00001.")) == []


def test_kenmerk_needs_word_boundaries():
    assert links(render("X2099Z00002 en 2099Z000021 zijn geen kenmerken.")) == []


def test_kenmerk_on_hand_written_page_links_from_its_folder():
    page = render("Zie 2099Z00002, vraag 1 en het Proefthema.", note=None, src="over/index.md")
    # only kenmerken are linked outside set pages
    assert links(page) == [("2099Z00002", "../vragen/2099Z00002.md")]


def test_internal_set_is_not_linked_in_public_archive():
    hidden = make_note("2099Z00003", questions=1, answers=())
    hidden = Note(**{**hidden.__dict__, "zichtbaarheid": "intern"})
    archive = Archive([NOTE, OTHER, hidden], THEMES, PUBLIC)
    assert links(render("Zie 2099Z00003 en 2099Z00002.", archive=archive)) == [("2099Z00002", "2099Z00002.md")]


# --- question and answer references -----------------------------------------------------------


def test_vraag_7_links_to_question_anchor():
    assert links(render("Zie vraag 7.")) == [("vraag 7", "#vraag-7")]


def test_capitalised_vraag_links_too():
    assert links(render("Vraag 2 gaat hierover.")) == [("Vraag 2", "#vraag-2")]


def test_reference_to_missing_question_is_not_linked():
    assert links(render("Zie vraag 8 en vraag 70.")) == []


def test_range_links_both_numbers():
    page = render("Dit geldt voor vragen 2 t/m 6.")
    assert links(page) == [("vragen 2", "#vraag-2"), ("6", "#vraag-6")]
    assert page.p.get_text() == "Dit geldt voor vragen 2 t/m 6."
    assert page.find_all("a")[1]["aria-label"] == "vraag 6"


def test_tot_en_met_range():
    assert links(render("Zie vragen 2 tot en met 4.")) == [("vragen 2", "#vraag-2"), ("4", "#vraag-4")]


def test_en_links_both_numbers():
    page = render("Zie de vragen 4 en 6.")
    assert links(page) == [("vragen 4", "#vraag-4"), ("6", "#vraag-6")]
    assert page.p.get_text() == "Zie de vragen 4 en 6."


def test_list_of_numbers():
    assert links(render("Zie vragen 2, 3 en 4.")) == [("vragen 2", "#vraag-2"), ("3", "#vraag-3"), ("4", "#vraag-4")]


def test_reference_over_a_line_break():
    assert links(render("Zie vragen 2\nt/m 6.")) == [("vragen 2", "#vraag-2"), ("6", "#vraag-6")]


def test_antwoord_links_to_answer_anchor():
    assert links(render("Zie antwoord 3.")) == [("antwoord 3", "#antwoord-3")]


def test_antwoord_without_answer_falls_back_to_the_question():
    assert links(render("Zie antwoord 5.")) == [("antwoord 5", "#vraag-5")]


def test_vraag_prefers_question_even_when_an_answer_exists():
    assert links(render("Zie vraag 3.")) == [("vraag 3", "#vraag-3")]


@pytest.mark.parametrize("text", ["Zie het antwoord op vraag 3.", "Zie antwoord vraag 3.",
                                  "Zoals bij het antwoord op\nvraag 3 toegelicht."])
def test_the_answer_to_a_question_links_to_the_answer(text):
    page = render(text)
    assert links(page) == [("vraag 3", "#antwoord-3")]
    assert page.p.get_text() == text  # 'het antwoord op' stays, as text


def test_the_answers_to_questions_link_to_each_answer_or_else_the_question():
    page = render("Zoals in mijn beantwoording op de vragen 1 en 5 vermeld.")
    assert links(page) == [("vragen 1", "#antwoord-1"), ("5", "#vraag-5")]  # 5 has no answer yet
    assert page.p.get_text() == "Zoals in mijn beantwoording op de vragen 1 en 5 vermeld."


# --- where no links are made ------------------------------------------------------------------


def test_no_links_in_inline_code():
    assert links(render("In code: `2099Z00002`, `vraag 7` en `OMO`.")) == []


def test_no_links_in_fenced_code():
    assert links(render("```text\n2099Z00002 vraag 7 OMO Proefthema\n```\n")) == []


def test_no_links_in_headings():
    page = render("### Over 2099Z00002, vraag 7 en OMO\n\nTekst.")
    assert links(page) == []
    assert page.h3.get_text() == "Over 2099Z00002, vraag 7 en OMO"


def test_no_links_inside_existing_links():
    page = render("[Lees 2099Z00002 en vraag 7 over OMO](https://example.org/x) en daarna vraag 7.")
    assert links(page) == [("Lees 2099Z00002 en vraag 7 over OMO", "https://example.org/x"),
                           ("vraag 7", "#vraag-7")]


def test_links_in_lists_tables_and_emphasis():
    page = render("- Zie *vraag 2* en **2099Z00002**.\n- Ook het OMO.\n")
    assert links(page) == [("vraag 2", "#vraag-2"), ("2099Z00002", "2099Z00002.md"), ("OMO", "../themas/omo.md")]


# --- themes -----------------------------------------------------------------------------------


def test_theme_first_mention_only_is_linked():
    page = render("Het Proefthema is belangrijk.\n\nNog eens het Proefthema en proefthema.")
    assert links(page) == [("Proefthema", "../themas/proef.md")]
    assert page.find_all("p")[0].a is not None


def test_theme_name_is_matched_case_insensitively():
    assert links(render("Over het proefthema.")) == [("proefthema", "../themas/proef.md")]


def test_each_theme_is_linked_once_per_page_independently():
    page = render("Het OMO, het Proefthema, het OMO en het Proefthema.")
    assert links(page) == [("OMO", "../themas/omo.md"), ("Proefthema", "../themas/proef.md")]


def test_each_page_starts_afresh():
    assert links(render("Het OMO.")) == [("OMO", "../themas/omo.md")]
    assert links(render("Het OMO.")) == [("OMO", "../themas/omo.md")]


def test_abbreviation_is_case_sensitive():
    page = render("Het woord omo en Omo zijn geen afkorting; OMO wel.")
    assert links(page) == [("OMO", "../themas/omo.md")]


def test_abbreviation_needs_word_boundaries():
    assert links(render("OMOS en XOMO en OMO2 niet.")) == []


def test_theme_name_split_over_a_line_break():
    page = render("De partners van het Netwerk Weerbaar\nBestuur helpen.")
    assert links(page) == [("Netwerk Weerbaar Bestuur", "../themas/netwerk-weerbaar-bestuur.md")]


def test_longest_theme_term_wins():
    page = render("Het Netwerk Weerbaar Bestuur en daarna het programma Weerbaar Bestuur.")
    assert links(page) == [("Netwerk Weerbaar Bestuur", "../themas/netwerk-weerbaar-bestuur.md"),
                           ("programma Weerbaar Bestuur", "../themas/weerbaar-bestuur.md")]


def test_theme_in_heading_then_linked_in_text():
    page = render("### Over het OMO\n\nHet OMO helpt.")
    assert links(page) == [("OMO", "../themas/omo.md")]
    assert page.h3.a is None


def test_theme_mention_in_code_does_not_use_up_the_first_link():
    page = render("Code `OMO` en dan het OMO.")
    assert links(page) == [("OMO", "../themas/omo.md")]


def test_the_lookahead_for_where_a_match_can_start_changes_no_match(monkeypatch):
    terms = (*ARCHIVE.theme_terms, ("kast", "k"), ("straat", "s"), ("IJzer", "ij"), ("ÉÉN", "e"), ("1e lijn", "l"))
    rng = random.Random(13)
    pieces = ["2099Z00002", "vraag 3", "Antwoorden 1, 2 en 4", "de beantwoording van de vragen 5 t/m 7", "OMO",
              "omo", "weerbaar  bestuur", "Kast", "\u212aast", "\u017ftraat", "ijzer", "IJzer", "één", "1e\nlijn",
              "_", "-", "Z", "9", " ", "\n", "é", "x"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))) for _ in range(2000)]
    texts += [note.body.markdown(True) for note in load_archive(FIXTURE_NOTES, FIXTURE_NOTES / "themas.yml", STAFF)[0].notes]
    with_lookahead = link_module._patterns.__wrapped__(terms)[1]
    monkeypatch.setattr(link_module, "_match_starts", lambda ordered: "")
    plain = link_module._patterns.__wrapped__(terms)[1]
    assert with_lookahead.pattern != plain.pattern
    found = 0
    for text in texts:
        matches = [(m.span(), m.groupdict()) for m in with_lookahead.finditer(text)]
        assert matches == [(m.span(), m.groupdict()) for m in plain.finditer(text)], text
        found += len(matches)
    assert found > 1500


def test_no_links_without_context():
    md = markdown.Markdown(extensions=[CrossLinks(lambda: None)])
    assert "<a" not in md.convert("Zie 2099Z00002 en vraag 7 en het OMO.")


# --- body per audience and heading ids ----------------------------------------------------------

BODY = """Openbare inleiding.

## Vraag 1

Een vraag?

!!! intern "Kern"

    KANARIE-BODY-INTERN: alleen intern.

    - Ook deze regel is intern.

## Antwoord 1

Openbaar antwoord.

!!! note "Openbaar blok"

    Deze notitie is openbaar.
"""


def body(text: str = BODY):
    parsed, problems = parse_body(text, "notes/x.md", 1)
    assert problems == []
    return parsed


def test_public_markdown_strips_internal_blocks():
    public = body().markdown(internal=False)
    assert "KANARIE-BODY-INTERN" not in public
    assert "Ook deze regel is intern" not in public
    assert "!!! intern" not in public
    assert "Openbare inleiding." in public and "Openbaar antwoord." in public
    assert "Deze notitie is openbaar." in public  # other admonitions stay


def test_internal_markdown_keeps_internal_blocks():
    internal = body().markdown(internal=True)
    assert '!!! intern "Kern"' in internal and "KANARIE-BODY-INTERN" in internal
    page = render(internal)
    block = page.select_one("div.admonition.intern")
    assert block is not None and "KANARIE-BODY-INTERN" in block.get_text()


def test_public_render_has_no_internal_admonition():
    page = render(body().markdown(internal=False))
    assert page.select("div.intern") == []
    assert "KANARIE" not in str(page)
    assert page.select_one("div.admonition.note") is not None


def test_public_text_strips_internal_blocks():
    b = body()
    assert "KANARIE-BODY-INTERN" not in b.text(internal=False)
    assert "KANARIE-BODY-INTERN" in b.text(internal=True)
    assert b.internal_lines


def test_text_after_internal_block_stays_public():
    b = body("## Vraag 1\n\n!!! intern\n    geheim\nOpenbaar vervolg.\n\nNog openbaar.\n")
    public = b.markdown(internal=False)
    assert "geheim" not in public
    assert "Openbaar vervolg." in public and "Nog openbaar." in public


def test_internal_marker_in_code_is_not_an_internal_block():
    b = body('## Vraag 1\n\n```text\n!!! intern "Voorbeeld"\n    geen geheim\n```\n')
    assert not b.internal_lines
    assert "geen geheim" in b.markdown(internal=False)


# Regression: body.py once matched only '!!! intern' exactly, so these leaked into the public build.
MARKER_VARIANTS = ['!!! Intern "Kern"', '!!! INTERN "Kern"', '!!!intern "Kern"', '!!! note intern "Kern"']


def _variant(marker: str) -> str:
    return f"## Vraag 1\n\n{marker}\n\n    KANARIE-VARIANT: alleen intern.\n"


@pytest.mark.parametrize("marker", MARKER_VARIANTS)
def test_markdown_renders_marker_variants_as_internal_blocks(marker):
    # The premise of the test below: Python-Markdown treats these as an `intern` admonition.
    block = render(_variant(marker)).select_one("div.admonition.intern")
    assert block is not None and "KANARIE-VARIANT" in block.get_text()


@pytest.mark.parametrize("marker", MARKER_VARIANTS)
def test_internal_marker_variants_that_markdown_accepts_are_stripped(marker):
    public = body(_variant(marker)).markdown(internal=False)
    assert "KANARIE-VARIANT" not in public


def test_question_and_answer_headings_get_explicit_ids():
    page = render(body().markdown(internal=False))
    assert [(h.name, h.get("id"), h.get_text()) for h in page.find_all(["h2", "h3"])] == [
        ("h2", "vraag-1", "Vraag 1"), ("h2", "antwoord-1", "Antwoord 1")]


def test_heading_ids_are_normalised():
    b = body("### vraag 12\n\nx\n\n## ANTWOORD 12 ##\n\ny\n")
    md = b.markdown(internal=False)
    assert "### Vraag 12 {#vraag-12}" in md
    assert "## Antwoord 12 {#antwoord-12}" in md
    page = render(md)
    assert [(h.name, h["id"], h.get_text()) for h in page.find_all(["h2", "h3"])] == [
        ("h3", "vraag-12", "Vraag 12"), ("h2", "antwoord-12", "Antwoord 12")]


def test_other_headings_are_left_alone():
    md = body("## Achtergrond\n\n## Vraag 1\n\nx\n").markdown(internal=False)
    assert "## Achtergrond\n" in md and "{#achtergrond}" not in md


def test_question_heading_inside_fenced_code_is_left_verbatim():
    # Regression: Body.markdown once rewrote '## Vraag 1' inside fenced code as well.
    b = body("## Vraag 1\n\nVoorbeeld:\n\n```markdown\n## Vraag 1\n```\n")
    md = b.markdown(internal=False)
    assert "```markdown\n## Vraag 1\n```" in md
