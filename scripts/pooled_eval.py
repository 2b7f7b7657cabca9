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
out. Every index is loaded, and checked to be built from its set's corpus as it is now,
before any question is asked. `--json` prints the figures as JSON (`pooled_report`). Run
from the repository root after building every set's index:

    QA_CORPUS_DIR=tests/eval/dev/corpus QA_INDEX_DIR=/tmp/dev-index .venv/bin/qa build --force
    QA_CORPUS_DIR=corpus QA_INDEX_DIR=/tmp/seed-index .venv/bin/qa build --force
    QA_CORPUS_DIR=tests/eval/html/corpus QA_INDEX_DIR=/tmp/html-index .venv/bin/qa build --force
    for s in $(ls tests/eval/pages); do
        [ -f tests/eval/pages/$s/questions.jsonl ] || continue
        QA_CORPUS_DIR=tests/eval/pages/$s/corpus QA_INDEX_DIR=/tmp/pages/$s .venv/bin/qa build --force
    done
    .venv/bin/python scripts/pooled_eval.py /tmp/dev-index /tmp/seed-index --pages /tmp/pages \
        --page-sets all --html /tmp/html-index --split check

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

from qa.cli import metric_table_lines  # noqa: E402
from qa.documents import read_corpus  # noqa: E402
from qa.engine import QAEngine  # noqa: E402
from qa.evaluation import (  # noqa: E402
    EvalQuestion,
    EvalSetError,
    Outcome,
    evaluate,
    load_questions,
    metrics_by_language,
    metrics_by_page_language,
    without_page_language,
)
from qa.index import IndexData, corpus_hash, load_live_index  # noqa: E402
from qa.index_errors import IndexLoadError  # noqa: E402
from qa.linear import ModelFileError  # noqa: E402
from qa.model_store import ModelError  # noqa: E402
from qa.service import load_embedder, scoring_models  # noqa: E402
from qa.settings import Settings  # noqa: E402
from scripts.labelled_sets import (  # noqa: E402
    ROOT,
    LabelledSet,
    add_index_arguments,
    chosen_sets,
    parse_index_arguments,
    web_page_set,
)

SPLITS = ("check", "fit", "all")


def pooled_report(
    outcomes_by_set: Mapping[str, Sequence[Outcome]],
    split: str,
    indexes: Mapping[str, Mapping[str, object]] | None = None,
    left_out: Sequence[str] = (),
) -> dict[str, Any]:
    """The figures of a run over the labelled sets, as JSON-ready data: the `split` asked;
    each set's metrics per language (`per_set`: set name -> `metrics_by_language`); the
    index each set was asked of (`indexes`: set name -> its `index_version` and the
    `operating_point`); the sets left out for having no question in the split
    (`left_out`); the metrics of all the sets' outcomes together (`metrics`), those of
    their answerable questions by question and page language (`by_page_language`,
    `metrics_by_page_language`) and how many answerable questions that table leaves out
    for gold in pages of both languages (`left_out_of_page_language`). Pooling is by
    question: the pooled answer accuracy is the answerable questions answered right over
    all sets divided by all the answerable questions, not a mean of the sets'
    accuracies. Pure; an empty mapping gives empty tables."""
    pooled = [outcome for outcomes in outcomes_by_set.values() for outcome in outcomes]
    return {
        "split": split,
        "per_set": {name: metrics_by_language(list(outcomes)) for name, outcomes in outcomes_by_set.items()},
        "indexes": {name: dict(index) for name, index in (indexes or {}).items()},
        "left_out": list(left_out),
        "metrics": metrics_by_language(pooled),
        "by_page_language": metrics_by_page_language(pooled),
        "left_out_of_page_language": without_page_language(pooled),
    }


def report_lines(report: Mapping[str, Any]) -> list[str]:
    """The text `main` prints for a `pooled_report`: one line per set with its answerable
    questions and answer accuracy per language, the sets left out, then `qa eval`'s
    metric tables over all the sets (`qa.cli.metric_table_lines`)."""
    split = report["split"]
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
    lines += ["", "pooled over the sets:"]
    lines += metric_table_lines(report["metrics"], report["by_page_language"], report["left_out_of_page_language"])
    return lines


def labelled_sets_with_html(args: argparse.Namespace) -> list[LabelledSet]:
    """The sets the arguments name (`chosen_sets`), then the web-page set when `--html` is given."""
    return chosen_sets(args) + ([web_page_set(args.html)] if args.html is not None else [])


class SetProblem(Exception):
    """A labelled set that cannot be evaluated: its message names the set and the command
    that mends it."""


def loaded_index(labelled: LabelledSet, identity: dict[str, object]) -> IndexData:
    """The live index of a set, checked to be built from the set's corpus as it is now (the
    manifest's `corpus_sha256` against `qa.index.corpus_hash` of the corpus read again, as
    `qa build` decides whether an index is current). Raises SetProblem, saying how to
    build the index, for a missing or unreadable index or one built from another corpus
    or an older version of it."""
    build = f"QA_CORPUS_DIR={_shown(labelled.corpus)} QA_INDEX_DIR={labelled.index} .venv/bin/qa build --force"
    try:
        data = load_live_index(labelled.index, identity)
    except IndexLoadError as exc:
        raise SetProblem(f"{labelled.name}: {exc}; build it from the set's corpus: {build}") from exc
    documents = read_corpus(labelled.corpus).documents
    if data.manifest.corpus_sha256 != corpus_hash(documents):
        indexed, read = set(data.documents), {document.doc_id for document in documents}
        raise SetProblem(
            f"{labelled.name}: the index in {labelled.index} was not built from {_shown(labelled.corpus)} as it "
            f"is now ({len(indexed - read)} indexed documents not in the corpus, {len(read - indexed)} of the "
            f"corpus's documents not indexed, the others maybe changed); build it again: {build}"
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
    chosen: list[tuple[LabelledSet, list[EvalQuestion], IndexData]] = []
    left_out: list[str] = []
    try:
        embedder = load_embedder(settings)
        models = scoring_models(settings).load()
        # Every index and question file is read before any question is asked.
        for labelled in labelled_sets_with_html(args):
            questions = [q for q in load_questions(labelled.questions) if args.split in ("all", q.split)]
            if not questions:
                left_out.append(labelled.name)
                continue
            chosen.append((labelled, questions, loaded_index(labelled, embedder.identity)))
        outcomes_by_set: dict[str, list[Outcome]] = {}
        indexes: dict[str, dict[str, object]] = {}
        for labelled, questions, data in chosen:
            engine = QAEngine(data, embedder, **models)
            sys.stderr.write(
                f"{labelled.name}: {len(questions)} {args.split} questions on index {engine.index_version}\n"
            )
            indexes[labelled.name] = {"index_version": engine.index_version, "operating_point": engine.policy.threshold}
            outcomes_by_set[labelled.name] = evaluate(engine, questions)
    except (SetProblem, EvalSetError, ModelError, ModelFileError) as exc:
        sys.stderr.write(f"error: {exc}\n")
        return 1
    report = pooled_report(outcomes_by_set, args.split, indexes, left_out)
    text = json.dumps(report, indent=2) if args.json else "\n".join(report_lines(report))
    sys.stdout.write(text + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
