"""Compare lingua-language-detector and py3langid on short questions: accuracy, speed, memory.

Usage: python bench/language_detectors.py [QUESTIONS.jsonl ...] [--split fit]
Each file holds JSON lines with "question" and "language" (da, en, nb, nn, sv). Labels are
scored two ways: the exact language, and the service language it maps to (qa.language.NEAREST).
Prints one row per detector and file. Never reads a `check` question unless --split all.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from qa.language import NEAREST as SERVICE_NEAREST

NEAREST = {**SERVICE_NEAREST, "nb": "da"}  # the labels and lingua say nb, py3langid says no

DEFAULT_FILES = [Path("tests/eval/questions.jsonl"), Path("tests/eval/nordic-questions.jsonl")]
CODES = ["da", "nb", "nn", "sv", "en", "de"]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def lingua_probabilities() -> Callable[[str], dict[str, float]]:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [getattr(IsoCode639_1, c.upper()) for c in CODES]
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).with_preloaded_language_models().build()

    def run(text: str) -> dict[str, float]:
        values = detector.compute_language_confidence_values(text)
        return {v.language.iso_code_639_1.name.lower(): v.value for v in values}

    return run


def langid_probabilities() -> Callable[[str], dict[str, float]]:
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)
    identifier.set_languages(["da", "en", "no", "nn", "sv", "de"])

    def run(text: str) -> dict[str, float]:
        ranked = identifier.rank(text)
        return {("nb" if code == "no" else code): float(p) for code, p in ranked}

    return run


def mapped(probabilities: dict[str, float]) -> str:
    da = sum(p for c, p in probabilities.items() if NEAREST.get(c) == "da")
    en = sum(p for c, p in probabilities.items() if NEAREST.get(c) == "en")
    return "da" if da >= en else "en"


def load(path: Path, split: str) -> list[dict[str, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if split == "all" or r.get("split", split) == split]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--split", default="fit", choices=["fit", "check", "all"])
    args = parser.parse_args()
    sets = {str(path): load(path, args.split) for path in args.files}
    for name, factory in (("lingua", lingua_probabilities), ("py3langid", langid_probabilities)):
        before = _rss_mb()
        started = time.perf_counter()
        run = factory()
        load_s = time.perf_counter() - started
        memory = _rss_mb() - before
        if True:
            for set_name, rows in sets.items():
                exact = service = 0
                times = []
                wrong = []
                for row in rows:
                    text = row["question"]
                    t0 = time.perf_counter()
                    probabilities = run(text)
                    times.append((time.perf_counter() - t0) * 1000)
                    top = max(probabilities, key=lambda c: probabilities[c])
                    exact += top == row["language"]
                    ok = mapped(probabilities) == NEAREST[row["language"]]
                    service += ok
                    if not ok:
                        wrong.append(row["question"])
                print(
                    f"{name:9} {set_name:36} n={len(rows):3} "
                    f"exact={exact:3} da/en={service:3} median={statistics.median(times):.2f} ms "
                    f"load={load_s:.1f} s rss+={memory:.0f} MB wrong={wrong[:4]}"
                )


if __name__ == "__main__":
    main()
