"""Fit the shipped models (`qa/data/reranker.json`, `reader.json`, `answer_reranker.json`, `abstention.json`).

All four are fitted on the `fit` splits only, pooled over the labelled sets, each asked of
its own corpus: the development set (`tests/eval/dev/`, 44 help pages), the seed
document's set (`tests/eval/questions.jsonl` over `corpus/`) and, with `--pages`, the
web-page tester sets the shipped models were fitted on (`tests/eval/pages/a` .. `d`, 31
pages; `--page-sets` names others, `scripts/labelled_sets.py`).
The shipped models are fitted with `--pages`. The `check` splits are never read here;
`qa eval --split check` reports on them afterwards. Run from the repository root after
building every set's index:

    QA_CORPUS_DIR=tests/eval/dev/corpus QA_INDEX_DIR=/tmp/dev-index qa build --force
    QA_INDEX_DIR=/tmp/seed-index qa build --force
    for s in a b c d; do
        QA_CORPUS_DIR=tests/eval/pages/$s/corpus QA_INDEX_DIR=/tmp/pages/$s qa build --force
    done
    python scripts/fit_scoring.py /tmp/dev-index /tmp/seed-index --pages /tmp/pages

With `--abstention-only` the shipped reranker, reader and answer reranker are kept and
only the abstention model is refitted on their evidence (a new evidence feature needs no
new reader, and every reader refit moves a few answers on its own). With
`--from-answer-reranker` the shipped reranker and reader are kept and the answer reranker
and the abstention model are refitted. With `--from-reader` the shipped reranker is kept
and the reader, the answer reranker and the abstention model are refitted (a change to
the reader's features leaves the passage reranker's alone).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Run as `python scripts/fit_scoring.py`, the repository root is not on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.evaluation import load_questions  # noqa: E402
from qa.fitting import fit_models, shipped_reader_engine, unfitted_engine  # noqa: E402
from qa.index import load_live_index  # noqa: E402
from qa.scoring import shipped_path  # noqa: E402
from qa.service import load_embedder  # noqa: E402
from qa.settings import Settings  # noqa: E402
from scripts.labelled_sets import ROOT, add_index_arguments, chosen_sets, parse_index_arguments  # noqa: E402


def main() -> None:
    """Fit on the chosen sets' fit splits and write the four model files (or those the options refit)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_index_arguments(parser)
    stages = parser.add_mutually_exclusive_group()
    stages.add_argument(
        "--abstention-only", action="store_true", help="keep the other shipped models, refit abstention"
    )
    stages.add_argument(
        "--from-answer-reranker",
        action="store_true",
        help="keep the shipped reranker and reader, refit the answer reranker and abstention",
    )
    stages.add_argument(
        "--from-reader",
        action="store_true",
        help="keep the shipped reranker, refit the reader, the answer reranker and abstention",
    )
    args = parse_index_arguments(parser)
    refit_reader = not (args.abstention_only or args.from_answer_reranker)
    refit_reranker = refit_reader and not args.from_reader
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    embedder = load_embedder(Settings())
    sets = []
    chosen = chosen_sets(args)
    for labelled in chosen:
        name, path, root = labelled.name, labelled.questions, labelled.index
        data = load_live_index(root, embedder.identity)
        engine = unfitted_engine(data, embedder) if refit_reranker else shipped_reader_engine(data, embedder)
        questions = [q for q in load_questions(path) if q.split == "fit"]
        logging.info("%s: %d fit questions", name, len(questions))
        sets.append((engine, questions))
    label = "fit splits of " + ", ".join(str(labelled.questions.relative_to(ROOT)) for labelled in chosen)
    report = fit_models(
        sets,
        label,
        refit_reader=refit_reader,
        refit_reranker=refit_reranker,
        refit_answer_reranker=not args.abstention_only,
    )
    if report.reranker is not None:
        report.reranker.save(shipped_path("reranker.json"))
        logging.info("reranker refitted")
    if report.reader is not None:
        report.reader.save(shipped_path("reader.json"))
        logging.info("reader refitted on %d candidates", report.reader_rows)
    if report.answer_reranker is not None:
        report.answer_reranker.save(shipped_path("answer_reranker.json"))
    report.abstention.save(shipped_path("abstention.json"))
    logging.info("abstention: %d questions, operating point %.4f", report.abstention_rows, report.abstention.threshold)


if __name__ == "__main__":
    main()
