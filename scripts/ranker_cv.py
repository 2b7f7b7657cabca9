"""Cross-validate the reader and the answer reranker on the fit splits: how often the first answer is right.

Traces every answerable `fit` question of the development set and of the seed's set (with
`--pages`, of the web-page tester sets too) once, each against its own index, with the
shipped reranker and reader, and keeps each question's candidates (their reader features,
`qa.reader.FEATURES`) with whether each candidate's unit overlaps a gold span (the label
`qa.fitting.fit_models` fits on). Then runs K-fold cross-validation grouped by document
(`scripts.abstention_cv.holdout_group`), repeated over shuffles of the documents, nested
as shipping does: in each fold the reader is refitted on the training folds
(`qa.fitting.fit_pairwise_ranker`, C = `READER_C`), its best `--depth` candidates of every
question are matched token by token (`qa.engine.QAEngine.match_tokens`, made once per
candidate and kept), the answer reranker is fitted on those of the training folds (C =
`ANSWER_RERANKER_C`), and the held-out questions are answered by the reader alone and by
the reader with the answer reranker. Prints, per question language, the mean over shuffles
of the questions whose first candidate is right: every question counts as answered, so
this measures the pick, not the abstention (`scripts/abstention_cv.py` measures that). The
`check` splits are never read. Run from the repository root after building every set's
index (see `scripts/fit_scoring.py`):

    python scripts/ranker_cv.py /tmp/dev-index /tmp/seed-index --pages /tmp/pages --shuffles 5
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
# Run as `python scripts/ranker_cv.py`, the repository root is not on the path.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

from qa.answer_reranker import ANSWER_RERANKER_FEATURES, AnswerRerankerConfig, answer_features  # noqa: E402
from qa.engine import QAEngine, Trace  # noqa: E402
from qa.evaluation import gold_spans, load_questions, overlaps  # noqa: E402
from qa.fitting import ANSWER_RERANKER_C, READER_C, fit_pairwise_ranker, shipped_reader_engine  # noqa: E402
from qa.index import load_live_index  # noqa: E402
from qa.reader import FEATURES, AnswerCandidate  # noqa: E402
from qa.service import load_embedder  # noqa: E402
from qa.settings import Settings  # noqa: E402
from qa.token_support import TokenMatch  # noqa: E402
from scripts.abstention_cv import holdout_group  # noqa: E402
from scripts.labelled_sets import add_index_arguments, chosen_sets, parse_index_arguments  # noqa: E402


@dataclass
class RankedQuestion:
    """One answerable question's candidates, as the ranking CV needs them: `features[i]`
    are candidate i's reader features and `right[i]` whether its unit overlaps a gold
    span; `match(i)` gives its `TokenMatch` (an encoder pass, so kept once made)."""

    language: str
    group: str
    features: list[dict[str, float]]
    right: list[bool]
    match: Callable[[int], TokenMatch]
    _matches: dict[int, TokenMatch] = field(default_factory=dict)

    def token_match(self, i: int) -> TokenMatch:
        """Candidate i's token match, made on first use."""
        if i not in self._matches:
            self._matches[i] = self.match(i)
        return self._matches[i]


def _best(question: RankedQuestion, scores: Sequence[float], depth: int) -> list[int]:
    """The indexes of the `depth` best-scored candidates, best first (ties in list order)."""
    return sorted(range(len(scores)), key=lambda i: -scores[i])[:depth]


def _answer_rows(question: RankedQuestion, top: list[int], scores: Sequence[float]) -> list[dict[str, float]]:
    candidates = [AnswerCandidate((i,), 0, "single", question.features[i], float(scores[i])) for i in top]
    return answer_features(candidates, [question.token_match(i) for i in top])


def _matcher(engine: QAEngine, trace: Trace, candidates: list[AnswerCandidate]) -> Callable[[int], TokenMatch]:
    """Candidate i's token match (`QAEngine.match_tokens`, one encoder pass)."""

    def match(i: int) -> TokenMatch:
        return engine.match_tokens(trace.renderings, trace.retrieval, [candidates[i]])[0]

    return match


