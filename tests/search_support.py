"""Shared by the search tests: one synthetic site per session, the Node harness, a local server.

The search site holds the two real seed notes, six real Tweede Kamer documents made into notes
(tests/fixtures/real-search/) and generated notes (marked synthetisch), so that queries have
known Dutch text, real punctuation and boilerplate, and a corpus large enough to split into
many shards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ASSETS = REPO / "plugins" / "kamervragen" / "assets"
HARNESS = Path(__file__).parent / "js" / "search_harness.js"
SYNTHETIC_NOTES = 300

sys.path.insert(0, str(REPO / "scripts"))
from bench.corpus import REAL_NOTES, with_real  # noqa: E402,F401  (the relevance benchmark's own corpus)
from screenshots import CHROMIUM_ARGS, serve  # noqa: E402,F401  (the screenshot script's loopback server)


def build_search_site(root: Path) -> Path:
    """Build a site of seeds + synthetic notes in `root` (the `search_site` fixture, once per session)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with_real(root, SYNTHETIC_NOTES)
    (root / "mkdocs.yml").write_text(
        f"INHERIT: {REPO / 'mkdocs.yml'}\ndocs_dir: {REPO / 'docs'}\nsite_dir: {root / 'site'}\n"
        "plugins:\n  - kamervragen:\n      notes_dir: notes\n      themes_file: notes/themas.yml\n"
        "      per_page: 10\n",
        encoding="utf-8",
    )
    config = load_config(str(root / "mkdocs.yml"), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    build(config)
    return root


def harness(site: Path, requests: list[dict]) -> list:
    """Answers of the browser's search code (run in Node) to `requests`."""
    done = subprocess.run(["node", str(HARNESS), str(ASSETS), str(site)], input=json.dumps(requests),
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
