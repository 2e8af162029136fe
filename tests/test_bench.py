"""The benchmarks' shared parts (scripts/bench/): the configs they build with, the server they
measure bytes through, and the corpus they reuse. The benchmarks themselves print figures and
are not run here; these are the parts whose mistakes would skew every figure unseen."""

from __future__ import annotations

import gzip
import json
import sys
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from conftest import FIXTURE_NOTES, REPO

sys.path.insert(0, str(REPO / "scripts"))
from bench import corpus  # noqa: E402
from bench.builds import ASIDE, delete_set_aside, set_aside, site_config  # noqa: E402
from bench.server import make_server  # noqa: E402


def _plugins(config: Path) -> dict[str, dict]:
    """The plugins MkDocs loads from `config` (INHERIT merged), in order, with their options."""
    from mkdocs.config import load_config

    loaded = load_config(str(config))
    return {name: dict(plugin.config) for name, plugin in loaded.plugins.items()}


def test_configs_inherit_the_project_and_point_at_the_notes(tmp_path: Path):
    ours = _plugins(site_config(tmp_path / "ours" / "mkdocs.yml", FIXTURE_NOTES, cache="c"))
    staff = _plugins(site_config(tmp_path / "intern" / "mkdocs.yml", FIXTURE_NOTES, "mkdocs.intern.yml"))
    material = _plugins(site_config(tmp_path / "material" / "mkdocs.yml", FIXTURE_NOTES, material_search=True))
    assert list(ours) == list(staff) == ["kamervragen"]
    assert ours["kamervragen"]["notes_dir"] == str(FIXTURE_NOTES)
    assert ours["kamervragen"]["cache_dir"] == "c" and ours["kamervragen"]["search"] is True
    assert staff["kamervragen"]["audience"] == "intern"  # the mapping merged into mkdocs.intern.yml's
    assert list(material) == ["material/search", "kamervragen"]
    assert material["material/search"]["lang"] == ["nl"] and material["kamervragen"]["search"] is False


@pytest.fixture
def served(tmp_path: Path):
    """The benchmark server on a small site; (base URL, request log)."""
    site = tmp_path / "site"
    (site / "zoeken").mkdir(parents=True)
    (site / "index.html").write_text("<p>thuis</p>" * 100, encoding="utf-8")
    (site / "zoeken" / "index.html").write_text("<p>zoeken</p>", encoding="utf-8")
    (site / "logo.png").write_bytes(b"\x89PNG" + bytes(200))
    server = make_server(site, log_path=tmp_path / "requests.jsonl", prepare=["index.html"])
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", tmp_path / "requests.jsonl"
    server.shutdown()
    server.server_close()


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        with urllib.request.urlopen(request) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read()


def test_server_gzips_text_and_logs_the_bytes_it_sent(served):
    base, log = served
    status, headers, body = _get(base)
    assert status == 200 and headers["Content-Encoding"] == "gzip"
    assert gzip.decompress(body) == ("<p>thuis</p>" * 100).encode()
    status, headers, png = _get(base + "logo.png")
    assert status == 200 and "Content-Encoding" not in headers and len(png) == 204
    assert gzip.decompress(_get(base + "zoeken")[2]) == b"<p>zoeken</p>"  # redirected to zoeken/
    assert _get(base + "nergens/")[0] == 404
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [(r["path"], r["status"], r["bytes"]) for r in records[:2]] == [("/", 200, len(body)), ("/logo.png", 200, 204)]
    assert ("/zoeken", 301) in [(r["path"], r["status"]) for r in records]  # a folder without its slash
    assert records[0]["raw"] == len("<p>thuis</p>" * 100) and records[0]["enc"] == "gzip"


def test_corpus_is_synthetic_reused_and_edited_in_one_place(tmp_path: Path):
    made = corpus.notes(tmp_path, 10, seed=3, target_bytes=800, copies=2)
    assert made.seconds is not None and len(made.pairs) == 2
    files = corpus.note_files(made.notes)
    assert len(files) == 12 and all("synthetisch: true" in p.read_text(encoding="utf-8") for p in files)
    assert {p.stem for p in files} >= {copy for _, copy in made.pairs}
    assert corpus.notes(tmp_path, 10, seed=3, target_bytes=800, copies=2).seconds is None  # reused
    assert corpus.notes(tmp_path, 10, seed=4, target_bytes=800, copies=2).seconds is not None  # another seed
    note = corpus.middle_note(made.notes)
    corpus.change_one(note, "eerste")
    corpus.change_one(note, "tweede")
    text = note.read_text(encoding="utf-8")
    assert text.count(corpus.CHANGE_MARK) == 1 and text.endswith(f"{corpus.CHANGE_MARK} (tweede).\n")


def test_the_memory_sampler_takes_a_small_share_of_a_core_however_slow_a_sample_is(monkeypatch):
    """Reading a large process tree's PSS takes the kernel tens of milliseconds; a sampler that
    did it every 0.1 s took half a core from the build it measured."""
    from bench import builds

    samples = []

    def slow(pid: int) -> int:
        samples.append(pid)
        threading.Event().wait(0.05)  # a sample as slow as a 600 MB process's
        return len(samples)

    monkeypatch.setattr(builds, "_tree_rss", slow)
    sampler = builds._Sampler(1)
    sampler.start()
    threading.Event().wait(2.5)
    sampler.done.set()
    sampler.join()
    # 0.05 s of sampling may be followed by 1 s of waiting (SHARE 5%): two or three samples, not 16.
    assert 1 <= len(samples) <= 3 and sampler.peak == len(samples)


def test_output_of_earlier_builds_is_set_aside_and_deleted_after_the_last_build(tmp_path):
    """The benchmark moves a build's old site out of its way instead of deleting it just
    before the build (see set_aside), and deletes what it set aside at the end."""
    site = tmp_path / "n10" / "ons" / "site"
    (site / "vragen").mkdir(parents=True)
    (site / "vragen" / "index.html").write_text("oud", encoding="utf-8")
    set_aside(site, tmp_path)
    set_aside(site, tmp_path)  # gone already: nothing to do
    assert not site.exists()
    [moved] = (tmp_path / ASIDE).iterdir()
    assert (moved / "vragen" / "index.html").read_text(encoding="utf-8") == "oud"
    delete_set_aside(tmp_path)
    assert not (tmp_path / ASIDE).exists() and (tmp_path / "n10" / "ons").is_dir()