def cross_validate(
    questions: Sequence[RankedQuestion], folds: int, shuffles: int, depth: int
) -> dict[str, dict[str, float]]:
    """Per language: {"questions", "reader", "answer_reranker"}, the number of questions
    and the means over `shuffles` document-grouped `folds`-fold cross-validations of the
    held-out questions whose first candidate is right, by the reader's order alone and
    after the answer reranker reorders its best `depth` (documents dealt to folds
    round-robin after a seeded permutation, seeds 0 .. shuffles-1, as
    `scripts.abstention_cv.cross_validate` deals them). Questions without candidates
    count as not right. Raises ValueError when a training fold lacks a question with
    both a right and a wrong candidate."""
    documents = sorted({q.group for q in questions})
    counts: dict[str, dict[str, list[int]]] = {}
    for seed in range(shuffles):
        order = np.random.default_rng(seed).permutation(len(documents))
        fold_of = {documents[i]: rank % folds for rank, i in enumerate(order)}
        right: dict[str, dict[str, int]] = {}
        for k in range(folds):
            train = [q for q in questions if fold_of[q.group] != k and q.features]
            held_out = [q for q in questions if fold_of[q.group] == k]
            reader = fit_pairwise_ranker([(q.features, q.right) for q in train], FEATURES, "reader", "cv", READER_C)

            def scores(q: RankedQuestion) -> list[float]:
                return [reader.score(row) for row in q.features]  # noqa: B023 (used within the fold)

            groups = []
            for q in train:
                s = scores(q)
                top = _best(q, s, depth)
                if len(top) > 1:
                    groups.append((_answer_rows(q, top, s), [q.right[i] for i in top]))
            reranker = fit_pairwise_ranker(groups, ANSWER_RERANKER_FEATURES, "answer_reranker", "cv", ANSWER_RERANKER_C)
            for q in held_out:
                row = right.setdefault(q.language, {"reader": 0, "answer_reranker": 0})
                if not q.features:
                    continue
                s = scores(q)
                top = _best(q, s, depth)
                row["reader"] += q.right[top[0]]
                reranked = [reranker.score(r) for r in _answer_rows(q, top, s)]
                row["answer_reranker"] += q.right[top[int(np.argmax(reranked))]]
        for language, row in right.items():
            for name, value in row.items():
                counts.setdefault(language, {}).setdefault(name, []).append(value)
    table: dict[str, dict[str, float]] = {}
    for language in sorted(counts):
        table[language] = {"questions": float(sum(q.language == language for q in questions))}
        table[language].update({name: float(np.mean(v)) for name, v in counts[language].items()})
    return table


def main() -> None:
    """Trace the answerable fit questions and print the cross-validation table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    add_index_arguments(parser)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--shuffles", type=int, default=3)
    parser.add_argument(
        "--depth", type=int, default=AnswerRerankerConfig().depth, help="candidates the answer reranker reorders"
    )
    args = parse_index_arguments(parser)
    if args.depth < 2:
        parser.error("--depth must be at least 2: the answer reranker reorders that many candidates")
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    embedder = load_embedder(Settings())
    questions: list[RankedQuestion] = []
    for labelled in chosen_sets(args):
        name, path, root = labelled.name, labelled.questions, labelled.index
        engine = shipped_reader_engine(load_live_index(root, embedder.identity), embedder)
        documents = engine.documents()
        for q in load_questions(path):
            if q.split != "fit" or not q.answerable:
                continue
            spans = gold_spans(q, documents)
            trace = engine.trace(q.question, depth=5)
            candidates = sorted(trace.candidates, key=lambda c: -c.score)  # the reader's order
            sentences = engine.data.sentences
            right = [
                overlaps(
                    sentences[c.sentence_ids[0]].doc_id,
                    sentences[c.sentence_ids[0]].start,
                    sentences[c.sentence_ids[-1]].end,
                    spans,
                )
                for c in candidates
            ]
            questions.append(
                RankedQuestion(
                    q.language,
                    holdout_group(q, name),
                    [c.features for c in candidates],
                    right,
                    _matcher(engine, trace, candidates),
                )
            )
    logging.info("%d answerable fit questions, %d documents", len(questions), len({q.group for q in questions}))
    table = cross_validate(questions, args.folds, args.shuffles, args.depth)
    lines = [
        f"{args.folds}-fold cross-validation grouped by document, {args.shuffles} shuffles, depth {args.depth}",
        f"{'lang':4} {'questions':>9} {'reader':>8} {'answer_reranker':>16}",
    ]
    for language, row in table.items():
        lines.append(f"{language:4} {row['questions']:9.0f} {row['reader']:8.1f} {row['answer_reranker']:16.1f}")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
