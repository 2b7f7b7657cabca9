"""Passage recall@1/@3 per language with each kind of Danish lexical matching on and off.

Usage (an index built from the development corpus, see README "Lexical matching"):
    QA_INDEX_DIR=/tmp/analysis-dev-index QA_MODEL_CACHE_DIR=... HF_HUB_OFFLINE=1 \\
        python bench/lexical_ablation.py tests/eval/dev/questions.jsonl --split fit
Prints one row per variant. `terms` (the document side) is the same in every variant,
so one index serves them all.
"""

from __future__ import annotations

import argparse
import logging
import time
from dataclasses import replace
from pathlib import Path

import qa.analysis as analysis
import qa.lexicon as lexicon
from qa.analysis import ALL_LEXICAL, LexicalOptions
from qa.evaluation import evaluate, load_questions, metrics_by_language
from qa.service import load_engine
from qa.settings import Settings

NONE = LexicalOptions(compounds=False, lemmas=False, bridge=False, phrases=False, reverse_bridge=False)
VARIANTS = {
    "none": NONE,
    "compounds": replace(NONE, compounds=True),
    "lemmas": replace(NONE, lemmas=True),
    "bridge": replace(NONE, bridge=True),
    "bridge+phrases": replace(NONE, bridge=True, phrases=True),
    "reverse-bridge": replace(NONE, reverse_bridge=True),
    "all": ALL_LEXICAL,
    "all-but-compounds": replace(ALL_LEXICAL, compounds=False),
    "all-but-lemmas": replace(ALL_LEXICAL, lemmas=False),
    "all-but-bridge": replace(ALL_LEXICAL, bridge=False),
    "service": LexicalOptions(),
    "service-but-phrases": replace(LexicalOptions(), phrases=False),
    "service-but-reverse-bridge": replace(LexicalOptions(), reverse_bridge=False),
}

# Variants of the bridge's files: "service:glossary" and so on.
SOURCES = {
    "service:glossary": ("glossary-en-da.tsv",),
    "service:freedict": ("freedict-en-da.tsv",),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("eval_set", type=Path)
    parser.add_argument("--split", default="fit", choices=["fit", "check", "all"])
    parser.add_argument("--variants", default=",".join([*VARIANTS, *SOURCES]))
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING)
    questions = [q for q in load_questions(args.eval_set) if args.split in ("all", q.split) and q.answerable]
    engine = load_engine(Settings())
    analysis.warm_up()
    for name in args.variants.split(","):
        sources = SOURCES.get(name, lexicon.BRIDGE_SOURCES)
        lexicon.BRIDGE_SOURCES = sources
        analysis.LEXICAL_OPTIONS = VARIANTS[name.split(":")[0]]
        started = time.perf_counter()
        by_language = metrics_by_language(evaluate(engine, questions))
        seconds = time.perf_counter() - started
        cells = "  ".join(
            f"{lang}: n={m['answerable']} r@1={m['recall@1']} r@3={m['recall@3']} mrr={m['mrr']}"
            for lang, m in sorted(by_language.items())
        )
        print(f"{name:18} {cells}  ({seconds:.0f} s)", flush=True)


if __name__ == "__main__":
    main()
