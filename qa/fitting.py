"""Fitting the reader's ranker and the abstention model on labelled questions.

Both are scikit-learn logistic regressions (L2, C = 1.0, the library's default) over
standardised features, stored as plain JSON (`qa.linear.LinearModel`). The reader is
fitted on every candidate unit of the answerable questions (label: its quote overlaps a
gold span; unweighted classes: 5-fold cross-validation grouped by question on the fit
split picked the right unit slightly more often than with balanced classes, and as often
as gradient boosting). The abstention model is fitted on every question with the fitted reader's
evidence (label: the reader's answer is right; an unanswerable question is never
right), and its operating point minimises needless abstentions plus `wrong_cost` times
wrong answers on the same questions.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.linear_model import LogisticRegression

from qa.engine import QAEngine, Trace
from qa.evaluation import EvalQuestion, gold_spans, overlaps
from qa.linear import LinearModel
from qa.policy import EVIDENCE_FEATURES, choose_operating_point
from qa.reader import FEATURES

log = logging.getLogger(__name__)

# A wrong answer costs three needless abstentions: the aims allow 0.08 false
# abstentions against 0.10 unanswerable questions answered and 0.15-0.20 wrong answers,
# and a wrong quote misleads where an abstention only sends the reader to the passages.
WRONG_COST = 3.0


@dataclass(frozen=True)
class FitReport:
    """What a fit used and produced."""

    reader: LinearModel | None
    abstention: LinearModel
    questions: int
    reader_rows: int
    abstention_rows: int


def fit_logistic(
    rows: Sequence[dict[str, float]],
    labels: Sequence[bool],
    features: Sequence[str],
    kind: str,
    fitted_on: str,
    balanced: bool,
) -> LinearModel:
    """A logistic regression over standardised features, as a LinearModel (threshold 0.5).
    Raises ValueError when the labels hold one class only."""
    if len(set(labels)) < 2:
        raise ValueError(f"fitting the {kind} model needs both right and wrong examples")
    x = np.array([[row[f] for f in features] for row in rows], dtype=np.float64)
    y = np.array(labels, dtype=bool)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=1.0, class_weight="balanced" if balanced else None, max_iter=5000)
    model.fit((x - mean) / scale, y)
    return LinearModel(
        kind=kind,
        features=tuple(features),
        mean=tuple(round(float(v), 8) for v in mean),
        scale=tuple(round(float(v), 8) for v in scale),
        coef=tuple(round(float(v), 8) for v in model.coef_[0]),
        intercept=round(float(model.intercept_[0]), 8),
        fitted_on=fitted_on,
        extra={"rows": len(rows), "positives": int(y.sum())},
    )


def neutral_model(kind: str, features: Sequence[str], threshold: float = 0.5) -> LinearModel:
    """A model that scores everything 0 (probability 0.5): the starting point of a fit."""
    n = len(features)
    return LinearModel(kind, tuple(features), (0.0,) * n, (1.0,) * n, (0.0,) * n, 0.0, threshold, "nothing")


def _unit_span(engine: QAEngine, sentence_ids: tuple[int, ...]) -> tuple[str, int, int]:
    first, last = engine.data.sentences[sentence_ids[0]], engine.data.sentences[sentence_ids[-1]]
    return first.doc_id, first.start, last.end


def answer_right(engine: QAEngine, trace: Trace, spans: list[tuple[str, int, int]]) -> bool:
    """Whether the first citation of the engine's answer for this trace overlaps a gold span."""
    if not trace.candidates or not spans:
        return False
    ids = engine.reader.extend(trace.question, trace.candidates[0])
    run = [ids[0]]
    for sid in ids[1:]:
        if sid != run[-1] + 1:
            break
        run.append(sid)
    doc, start, end = _unit_span(engine, tuple(run))
    return overlaps(doc, start, end, spans)


def fit_models(
    engine: QAEngine,
    questions: list[EvalQuestion],
    fitted_on: str,
    refit_reader: bool = True,
    wrong_cost: float = WRONG_COST,
    rebuild: Callable[[LinearModel], QAEngine] | None = None,
) -> FitReport:
    """Fit the reader (when `refit_reader`) and then the abstention model on `questions`.

    `rebuild(reader_model)` returns an engine over the same index with that reader (the
    abstention evidence must come from the reader that will be shipped with it); by
    default the engine's reader model is swapped in place.
    """
    documents = engine.documents()
    spans = {q.id: gold_spans(q, documents) for q in questions}
    reader_model: LinearModel | None = None
    reader_rows = 0
    if refit_reader:
        rows: list[dict[str, float]] = []
        labels: list[bool] = []
        for q in questions:
            if not q.answerable:
                continue
            trace = engine.trace(q.question, depth=5)
            for c in trace.candidates:
                rows.append(c.features)
                labels.append(overlaps(*_unit_span(engine, c.sentence_ids), spans[q.id]))
        reader_model = fit_logistic(rows, labels, FEATURES, "reader", fitted_on, balanced=False)
        reader_rows = len(rows)
        if rebuild is not None:
            engine = rebuild(reader_model)
        else:
            engine.reader.model = reader_model
    ev_rows: list[dict[str, float]] = []
    ev_labels: list[bool] = []
    flags: list[bool] = []
    for q in questions:
        trace = engine.trace(q.question, depth=5)
        if trace.evidence is None:
            continue
        ev_rows.append(trace.evidence)
        ev_labels.append(q.answerable and answer_right(engine, trace, spans[q.id]))
        flags.append(q.answerable)
    abstention = fit_logistic(ev_rows, ev_labels, EVIDENCE_FEATURES, "abstention", fitted_on, balanced=False)
    probabilities = [abstention.probability(r) for r in ev_rows]
    threshold = choose_operating_point(probabilities, ev_labels, flags, wrong_cost)
    abstention = LinearModel(
        **{
            **abstention.__dict__,
            "threshold": round(threshold, 6),
            "extra": {**abstention.extra, "wrong_cost": wrong_cost, "answerable": sum(flags)},
        }
    )
    log.info("fitted on %d questions: threshold %.4f", len(questions), threshold)
    return FitReport(reader_model, abstention, len(questions), reader_rows, len(ev_rows))
