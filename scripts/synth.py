"""Write N synthetic notes of realistic Dutch vocabulary, for benchmarks and tests.

Every note is marked `synthetisch: true`, its kenmerk lies in the years 2090-2099 and its
askers are named "Synthetisch Kamerlid NNN", so no generated set can pass for a real one.
Words are drawn by their real frequency in Dutch (wordfreq), so term statistics look like
real text. Themes come from the real registry in notes/themas.yml.

With `--gedeelde-termen` every note has a twin (same text, another kenmerk), so every term
occurs in at least two sets: no set has a term of its own (a case similar sets must handle).

    python scripts/synth.py --aantal 1000 --uit /tmp/synth
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
from itertools import accumulate
from pathlib import Path

from wordfreq import top_n_list, word_frequency

ROOT = Path(__file__).resolve().parent.parent
MINISTERS = [
    "minister van Binnenlandse Zaken en Koninkrijksrelaties",
    "minister van Justitie en Veiligheid",
    "minister van Financiën",
    "minister van Volksgezondheid, Welzijn en Sport",
    "minister van Onderwijs, Cultuur en Wetenschap",
    "minister van Infrastructuur en Waterstaat",
    "staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties",
    "minister voor Asiel en Migratie",
]
PARTIES = [f"Partij {c}" for c in "ABCDEFGHIJKL"]


class Generator:
    """Deterministic for a given seed."""

    def __init__(self, seed: int, vocabulary: int = 20000) -> None:
        self.rng = random.Random(seed)
        self.words = top_n_list("nl", vocabulary)
        self.cum = list(accumulate(word_frequency(w, "nl") for w in self.words))
        self.themes = [line.split(":", 1)[1].strip() for line in (ROOT / "notes/themas.yml").read_text().splitlines()
                       if line.startswith("- slug:")]
        self.members = [(f"Synthetisch Kamerlid {i:03d}", self.rng.choice(PARTIES)) for i in range(1, 151)]

    def text(self, n: int) -> str:
        words = self.rng.choices(self.words, cum_weights=self.cum, k=n)
        sentences, i = [], 0
        while i < len(words):
            k = self.rng.randint(8, 20)
            chunk = words[i:i + k]
            sentences.append(chunk[0].capitalize() + " " + " ".join(chunk[1:]) + ".")
            i += k
        return " ".join(sentences)

    def note(self, n: int, total: int, target_bytes: int) -> tuple[str, str]:
        rng = self.rng
        year = 2090 + n * 10 // total
        kenmerk = f"{year}Z{n % 100000:05d}"
        gesteld = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
        askers = rng.sample(self.members, rng.choice([1, 1, 1, 2, 2, 3]))
        ministers = rng.sample(MINISTERS, rng.choice([1, 1, 2]))
        title = json.dumps(self.text(rng.randint(4, 8)).rstrip("."), ensure_ascii=False)
        lines = ["---", f"kenmerk: {kenmerk}", f"titel: {title}",
                 f"gesteld: {gesteld.isoformat()}", "vragenstellers:"]
        lines += [f"  - naam: {name}\n    partij: {party}" for name, party in askers]
        lines += ["gericht_aan:"] + [f"  - {m}" for m in ministers]
        lines += [f"beantwoord_door: {ministers[0]}"]
        answered = rng.random() < 0.8
        if rng.random() < 0.3:
            lines += ["uitstel:", f"  - {(gesteld + dt.timedelta(days=20)).isoformat()}"]
        if answered:
            lines.append(f"beantwoord: {(gesteld + dt.timedelta(days=rng.randint(7, 70))).isoformat()}")
        lines += ["themas:"] + [f"  - {t}" for t in rng.sample(self.themes, rng.randint(1, 3))]
        lines += ["synthetisch: true", "---", "", self.text(60), ""]
        questions = rng.randint(5, 12)
        per_part = max(20, target_bytes // 7 // (2 * questions))
        for q in range(1, questions + 1):
            lines += [f"## Vraag {q}", "", self.text(per_part // 2) + "?", ""]
            if answered:
                extra = f" Zie ook het antwoord op vraag {rng.randint(1, questions)}." if rng.random() < 0.2 else ""
                if n > 0 and rng.random() < 0.05:
                    extra += f" Eerder gesteld als {2090 + (n - 1) * 10 // total}Z{(n - 1) % 100000:05d}."
                lines += [f"## Antwoord {q}", "", self.text(per_part * 3 // 2) + extra, ""]
        return f"notes/{year}/{kenmerk}.md", "\n".join(lines)


def twin(rel: str, text: str, number: int) -> tuple[str, str]:
    """The same note under kenmerk number `number` of its year."""
    kenmerk = f"{rel.split('/')[1]}Z{number:05d}"
    return f"notes/{rel.split('/')[1]}/{kenmerk}.md", re.sub(r"^kenmerk: .*$", f"kenmerk: {kenmerk}", text,
                                                              count=1, flags=re.M)


def generate(out: Path, count: int, seed: int = 1, target_bytes: int = 10_000, shared_terms: bool = False) -> None:
    """Write `count` notes and a copy of the theme registry below `out/notes`; with
    `shared_terms`, half of them (rounded up) and a twin of each."""
    if (out / "notes").exists():
        shutil.rmtree(out / "notes")
    (out / "notes").mkdir(parents=True)
    shutil.copy(ROOT / "notes/themas.yml", out / "notes/themas.yml")
    gen = Generator(seed)
    originals = (count + 1) // 2 if shared_terms else count
    for n in range(originals):
        rel, text = gen.note(n, originals, target_bytes)
        written = [(rel, text)]
        if shared_terms and originals + n < count:
            written.append(twin(rel, text, originals + n))
        for rel, text in written:
            path = out / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description="Schrijf synthetische notities (gemarkeerd synthetisch: true).")
    parser.add_argument("--aantal", type=int, required=True, help="aantal notities")
    parser.add_argument("--uit", type=Path, required=True, help="map waarin notes/ komt")
    parser.add_argument("--seed", type=int, default=1, help="startwaarde van de toevalsgenerator")
    parser.add_argument("--bytes", type=int, default=10_000, help="ongeveer zoveel tekst per notitie")
    parser.add_argument("--gedeelde-termen", action="store_true",
                        help="elke notitie twee keer (ander kenmerk): elke term staat in minstens twee sets")
    args = parser.parse_args()
    generate(args.uit, args.aantal, args.seed, args.bytes, args.gedeelde_termen)


if __name__ == "__main__":
    main()
