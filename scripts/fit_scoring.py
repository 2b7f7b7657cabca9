"""Fit the shipped models (`qa/data/reranker.json`, `reader.json`, `answer_reranker.json`, `abstention.json`).

All four are fitted on the `fit` splits only, pooled over two labelled sets, each asked of
its own corpus: the development set (`tests/eval/dev/`, 44 help pages) and the seed
document's set (`tests/eval/questions.jsonl` over `corpus/`). The `check` splits are
never read here; `qa eval --split check` reports on them afterwards. Run from the
repository root after building both indexes:

    QA_CORPUS_DIR=tests/eval/dev/corpus QA_INDEX_DIR=/tmp/dev-index qa build --force
    QA_INDEX_DIR=/tmp/seed-index qa build --force
    python scripts/fit_scoring.py /tmp/dev-index /tmp/seed-index

With `--abstention-only` the shipped reranker, reader and answer reranker are kept and
only the abstention model is refitted on their evidence (a new evidence feature needs no
new reader, and every reader refit moves a few answers on its own). With
`--from-answer-reranker` the shipped reranker and reader are kept and the answer reranker
and the abstention model are refitted.
"""

from __future__ import annotations

import argparse
import logging
import os
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")

from qa.evaluation import load_questions  # noqa: E402
from qa.fitting import fit_models, shipped_reader_engine, unfitted_engine  # noqa: E402
from qa.index import load_live_index  # noqa: E402
from qa.scoring import shipped_path  # noqa: E402
from qa.service import load_embedder  # noqa: E402
from qa.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SETS = (
    ("dev", ROOT / "tests" / "eval" / "dev" / "questions.jsonl"),
    ("seed", ROOT / "tests" / "eval" / "questions.jsonl"),
)


def main() -> None:
    """Fit on both fit splits and write the three model files."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dev_index", type=Path, help="index root built from tests/eval/dev/corpus")
    parser.add_argument("seed_index", type=Path, help="index root built from corpus/")
    stages = parser.add_mutually_exclusive_group()
    stages.add_argument(
        "--abstention-only", action="store_true", help="keep the other shipped models, refit abstention"
    )
    stages.add_argument(
        "--from-answer-reranker",
        action="store_true",
        help="keep the shipped reranker and reader, refit the answer reranker and abstention",
    )
    args = parser.parse_args()
    keep_reader = args.abstention_only or args.from_answer_reranker
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    embedder = load_embedder(Settings())
    sets = []
    for (name, path), root in zip(SETS, (args.dev_index, args.seed_index), strict=True):
        data = load_live_index(root, embedder.identity)
        engine = shipped_reader_engine(data, embedder) if keep_reader else unfitted_engine(data, embedder)
        questions = [q for q in load_questions(path) if q.split == "fit"]
        logging.info("%s: %d fit questions", name, len(questions))
        sets.append((engine, questions))
    label = "fit splits of tests/eval/dev/questions.jsonl and tests/eval/questions.jsonl"
    refit = not keep_reader
    report = fit_models(
        sets, label, refit_reader=refit, refit_reranker=refit, refit_answer_reranker=not args.abstention_only
    )
    if report.answer_reranker is not None:
        report.answer_reranker.save(shipped_path("answer_reranker.json"))
    if refit:
        assert report.reader is not None and report.reranker is not None
        report.reranker.save(shipped_path("reranker.json"))
        report.reader.save(shipped_path("reader.json"))
    report.abstention.save(shipped_path("abstention.json"))
    if refit:
        logging.info("reranker and reader refitted; reader: %d candidates", report.reader_rows)
    logging.info("abstention: %d questions, operating point %.4f", report.abstention_rows, report.abstention.threshold)


if __name__ == "__main__":
    main()
