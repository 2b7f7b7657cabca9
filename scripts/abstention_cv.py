"""Cross-validate the abstention model's evidence on the fit splits, with and without features.

Traces every `fit` question of the development set and of the seed's set (with `--pages`,
of the web-page tester sets too) once, each against its own index, with the shipped
reranker and reader, and keeps the evidence (`qa.policy.evidence`) and whether the quoted
answer is right (`qa.fitting.labelled_evidence`). Then, for the shipped evidence features
and for each variant without the features named by `--without`, runs K-fold cross-
validation grouped by document (a question goes with the document it was written from, the
field `doc` of the question files; the seed's set is one document, and so are the near
misses of one page set that name no document), repeated over shuffles of the documents:
the model is fitted on the right-answer label (with `--label answerable`, on the label
used before scoring version 14) with `qa.fitting.fit_signed_logistic` (the shipped signs
and C) and its operating point chosen between answerable and unanswerable questions with
`qa.policy.choose_operating_point` on the training folds only, as
`qa.fitting.fit_abstention` does. Prints, per question language, the mean over shuffles of
the area under the ROC curve (answerable against unanswerable, on the held-out
probabilities), false abstentions, unanswerable questions abstained and answer accuracy
(answerable questions answered with a right quote, as `qa eval` counts it). The `check`
splits are never read. Run from the repository root after building every set's index (see
`scripts/fit_scoring.py`):

    python scripts/abstention_cv.py /tmp/dev-index /tmp/seed-index --pages /tmp/pages --without same_language

The rates at the operating point move by a few hundredths with the shuffles; the area
under the curve is the steadier figure.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Run as `python scripts/abstention_cv.py`, the repository root is not on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402

from qa.evaluation import EvalQuestion, load_questions  # noqa: E402
from qa.fitting import ABSTENTION_C, fit_signed_logistic, labelled_evidence, shipped_reader_engine  # noqa: E402
from qa.index import load_live_index  # noqa: E402
from qa.policy import EVIDENCE_FEATURES, EVIDENCE_SIGNS, choose_operating_point  # noqa: E402
from qa.service import load_embedder  # noqa: E402
from qa.settings import Settings  # noqa: E402
from scripts.labelled_sets import add_index_arguments, chosen_sets, parse_index_arguments  # noqa: E402


def holdout_group(question: EvalQuestion, set_name: str) -> str:
    """The group a question is held out with: `set_name:doc`, or `set_name` for a question
    whose file names no document (the seed's set, over one document)."""
    return f"{set_name}:{question.doc}" if question.doc else set_name


def cross_validate(
    rows: Sequence[dict[str, float]],
    right: Sequence[bool],
    answerable: Sequence[bool],
    languages: Sequence[str],
    groups: Sequence[str],
    features: Sequence[str],
    folds: int,
    shuffles: int,
    learn_answerable: bool = False,
) -> dict[str, dict[str, float]]:
    """Per language: {"auc", "false_abstention", "unanswerable_abstained",
    "answer_accuracy"}, means over `shuffles` document-grouped `folds`-fold
    cross-validations (documents dealt to folds round-robin after a seeded permutation,
    seeds 0 .. shuffles-1). The model learns `right` (the quoted answer is right), or with
    `learn_answerable` the label used before scoring version 14; either way the cut is
    chosen between `answerable` and unanswerable questions. "answer_accuracy" is the share
    of answerable questions answered and `right`, as `qa eval` counts it."""
    signs = {f: EVIDENCE_SIGNS[f] for f in features}
    documents = sorted(set(groups))
    results: dict[str, dict[str, list[float]]] = {}
    for seed in range(shuffles):
        order = np.random.default_rng(seed).permutation(len(documents))
        fold_of = {documents[i]: rank % folds for rank, i in enumerate(order)}
        probability = np.zeros(len(rows))
        answered = np.zeros(len(rows), dtype=bool)
        for k in range(folds):
            train = [i for i, g in enumerate(groups) if fold_of[g] != k]
            test = [i for i, g in enumerate(groups) if fold_of[g] == k]
            model = fit_signed_logistic(
                [rows[i] for i in train],
                [(answerable if learn_answerable else right)[i] for i in train],
                features,
                signs,
                "abstention",
                "cv",
                ABSTENTION_C,
            )
            cut = choose_operating_point([model.probability(rows[i]) for i in train], [answerable[i] for i in train])
            for i in test:
                probability[i] = model.probability(rows[i])
                answered[i] = probability[i] >= cut
        for language in sorted(set(languages)):
            mine = [i for i, lang in enumerate(languages) if lang == language]
            positive = [i for i in mine if answerable[i]]
            negative = [i for i in mine if not answerable[i]]
            row = results.setdefault(
                language, {"auc": [], "false_abstention": [], "unanswerable_abstained": [], "answer_accuracy": []}
            )
            row["auc"].append(float(roc_auc_score([answerable[i] for i in mine], probability[mine])))
            row["false_abstention"].append(float(np.mean([not answered[i] for i in positive])))
            row["unanswerable_abstained"].append(float(np.mean([not answered[i] for i in negative])))
            row["answer_accuracy"].append(float(np.mean([answered[i] and right[i] for i in positive])))
    return {lang: {k: float(np.mean(v)) for k, v in row.items()} for lang, row in results.items()}


def main() -> None:
    """Trace the fit questions and print the cross-validation table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_index_arguments(parser)
    parser.add_argument("--without", action="append", default=[], help="a variant without this feature (repeatable)")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--shuffles", type=int, default=3)
    parser.add_argument(
        "--label",
        choices=("right", "answerable"),
        default="right",
        help="what the model learns: the quoted answer is right (shipped), or the question is answerable "
        "(before scoring version 14)",
    )
    args = parse_index_arguments(parser)
    unknown = [f for f in args.without if f not in EVIDENCE_FEATURES]
    if unknown:
        parser.error(f"not evidence features: {unknown}; the features are {list(EVIDENCE_FEATURES)}")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    embedder = load_embedder(Settings())
    rows: list[dict[str, float]] = []
    right: list[bool] = []
    answerable: list[bool] = []
    languages: list[str] = []
    groups: list[str] = []
    for labelled in chosen_sets(args):
        name, path, root = labelled.name, labelled.questions, labelled.index
        engine = shipped_reader_engine(load_live_index(root, embedder.identity), embedder)
        fit = [q for q in load_questions(path) if q.split == "fit"]
        for q, row, good in labelled_evidence([(engine, fit)]):
            rows.append(row)
            right.append(good)
            answerable.append(q.answerable)
            languages.append(q.language)
            groups.append(holdout_group(q, name))
    logging.info("%d fit questions with evidence, %d documents", len(rows), len(set(groups)))
    variants = [("all features", EVIDENCE_FEATURES)]
    variants += [(f"without {f}", tuple(x for x in EVIDENCE_FEATURES if x != f)) for f in args.without]
    header = f"{'variant':32} {'lang':4} {'auc':>6} {'false_abst':>10} {'unans_abst':>10} {'answer_acc':>10}"
    title = f"{args.folds}-fold cross-validation grouped by document, {args.shuffles} shuffles, label: {args.label}"
    lines = [title, header]
    for label, features in variants:
        table = cross_validate(
            rows, right, answerable, languages, groups, features, args.folds, args.shuffles, args.label == "answerable"
        )
        for language, m in table.items():
            lines.append(
                f"{label:32} {language:4} {m['auc']:6.3f} {m['false_abstention']:10.3f} "
                f"{m['unanswerable_abstained']:10.3f} {m['answer_accuracy']:10.3f}"
            )
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
