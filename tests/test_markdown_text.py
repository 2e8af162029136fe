"""The search text is the text Python-Markdown renders: what a set's page shows, piece by piece.

The unit cases pin what is kept (link texts, admonition titles, image descriptions) and what
is not (link targets, tags, attribute lists, footnote numbers); the site cases compare every
part of the search records of the real and the fixture site with the text of the built page.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURE_NOTES, BuiltSite, search_files, soup, spelled
from kamervragen.analysis import cache as term_cache, records, vocabulary
from kamervragen.analysis.cache import TermCache
from kamervragen.analysis.markdown_text import text
from kamervragen.model import load_archive
from kamervragen.urls import set_url
from kamervragen.audience import STAFF


@pytest.mark.parametrize("markdown, expected", [
    ("**vet** en *schuin*, `code` en __ook__ maar snake_case en 3 * 4",
     "vet en schuin, code en ook maar snake_case en 3 * 4"),
    ('!!! intern "Kern van de nota"\n\n    De inhoud *hier*.\n\nNa het blok.', "Kern van de nota De inhoud hier. Na het blok."),
    ("!!! note\n    Zonder titel.", "Note Zonder titel."),  # the page shows the type as its title
    ("Zie [de brief](https://example.nl/a?b=1 \"titel\") en ![een dijk](dijk.png).", "Zie de brief en een dijk."),
    ("Mail <info@example.nl> of kijk op <https://example.nl>.", "Mail info@example.nl of kijk op https://example.nl."),
    ("Een <span class=\"x\">vet</span>heid, caf&eacute; A &amp; B, AT&T en a < b.",
     "Een vetheid, café A & B, AT&T en a < b."),
    ("- een\n- twee\n\n1. drie\n2. vier", "een twee drie vier"),  # blocks apart, list markers gone
    ("| Jaar | Aantal |\n|---|---|\n| 2024 | 12 |", "Jaar Aantal 2024 12"),
    ("```python\nx = a < b & c\n```\n\nNa de code.", "x = a < b & c Na de code."),
    ("    ingesprongen < code", "ingesprongen < code"),
    ("`a &amp; b` blijft letterlijk", "a &amp; b blijft letterlijk"),
    ("Een alinea met attributen\n{: #plek .klasse }", "Een alinea met attributen"),
    ("Een alinea die zo heet als een voetnotenlijst\n{: .footnote }", "Een alinea die zo heet als een voetnotenlijst"),
    ("Regel een  \nregel twee", "Regel een regel twee"),
    ("<div>blok een</div><div>blok twee</div>\n\nVerder.", "blok een blok twee Verder."),
    ("<!-- een opmerking -->Zichtbaar.", "Zichtbaar."),
    ("\\*geen nadruk\\* en \\[geen link\\]", "*geen nadruk* en [geen link]"),
    ("> citaat\n> tweede regel", "citaat tweede regel"),
    ("Tussenkop\n=========\n\nTekst.", "Tussenkop Tekst."),
    ("op _. en 3 * 4 * 5", "op _. en 3 * 4 * 5"),  # a lone marker is text on the page too
])
def test_text_is_what_the_page_shows(markdown, expected):
    assert text(markdown) == expected


def test_footnote_references_are_left_out_when_the_note_defines_them():
    assert text("Een bron[^1] en nog een[^b].", ("1", "b")) == "Een bron en nog een."
    assert text("Een bron[^1].") == "Een bron[^1]."  # without a definition the page shows it as typed


def test_blank_text_after_other_text_is_empty():
    """Python-Markdown skips its tree processors for blank text: nothing of the text before stays."""
    assert text("Geheime zin.") == "Geheime zin."
    assert text("  \n\n ") == ""


@pytest.mark.parametrize("depth", [10, 1000])
def test_deeply_nested_quotes_do_not_overflow(depth):
    nested = "\n".join("> " * i + f"laag{i}" for i in range(1, depth + 1))
    assert text(nested).split()[:3] == ["laag1", "laag2", "laag3"]


# --- the search records against the built pages ----------------------------------------------


def _page_parts(page) -> dict[str, str]:
    """Text per part of a set page's body, as the search records split it: the introduction
    (''), each question or answer by its anchor, each footnote by 'fn:label'; without
    heading permalinks and footnote numbers."""
    body = page.select_one("div.kv-body")
    for node in body.select("a.headerlink, a.footnote-ref, a.footnote-backref, div.kv-anker"):
        node.decompose()
    footnotes = body.select_one("div.footnote")
    parts = {li["id"]: li.get_text() for li in footnotes.select("li")} if footnotes else {}
    if footnotes:
        footnotes.decompose()
    key = ""
    for node in body.children:
        if getattr(node, "name", None) in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            anchor = node.get("id", "")
            key = anchor if anchor.startswith(("vraag-", "antwoord-")) else f"kop:{node.get_text().strip()}"
            continue
        parts[key] = parts.get(key, "") + (node.get_text() if hasattr(node, "get_text") else str(node))
    return parts


def _record_parts(record: dict) -> dict[str, str]:
    return {anchor or (f"kop:{title}" if title else ""): part for anchor, title, part in record["delen"]}


@pytest.mark.parametrize("site_fixture", ["real_site", "site", "internal_site"])
def test_every_part_of_the_search_text_is_the_text_of_its_page(site_fixture, request):
    built = request.getfixturevalue(site_fixture)
    root = built.root if isinstance(built, BuiltSite) else built  # internal_site is its folder
    compared = 0
    for record in search_files(root, "sets").values():
        page = soup((root / set_url(record["kenmerk"]) / "index.html").read_text(encoding="utf-8"))
        shown = {key: "".join(part.split()) for key, part in _page_parts(page).items() if part.strip()}
        searched = {key: "".join(part.split()) for key, part in _record_parts(record).items()}
        assert searched == shown, record["kenmerk"]
        compared += len(searched)
    assert compared >= 30  # parts of questions, answers, introductions and footnotes


# --- the term cache keeps each set's analysis -------------------------------------------------


def test_cache_analyses_only_changed_sets(tmp_path: Path):
    archive, problems = load_archive(FIXTURE_NOTES, FIXTURE_NOTES / "themas.yml", STAFF)
    assert not problems
    uncached = records.analyse(archive)
    cache = TermCache(tmp_path / "terms.sqlite")
    first = records.analyse(archive, cache)
    cache.close()
    assert (first.files, first.stats, first.phrases) == (uncached.files, uncached.stats, uncached.phrases)
    assert (cache.hits, cache.misses) == (0, len(archive.notes))

    note = archive.notes[0]
    changed = tmp_path / "notes"
    _copy_notes(changed, edit={Path(note.path).name: ("\n## Antwoord 1\n", "\n## Antwoord 1\n\nEen nieuwe zin.\n")})
    archive, problems = load_archive(changed, changed / "themas.yml", STAFF)
    assert not problems
    cache = TermCache(tmp_path / "terms.sqlite")
    analysed = records.analyse(archive, cache)
    cache.close()
    assert (cache.hits, cache.misses, analysed.reanalysed) == (len(archive.notes) - 1, 1, 1)
    assert "Een nieuwe zin." in json.dumps(records.unpack(analysed.files[0]), ensure_ascii=False)
    assert spelled(analysed)[0] != spelled(uncached)[0]
    assert analysed.files[1:] == uncached.files[1:] and spelled(analysed)[1:] == spelled(uncached)[1:]
    fresh = records.analyse(archive)
    assert (analysed.files, spelled(analysed), analysed.phrases) == (fresh.files, spelled(fresh), fresh.phrases)


def test_standard_phrases_are_learned_again_only_when_a_sampled_opening_changes(monkeypatch, tmp_path: Path):
    learned = []
    learn = vocabulary.standard_phrases
    monkeypatch.setattr(vocabulary, "standard_phrases", lambda grams: learned.append(1) or learn(grams))
    archive, _ = load_archive(FIXTURE_NOTES, FIXTURE_NOTES / "themas.yml", STAFF)
    results = []
    for notes in (FIXTURE_NOTES, FIXTURE_NOTES, tmp_path / "notes"):
        if notes != FIXTURE_NOTES:  # the first answer's opening words change
            _copy_notes(notes, edit={Path(archive.notes[0].path).name:
                                     ("\n## Antwoord 1\n", "\n## Antwoord 1\n\nEen nieuwe zin vooraan.\n")})
        cache = TermCache(tmp_path / "terms.sqlite")
        results.append(records.analyse(load_archive(notes, notes / "themas.yml", STAFF)[0], cache).phrases)
        cache.close()
    assert len(learned) == 2  # the first build and the changed one; the second found them
    assert results[1] == results[0] == records.analyse(archive).phrases


def test_opening_trigrams_are_worked_out_for_sampled_sets_only_and_kept_once_a_set_is_sampled(monkeypatch, tmp_path: Path):
    archive, _ = load_archive(FIXTURE_NOTES, FIXTURE_NOTES / "themas.yml", STAFF)
    counted, learned = [], []
    grams, learn = vocabulary.opening_grams, vocabulary.standard_phrases
    monkeypatch.setattr(vocabulary, "opening_grams", lambda texts: counted.append(1) or grams(texts))
    monkeypatch.setattr(vocabulary, "standard_phrases", lambda found: learned.append(list(found)) or learn(found))
    runs = []
    for first in (0, 1, 1, 1):  # the even sets are sampled, then the odd ones (the archive changed size)
        monkeypatch.setattr(vocabulary, "sample", lambda sets, first=first: range(first, sets, 2))
        counted.clear()
        cache = TermCache(tmp_path / "terms.sqlite") if len(runs) < 3 else None
        records.analyse(archive, cache)
        if cache is not None:
            cache.close()
            runs.append((len(counted), cache.hits, cache.misses))
    sampled = (len(archive.notes) + 1) // 2
    assert runs == [(sampled, 0, len(archive.notes)),
                    (len(archive.notes) // 2, len(archive.notes), 0),  # found, their trigrams added
                    (0, len(archive.notes), 0)]  # found with them
    assert len(learned) == 3  # the third build found the phrases of the second; the last is uncached
    assert learned[1] == learned[2] != learned[0]
    assert all(learned[1]) and len(learned[1]) == len(archive.notes) // 2


def test_cache_keys_change_with_audience_and_code(monkeypatch, tmp_path: Path):
    archive, _ = load_archive(FIXTURE_NOTES, FIXTURE_NOTES / "themas.yml", STAFF)
    cache = TermCache(tmp_path / "terms.sqlite")
    note = archive.notes[0]
    keys = {cache.key(note, True), cache.key(note, False), cache.key(archive.notes[1], True)}
    monkeypatch.setattr(term_cache, "code_digest", lambda *libraries: "andere code")
    keys.add(cache.key(note, True))
    cache.close()
    assert len(keys) == 4


def _copy_notes(dest: Path, edit: dict[str, tuple[str, str]]) -> None:
    """The fixture notes in `dest`, with one text replaced in the files named in `edit`."""
    for source in FIXTURE_NOTES.rglob("*"):
        if source.is_file():
            target = dest / source.relative_to(FIXTURE_NOTES)
            target.parent.mkdir(parents=True, exist_ok=True)
            content = source.read_text(encoding="utf-8")
            if source.name in edit:
                old, new = edit[source.name]
                assert old in content
                content = content.replace(old, new, 1)
            target.write_text(content, encoding="utf-8")

