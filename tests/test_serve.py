"""`mkdocs serve` rebuilds when a note or the theme registry changes."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import copy_fixture_site


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for(url: str, needle: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = urllib.request.urlopen(url, timeout=5).read().decode()
            if needle in last:
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{needle!r} did not appear at {url} within {timeout} s")


def test_serve_rebuilds_on_note_and_registry_changes(tmp_path: Path):
    root = copy_fixture_site(tmp_path / "src")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(root / "mkdocs.yml")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        note = next((root / "notes").rglob("*.md"))
        kenmerk = note.stem
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base + f"vragen/{kenmerk}/", kenmerk)
        text = note.read_text(encoding="utf-8")
        note.write_text(text.replace("\n---\n", "\n---\n\nGEWIJZIGD-IN-SERVE\n", 1), encoding="utf-8")
        _wait_for(base + f"vragen/{kenmerk}/", "GEWIJZIGD-IN-SERVE")
        registry = root / "notes" / "themas.yml"
        registry.write_text(registry.read_text(encoding="utf-8").replace("beschrijving: ", "beschrijving: THEMA-GEWIJZIGD ", 1),
                            encoding="utf-8")
        _wait_for(base + "themas/", "THEMA-GEWIJZIGD")
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_serve_shows_a_broken_note_and_brings_the_set_back_once_fixed(tmp_path: Path, browser):
    """While a note is broken, its address explains why (file, line, rule) and the home page
    lists it; after the fix, live reload shows the set again. Driven in Chromium."""
    root = copy_fixture_site(tmp_path / "src")
    note = next((root / "notes").rglob("2098Z00008.md"))
    good = note.read_text(encoding="utf-8")
    note.write_text(good.replace("gesteld: ", "gesteld: 2099-02-30\nx_gesteld: ", 1), encoding="utf-8")
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(root / "mkdocs.yml")],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    page = browser.new_page()
    try:
        base = f"http://127.0.0.1:{port}/"
        _wait_for(base, "niet in de site")
        page.goto(base)
        banner = page.locator("article [role=alert]")
        assert "1 notitie staat niet in de site" in banner.inner_text()
        banner.get_by_role("link", name="notes/2098/2098Z00008.md").click()
        page.wait_for_url(base + "vragen/2098Z00008/")
        alert = page.locator("article [role=alert]").inner_text()
        assert "notes/2098/2098Z00008.md:" in alert and "veld gesteld" in alert, alert
        assert "onbekende sleutel" in alert, alert
        note.write_text(good, encoding="utf-8")
        page.wait_for_function("() => !document.querySelector('article [role=alert]')", timeout=60_000)
        assert not page.locator("article h1").inner_text().startswith("Fout in")
        assert "2098Z00008" in page.locator("article").inner_text()
    finally:
        page.close()
        server.terminate()
        server.wait(timeout=20)
