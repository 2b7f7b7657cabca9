"""`qa eval`'s figures pooled over the labelled sets: each set's questions asked of its own index.

Every labelled set is written about its own corpus (`scripts/labelled_sets.py`), so one
`qa eval` run measures one set. This asks each chosen set's questions of the split given
(`--split`, default `check`) of its own index with the shipped models, as `qa eval`
does, and prints each set's answer accuracy per language, then the metrics of `qa eval`
over all the sets' questions together (`qa.evaluation.metrics_by_language`: pooled by
question, so a larger set weighs more) and the answerable questions by their language and
that of the page holding the gold. Without `--pages` only the development and seed sets
are read; `--pages` adds the page sets `--page-sets` names (by default a .. d, those the
shipped models were fitted on); `--html HTML_INDEX` adds the web-page set
(`tests/eval/html`, all `check`). A set with no question in the split is named and left
out. Every index is loaded, and checked to hold the documents of its set's corpus, before
any question is asked. `--json` prints the figures as JSON (`per_set`, `metrics`,
`by_page_language`, `left_out`). Run from the repository root after building every set's
index:

    QA_CORPUS_DIR=tests/eval/dev/corpus QA_INDEX_DIR=/tmp/dev-index .venv/bin/qa build --force
    QA_CORPUS_DIR=corpus QA_INDEX_DIR=/tmp/seed-index .venv/bin/qa build --force
    QA_CORPUS_DIR=tests/eval/html/corpus QA_INDEX_DIR=/tmp/html-index .venv/bin/qa build --force
    for s in a b c d e f g h i j k; do
        QA_CORPUS_DIR=tests/eval/pages/$s/corpus QA_INDEX_DIR=/tmp/pages/$s .venv/bin/qa build --force
    done
    .venv/bin/python scripts/pooled_eval.py /tmp/dev-index /tmp/seed-index --pages /tmp/pages \
        --page-sets abcdefghijk --html /tmp/html-index --split check

(`qa build` checks each new index against the seed's questions by default and warns that
most have no gold in another corpus; `QA_EVAL_SET=` before it skips that check.)
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
from qa.documents import read_corpus  # noqa: E402
from qa.engine import QAEngine  # noqa: E402
from qa.evaluation import (  # noqa: E402
    METRICS,
    PAGE_LANGUAGE_METRICS,
    EvalQuestion,
    EvalSetError,
    Outcome,
    evaluate,
    load_questions,
    metrics_by_language,
    metrics_by_page_language,
)
from qa.index import IndexData, load_live_index  # noqa: E402
from qa.index_errors import IndexLoadError  # noqa: E402
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


def pooled_report(outcomes_by_set: Mapping[str, Sequence[Outcome]], left_out: Sequence[str] = ()) -> dict[str, Any]:
    """Each set's metrics per language (`per_set`: set name -> `metrics_by_language`), the
    metrics of all the sets' outcomes together (`metrics`) and those of their answerable
    questions by question and page language (`by_page_language`,
    `metrics_by_page_language`); `left_out` names the sets that had no question in the
    split. Pooling is by question: the pooled answer accuracy is the answerable questions
    answered right over all sets divided by all the answerable questions, not a mean of
    the sets' accuracies. Pure; an empty mapping gives empty tables."""
    pooled = [outcome for outcomes in outcomes_by_set.values() for outcome in outcomes]
    return {
        "per_set": {name: metrics_by_language(list(outcomes)) for name, outcomes in outcomes_by_set.items()},
        "metrics": metrics_by_language(pooled),
        "by_page_language": metrics_by_page_language(pooled),
        "left_out": list(left_out),
    }


def report_lines(report: Mapping[str, Any], split: str) -> list[str]:
    """The text `main` prints for a `pooled_report`: one line per set with its questions and
    answer accuracy per language, then the pooled table in `qa eval`'s columns and the
    table by question and page language."""
    lines = [f"{split} split, answer accuracy per set (answerable questions):"]
    for name, table in report["per_set"].items():
        cells = [
            f"{language} {row['answer_accuracy']:.3f} ({row['answerable']:>3})"
            for language, row in table.items()
            if language != "all" and row["answerable"]
        ]
        lines.append(f"  {name:<10} " + "   ".join(cells) if cells else f"  {name:<10} no answerable question")
    if report["left_out"]:
        lines.append(f"  left out, no question in the {split} split: {', '.join(report['left_out'])}")
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


class SetProblem(Exception):
    """A labelled set that cannot be evaluated: its message names the set and the command
    that mends it."""


def loaded_index(labelled: LabelledSet, identity: dict[str, object]) -> IndexData:
    """The live index of a set, checked to hold exactly the documents of the set's corpus
    (by document id). Raises SetProblem, saying how to build the index, for a missing or
    unreadable index or one built from another corpus."""
    build = f"QA_CORPUS_DIR={_shown(labelled.corpus)} QA_INDEX_DIR={labelled.index} .venv/bin/qa build --force"
    try:
        data = load_live_index(labelled.index, identity)
    except IndexLoadError as exc:
        raise SetProblem(f"{labelled.name}: {exc}; build it from the set's corpus: {build}") from exc
    expected = {document.doc_id for document in read_corpus(labelled.corpus).documents}
    if set(data.documents) != expected:
        raise SetProblem(
            f"{labelled.name}: the index in {labelled.index} was built from another corpus than "
            f"{_shown(labelled.corpus)} ({len(set(data.documents) - expected)} documents not in it, "
            f"{len(expected - set(data.documents))} of it missing); build it again: {build}"
        )
    return data


def _shown(path: Path) -> str:
    """A path relative to the repository root when it is inside it."""
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0] if __doc__ else None)
    add_index_arguments(parser)
    parser.add_argument(
        "--html",
        type=Path,
        default=None,
        metavar="HTML_INDEX",
        help="also the web-page set: an index built from tests/eval/html/corpus",
    )
    parser.add_argument("--split", choices=SPLITS, default="check", help="which questions (default check)")
    parser.add_argument("--json", action="store_true", help="print JSON")
    args = parse_index_arguments(parser, argv)
    settings = Settings()
    embedder = load_embedder(settings)
    models = scoring_models(settings)
    chosen: list[tuple[LabelledSet, list[EvalQuestion], IndexData]] = []
    left_out: list[str] = []
    try:
        # Every index and question file is read before any question is asked.
        for labelled in labelled_sets_with_html(args):
            questions = [q for q in load_questions(labelled.questions) if args.split in ("all", q.split)]
            if not questions:
                left_out.append(labelled.name)
                continue
            chosen.append((labelled, questions, loaded_index(labelled, embedder.identity)))
        outcomes_by_set: dict[str, list[Outcome]] = {}
        for labelled, questions, data in chosen:
            engine = QAEngine(data, embedder, **models.load())
            sys.stderr.write(
                f"{labelled.name}: {len(questions)} {args.split} questions on index {engine.index_version}\n"
            )
            outcomes_by_set[labelled.name] = evaluate(engine, questions)
    except (SetProblem, EvalSetError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    report = pooled_report(outcomes_by_set, left_out)
    text = json.dumps(report, indent=2) if args.json else "\n".join(report_lines(report, args.split))
    sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
