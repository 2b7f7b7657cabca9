"""`qa eval`'s figures pooled over the labelled sets: each set's questions asked of its own index.

Every labelled set is written about its own corpus (`scripts/labelled_sets.py`), so one
`qa eval` run measures one set. This asks each chosen set's questions of the split given
(`--split`, default `check`) of its own index with the shipped models, as `qa eval`
does, and prints each set's answer accuracy per language, then the metrics of `qa eval`
over all the sets' questions together (`qa.evaluation.metrics_by_language`: pooled by
question, so a larger set weighs more) and the answerable questions by their language and
that of the page holding the gold. `--html HTML_INDEX` adds the web-page set
(`tests/eval/html`). Run from the repository root after building every set's index
(`QA_CORPUS_DIR=tests/eval/pages/a/corpus QA_INDEX_DIR=/tmp/pages/a .venv/bin/qa build`,
and so on; see `scripts/fit_scoring.py`):

    python scripts/pooled_eval.py /tmp/dev-index /tmp/seed-index --pages /tmp/pages \
        --page-sets abcdefghijk --html /tmp/html-index --split check

Without `--pages` only the development and seed sets are read; `--json` prints the same
figures as JSON (`per_set`, `metrics`, `by_page_language`).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Run as `python scripts/pooled_eval.py`, the repository root is not on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.cli import _table_line  # noqa: E402
from qa.engine import QAEngine  # noqa: E402
from qa.evaluation import (  # noqa: E402
    METRICS,
    PAGE_LANGUAGE_METRICS,
    Outcome,
    evaluate,
    load_questions,
    metrics_by_language,
    metrics_by_page_language,
)
from qa.index import load_live_index  # noqa: E402
from qa.service import load_embedder, scoring_models  # noqa: E402
from qa.settings import Settings  # noqa: E402
from scripts.labelled_sets import (  # noqa: E402
    ROOT,
    LabelledSet,
    add_index_arguments,
    chosen_sets,
    parse_index_arguments,
)

SPLITS = ("check", "fit", "all")


def pooled_report(outcomes_by_set: Mapping[str, Sequence[Outcome]]) -> dict[str, Any]:
    """Each set's metrics per language (`per_set`: set name -> `metrics_by_language`), the
    metrics of all the sets' outcomes together (`metrics`) and those of their answerable
    questions by question and page language (`by_page_language`,
    `metrics_by_page_language`). Pooling is by question: the pooled answer accuracy is the
    answerable questions answered right over all sets divided by all the answerable
    questions, not a mean of the sets' accuracies. Pure; an empty mapping gives empty
    tables."""
    pooled = [outcome for outcomes in outcomes_by_set.values() for outcome in outcomes]
    return {
        "per_set": {name: metrics_by_language(list(outcomes)) for name, outcomes in outcomes_by_set.items()},
        "metrics": metrics_by_language(pooled),
        "by_page_language": metrics_by_page_language(pooled),
    }


def report_lines(report: Mapping[str, Any], split: str) -> list[str]:
    """The text `main` prints for a `pooled_report`: one line per set with its questions and
    answer accuracy per language, then the pooled table in `qa eval`'s columns and the
    table by question and page language."""
    lines = [f"{split} split, answer accuracy per set (answerable questions):"]
    for name, table in report["per_set"].items():
        cells = [
            f"{language} {row['answer_accuracy']:.3f} ({row['answerable']})"
            for language, row in table.items()
            if language != "all" and row["answerable"]
        ]
        lines.append(f"  {name:<10} " + "   ".join(cells))
    columns = ["answerable", "unanswerable", *METRICS]
    lines += ["", "pooled over the sets:", _table_line("", {c: c for c in columns}, columns, 5)]
    lines += [_table_line(language, row, columns, 5) for language, row in report["metrics"].items()]
    if report["by_page_language"]:
        lines += ["", "answerable questions by their language and that of the page holding the gold:"]
        lines.append(_table_line("", {c: c for c in PAGE_LANGUAGE_METRICS}, PAGE_LANGUAGE_METRICS, 9))
        for pair, row in report["by_page_language"].items():
            question_language, page_language = pair.split("-")
            lines.append(_table_line(f"{question_language} on {page_language}", row, PAGE_LANGUAGE_METRICS, 9))
    return lines


def labelled_sets_with_html(args: argparse.Namespace) -> list[LabelledSet]:
    """The sets the arguments name (`chosen_sets`), then the web-page set when `--html` is given."""
    sets = chosen_sets(args)
    if args.html is not None:
        folder = ROOT / "tests/eval/html"
        sets.append(LabelledSet("html", folder / "questions.jsonl", folder / "corpus", args.html))
    return sets


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    add_index_arguments(parser)
    parser.add_argument(
        "--html", type=Path, default=None, metavar="HTML_INDEX", help="also the web-page set (tests/eval/html)"
    )
    parser.add_argument("--split", choices=SPLITS, default="check", help="which questions (default check)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parse_index_arguments(parser, argv)
    settings = Settings()
    embedder = load_embedder(settings)
    models = scoring_models(settings)
    outcomes_by_set: dict[str, list[Outcome]] = {}
    for labelled in labelled_sets_with_html(args):
        questions = [q for q in load_questions(labelled.questions) if args.split in ("all", q.split)]
        engine = QAEngine(load_live_index(labelled.index, embedder.identity), embedder, **models.load())
        outcomes_by_set[labelled.name] = evaluate(engine, questions)
    report = pooled_report(outcomes_by_set)
    text = json.dumps(report, indent=2) if args.json else "\n".join(report_lines(report, args.split))
    sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
