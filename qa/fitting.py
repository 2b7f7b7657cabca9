"""Fitting the passage reranker, the reader, the answer reranker and the abstention model on labelled questions.

All four are L2-regularised logistic models over standardised features, stored as plain
JSON (`qa.linear.LinearModel`). The reranker (`qa.reranker`), the reader and the answer
reranker (`qa.answer_reranker`: the reader's best two candidates, with their token
matches; label: the candidate's quote overlaps a gold span) are pairwise rankers
(`fit_pairwise_ranker`); the reader learns, within each answerable question,
every candidate whose quote overlaps a gold span against every one that does not. In
5-fold cross-validation over the fit splits, grouped by document (three shuffles), it
put a right candidate first for 102.3 of 155 Danish and 102.7 of 159 English questions,
against 101.3 and 97.3 for a logistic regression on single candidates (which had matched
balanced classes and gradient boosting); C = 0.1 against 0.01 (103.0 / 99.7) and 1
(101.3 / 103.0). The abstention model is fitted on every question with the fitted
reader's evidence, labelled by whether the answer the service would quote is right (the
question is answerable and the quote overlaps a gold span; `labelled_evidence`), so its
probability ranks answers by their chance of being right, as selective question answering
does (Kamath, Jia and Liang, Selective Question Answering under Domain Shift, ACL 2020,
section 3: a calibrator predicts whether the QA model's answer is correct). Its operating
point is chosen on the question kinds the issue's rates count: the lowest cut within one
standard error of the least share of answerable questions abstained on plus
`unanswered_cost` times the share of unanswerable questions answered (Youden's J at cost 1;
`qa.policy.choose_operating_point`).

The abstention model's coefficients are bounded to the sign each evidence feature can
only have (`qa.policy.EVIDENCE_SIGNS`: more of the question's terms in the text, a closer
passage or a fitting answer type is never evidence against answering; a number or a name
the text lacks is never evidence for it), with C = 0.1. Unbounded, the fit gave several
features the opposite sign to offset their correlated neighbours (coverage and type fit
counted against answering), which holds on the questions it was fitted on and not on
other corpora. 5-fold cross-validation grouped by document on the fit splits (rows from
`qa.fitting` evidence, threshold chosen inside each training fold): area under the ROC
curve, answerable against unanswerable, da 0.740 -> 0.758 and en 0.642 -> 0.668, false
abstentions da 0.329 -> 0.284, en 0.352 -> 0.277.

The label was "the question is answerable" until scoring version 14. Refitted with the
right-answer label and this cut on the fit splits of the development, seed and web-page
tester sets, the check splits of `tests/eval/` and three fresh testers' sets kept outside
the repository, which no model saw (`qa eval` on each, pooled), went in Danish from
answer accuracy 0.702 to 0.729, false abstentions 0.122 to 0.107, unanswerable withheld
0.638 to 0.675, in English from 0.532 to 0.561, 0.244 to 0.223 and 0.635 to 0.612 (with
the reader's lead-in change of the same version; cut 0.386): the answers withheld are
more often the wrong ones. The same refit with the answerable label
answered more (Danish 0.733, 0.069, 0.500); choosing the cut on the right-answer label too
(Youden's J between right answers and the rest) withheld far more (Danish 0.641, 0.225,
0.775). On the seed's own set the English near misses withheld fell from 0.94 to 0.53
while English accuracy rose from 0.67 to 0.79.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from scipy.optimize import minimize
from sklearn.linear_model import LogisticRegression

from qa.answer_reranker import ANSWER_RERANKER_FEATURES, answer_features
from qa.embedder import Embedder
from qa.engine import QAEngine, Trace
from qa.evaluation import EvalQuestion, gold_missing, gold_spans, overlaps
from qa.index import IndexData
from qa.linear import LinearModel
from qa.policy import EVIDENCE_FEATURES, EVIDENCE_SIGNS, choose_operating_point
from qa.reader import FEATURES
from qa.reranker import RERANKER_FEATURES

log = logging.getLogger(__name__)

# Answering an unanswerable question weighs as much, as a share of its kind, as abstaining
# on an answerable one: the aims ask for both rates to be small (0.08 and 0.10).
UNANSWERED_COST = 1.0
# The reader's regularisation (inverse strength, as scikit-learn's C): chosen among 0.01,
# 0.1 and 1 by the cross-validation in the module docstring.
READER_C = 0.1
# The reranker's, chosen between 0.1 and 1 in the cross-validation of `qa.reranker`'s
# docstring (equal in English; 0.1 ahead in Danish on one of two shuffles).
RERANKER_C = 0.1
# The answer reranker's, chosen among 0.01, 0.1 and 1 in the cross-validation of
# `qa.answer_reranker`'s docstring (within one question of each other; the reader's C).
ANSWER_RERANKER_C = 0.1
# The abstention model's regularisation (inverse strength, as scikit-learn's C): chosen
# between 1.0 and 0.1 by the cross-validation in the module docstring.
ABSTENTION_C = 0.1

# The least spread (standard deviation, in the feature's own unit) a feature is scaled by;
# below it the feature counts as constant: a thousandth of a typical cosine step, far
# above float noise (about 1e-16), and visible in the 8 decimals the model files keep.
MIN_SCALE = 1e-6


@dataclass(frozen=True)
class FitReport:
    """What a fit used and produced."""

    reranker: LinearModel | None
    reader: LinearModel | None
    abstention: LinearModel
    questions: int
    reader_rows: int
    abstention_rows: int
    answer_reranker: LinearModel | None = None
    held_out: HeldOutRates | None = None


@dataclass(frozen=True)
class HeldOutRates:
    """How the abstention fit does on questions it was not fitted on, by the bootstrap's
    out-of-bag estimate (Efron and Tibshirani, An Introduction to the Bootstrap, 1993,
    section 17.7): each of `resamples` refits draws every kind of question (answerable,
    unanswerable) with replacement up to its own count, fits the model and its operating
    point on the draw as `fit_models` does, and is judged on the questions the draw left
    out. `withheld` is the share of left-out answerable questions abstained on,
    `answered` the share of left-out unanswerable questions answered, each as (median,
    10th percentile, 90th percentile) over the refits that left out a question of that
    kind. On a small set the range is wide: it says how far the rates on the operator's
    next questions may stray from these."""

    resamples: int
    withheld: tuple[float, float, float]
    answered: tuple[float, float, float]
    used: int = 0
    """How many of the refits gave both rates (a refit that did not converge, whose draw held
    no right answer, or that left out no question of a kind, gives none or one)."""


# Bootstrap refits behind `HeldOutRates`: 50 keeps the 10th and 90th percentiles to within
# a few refits' steps (Efron and Tibshirani 1993, section 19.3, ask 25 to 200 for a
# standard error) at about 50 ms of fitting per refit on a few hundred questions.
HELD_OUT_RESAMPLES = 50
# The fewest distinct questions of each kind for an estimate: a draw leaves out about 37 %
# of n questions ((1 - 1/n)^n, about 1/e; Efron and Tibshirani 1993, section 17.7), so with
# fewer than 10 a refit is judged on 3 or fewer of that kind, and its rate moves in steps
# of a third or more: too coarse to say anything, however narrow the range comes out.
HELD_OUT_MIN_PER_KIND = 10


def held_out_rates(
    rows: Sequence[dict[str, float]],
    answerable: Sequence[bool],
    unanswered_cost: float = UNANSWERED_COST,
    resamples: int = HELD_OUT_RESAMPLES,
    seed: int = 0,
    right: Sequence[bool] | None = None,
) -> HeldOutRates | None:
    """The out-of-bag rates of the abstention fit (`HeldOutRates`) on evidence `rows`
    (one per question, `qa.policy.evidence`) labelled `answerable` and `right` (the quoted
    answer is right, as `fit_abstention` takes it; None: every answerable question's
    answer is right), with a seeded
    generator (numpy's default_rng(seed)), so the same set always gives the same figures.
    A question given twice (the same evidence and answerable flag) counts once, right when
    any copy is (two copies differ in `right` only by their gold): a copy of a question
    left out would otherwise be judged by a fit that saw it. A refit whose optimiser does
    not converge, or whose draw holds no right answer, is left out. None when either kind
    has fewer than `HELD_OUT_MIN_PER_KIND` distinct questions, or no refit left out a
    question of each kind (a set too small to say anything). Raises ValueError when the set
    lacks either kind of question or `resamples` is below 1."""
    if resamples < 1:
        raise ValueError(f"resamples must be at least 1, got {resamples}")
    if all(answerable) or not any(answerable):
        raise ValueError("the held-out estimate needs answerable and unanswerable questions")
    rights = list(answerable) if right is None else list(right)
    if len(rights) != len(rows):
        raise ValueError("held_out_rates needs one right flag per evidence row")
    distinct: dict[tuple[object, bool], tuple[dict[str, float], bool, bool]] = {}
    for row, ok, good in zip(rows, answerable, rights, strict=True):
        key = (tuple(sorted(row.items())), bool(ok))
        seen = distinct.get(key)
        distinct[key] = (row, bool(ok), bool(good) or (seen is not None and seen[2]))
    rows = [row for row, _, _ in distinct.values()]
    flags = np.array([ok for _, ok, _ in distinct.values()], dtype=bool)
    goods = [good for _, _, good in distinct.values()]
    if min(int(flags.sum()), int((~flags).sum())) < HELD_OUT_MIN_PER_KIND:
        return None
    rng = np.random.default_rng(seed)
    kinds = [np.flatnonzero(flags), np.flatnonzero(~flags)]
    withheld: list[float] = []
    answered: list[float] = []
    for _ in range(resamples):
        drawn = np.concatenate([rng.choice(kind, size=len(kind), replace=True) for kind in kinds])
        left_out = np.setdiff1d(np.arange(len(flags)), drawn)
        try:
            model, cut = fit_abstention(
                [rows[i] for i in drawn],
                [goods[i] for i in drawn],
                [bool(flags[i]) for i in drawn],
                "bootstrap",
                unanswered_cost,
            )
        except ValueError:
            continue
        held = [(model.probability(rows[i]) >= cut, bool(flags[i])) for i in left_out]
        if any(ok for _, ok in held):
            withheld.append(float(np.mean([not yes for yes, ok in held if ok])))
        if any(not ok for _, ok in held):
            answered.append(float(np.mean([yes for yes, ok in held if not ok])))
    if not withheld or not answered:
        return None

    def spread(values: list[float]) -> tuple[float, float, float]:
        median, low, high = np.percentile(values, [50, 10, 90])
        return float(median), float(low), float(high)

    return HeldOutRates(
        resamples=resamples,
        withheld=spread(withheld),
        answered=spread(answered),
        used=min(len(withheld), len(answered)),
    )


def fit_abstention(
    rows: Sequence[dict[str, float]],
    right: Sequence[bool],
    answerable: Sequence[bool],
    fitted_on: str,
    unanswered_cost: float,
) -> tuple[LinearModel, float]:
    """The abstention model fitted on evidence `rows` labelled `right` (the answer the
    service would quote is right; `fit_signed_logistic` over `EVIDENCE_FEATURES` with their
    signs, C = `ABSTENTION_C`), and its operating point on those rows between the
    `answerable` and unanswerable questions (`qa.policy.choose_operating_point`), unrounded
    and not yet set on the model. A right answer is an answerable question's, so `right`
    implies `answerable`. Raises ValueError as those two do, and for labels of another length."""
    if len(right) != len(rows) or len(answerable) != len(rows):
        raise ValueError("fit_abstention needs one right and one answerable flag per evidence row")
    model = fit_signed_logistic(rows, right, EVIDENCE_FEATURES, EVIDENCE_SIGNS, "abstention", fitted_on, ABSTENTION_C)
    return model, choose_operating_point([model.probability(r) for r in rows], list(answerable), unanswered_cost)


def held_out_line(rates: HeldOutRates | None) -> str:
    """One line for `qa calibrate`: the out-of-bag rates with their ranges, or, without
    them (`held_out_rates` gave None), that the set is too small to estimate them."""
    if rates is None:
        return (
            f"held out: too few questions to estimate how the fit does on new ones (fewer than "
            f"{HELD_OUT_MIN_PER_KIND} distinct answerable or unanswerable): label more of each kind"
        )

    def shown(rate: tuple[float, float, float]) -> str:
        return f"{rate[0]:.2f} ({rate[1]:.2f}-{rate[2]:.2f})"

    return (
        f"held out ({rates.used} of {rates.resamples} bootstrap refits, out-of-bag median and 10th-90th percentile): "
        f"answerable withheld {shown(rates.withheld)}, unanswerable answered {shown(rates.answered)}; "
        "a wide range means too few labelled questions"
    )


def _standardise(
    rows: Sequence[dict[str, float]], features: Sequence[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows as a matrix in `features` order, standardised, with the mean and scale
    used. A constant feature gets scale 1, and so does one whose spread is below
    `MIN_SCALE` (a constant up to float noise, such as a margin between candidates that
    score alike): the model file rounds the scale to 8 decimals, and a rounded scale of 0
    would make every score it gives infinite or NaN."""
    x = np.array([[row[f] for f in features] for row in rows], dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < MIN_SCALE] = 1.0
    return (x - mean) / scale, mean, scale


def fit_pairwise_ranker(
    questions: Sequence[tuple[Sequence[dict[str, float]], Sequence[bool]]],
    features: Sequence[str],
    kind: str,
    fitted_on: str,
    c: float,
) -> LinearModel:
    """A linear ranker fitted on pairs: within each question, every right candidate
    against every wrong one (the pairwise transform of Herbrich, Graepel and Obermayer,
    "Large margin rank boundaries for ordinal regression", 2000, with logistic loss).

    `questions` holds, per question, its candidates' feature rows and whether each is
    right; questions without both kinds give no pairs. The features are standardised
    over all candidates; each pair gives the difference right - wrong (label 1) and
    wrong - right (label 0), fitted by scikit-learn's L2 LogisticRegression with C = c
    and no intercept. The score is comparable only between candidates of one question
    (intercept 0, threshold 0.5). Raises ValueError when no question has both a right
    and a wrong candidate.
    """
    rows = [row for candidates, _ in questions for row in candidates]
    if not rows:
        raise ValueError(f"fitting the {kind} model needs both right and wrong examples")
    _, mean, scale = _standardise(rows, features)
    differences: list[np.ndarray] = []
    for candidates, labels in questions:
        if not candidates:
            continue
        z = (np.array([[row[f] for f in features] for row in candidates], dtype=np.float64) - mean) / scale
        right = [i for i, ok in enumerate(labels) if ok]
        wrong = [i for i, ok in enumerate(labels) if not ok]
        differences.extend(z[r] - z[w] for r in right for w in wrong)
    if not differences:
        raise ValueError(f"fitting the {kind} model needs both right and wrong examples")
    pairs = np.array(differences)
    model = LogisticRegression(C=c, fit_intercept=False, max_iter=5000)
    model.fit(np.vstack([pairs, -pairs]), np.r_[np.ones(len(pairs)), np.zeros(len(pairs))])
    return LinearModel(
        kind=kind,
        features=tuple(features),
        mean=tuple(round(float(v), 8) for v in mean),
        scale=tuple(round(float(v), 8) for v in scale),
        coef=tuple(round(float(v), 8) for v in model.coef_[0]),
        intercept=0.0,
        fitted_on=fitted_on,
        extra={"rows": len(rows), "pairs": len(pairs), "c": c},
    )


def fit_signed_logistic(
    rows: Sequence[dict[str, float]],
    labels: Sequence[bool],
    features: Sequence[str],
    signs: Mapping[str, int],
    kind: str,
    fitted_on: str,
    c: float,
) -> LinearModel:
    """A logistic regression over standardised features whose coefficients keep a sign.

    `signs[f]` is +1 (coefficient >= 0), -1 (<= 0) or 0 (free) for every feature in
    `features`. Minimises the summed log loss plus ``||w||^2 / (2 c)`` (the objective of
    scikit-learn's L2 LogisticRegression with C = c; the intercept unpenalised) with
    L-BFGS-B under those bounds (scipy.optimize.minimize). Returns a LinearModel
    (threshold 0.5). Raises ValueError when the labels hold one class only, a feature has
    no sign, or the optimiser does not converge.
    """
    if len(set(labels)) < 2:
        raise ValueError(f"fitting the {kind} model needs both right and wrong examples")
    missing = [f for f in features if f not in signs]
    if missing:
        raise ValueError(f"no sign given for the {kind} model's features {missing}")
    z, mean, scale = _standardise(rows, features)
    y = np.array(labels, dtype=np.float64)
    k = len(features)

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        logits = z @ w[:k] + w[k]
        p = 1.0 / (1.0 + np.exp(-logits))
        value = float(np.sum(np.logaddexp(0.0, logits) - y * logits) + 0.5 / c * np.sum(w[:k] ** 2))
        grad = np.append(z.T @ (p - y) + w[:k] / c, np.sum(p - y))
        return value, grad

    bounds = [(0.0, None) if signs[f] > 0 else (None, 0.0) if signs[f] < 0 else (None, None) for f in features]
    result = minimize(loss, np.zeros(k + 1), jac=True, method="L-BFGS-B", bounds=[*bounds, (None, None)])
    if not result.success:
        raise ValueError(f"fitting the {kind} model did not converge: {result.message}")
    w = result.x
    return LinearModel(
        kind=kind,
        features=tuple(features),
        mean=tuple(round(float(v), 8) for v in mean),
        scale=tuple(round(float(v), 8) for v in scale),
        coef=tuple(round(float(v), 8) + 0.0 for v in w[:k]),
        intercept=round(float(w[k]), 8),
        fitted_on=fitted_on,
        extra={"rows": len(rows), "positives": int(y.sum()), "c": c, "signs": {f: signs[f] for f in features}},
    )


def neutral_model(kind: str, features: Sequence[str], threshold: float = 0.5) -> LinearModel:
    """A model that scores everything 0 (probability 0.5): the starting point of a fit."""
    n = len(features)
    return LinearModel(kind, tuple(features), (0.0,) * n, (1.0,) * n, (0.0,) * n, 0.0, threshold, "nothing")


def unfitted_engine(data: IndexData, embedder: Embedder) -> QAEngine:
    """An engine over a loaded index with neutral reranker, reader, answer reranker and
    abstention models: what a fit starts from when the shipped models are missing or made
    for other features (a neutral answer reranker keeps the reader's order)."""
    return QAEngine(
        data,
        embedder,
        reader_model=neutral_model("reader", FEATURES),
        answer_reranker_model=neutral_model("answer_reranker", ANSWER_RERANKER_FEATURES),
        abstention_model=neutral_model("abstention", EVIDENCE_FEATURES),
        reranker_model=neutral_model("reranker", RERANKER_FEATURES),
    )


def shipped_reader_engine(data: IndexData, embedder: Embedder) -> QAEngine:
    """An engine over a loaded index with the shipped reranker, reader and answer
    reranker and a neutral abstention model: for fitting or cross-validating abstention on
    the evidence, which does not depend on the abstention model (the shipped one may lack
    a feature the evidence has now, or have one it lost)."""
    return QAEngine(data, embedder, abstention_model=neutral_model("abstention", EVIDENCE_FEATURES))


def labelled_evidence(
    sets: list[tuple[QAEngine, list[EvalQuestion]]],
    spans: Mapping[int, Mapping[str, list[tuple[str, int, int]]]] | None = None,
) -> Iterator[tuple[EvalQuestion, dict[str, float], bool]]:
    """(question, evidence, right) of every question with a candidate answer, each asked of
    its own engine (`qa.policy.evidence`; a question without candidates has no evidence
    and is left out). `right`: the question is answerable and the sentences the service
    would quote (`Trace.quoted`) overlap one of its gold spans in its own corpus. Raises
    EvalSetError (`qa.evaluation.gold_missing`) for an answerable question none of whose gold
    strings is in its corpus: its answers would all be learnt as wrong. `spans`, when the
    caller has them (`fit_models`), gives each engine's questions' gold spans by
    `id(engine)` and question id, so they are not looked for again."""
    for engine, questions in sets:
        documents = engine.documents()
        known = spans.get(id(engine), {}) if spans is not None else {}
        for q in questions:
            gold = known[q.id] if q.id in known else (gold_spans(q, documents) if q.answerable else [])
            if q.answerable and not gold:
                raise gold_missing(q)
            trace = engine.trace(q.question, depth=5)
            if trace.evidence is None:
                continue
            right = q.answerable and overlaps(*_unit_span(engine, trace.quoted), gold)
            yield q, trace.evidence, right


def _unit_span(engine: QAEngine, sentence_ids: tuple[int, ...]) -> tuple[str, int, int]:
    first, last = engine.data.sentences[sentence_ids[0]], engine.data.sentences[sentence_ids[-1]]
    return first.doc_id, first.start, last.end


def _answerable_traces(
    sets: list[tuple[QAEngine, list[EvalQuestion]]], spans: dict[int, dict[str, list[tuple[str, int, int]]]]
) -> Iterator[tuple[QAEngine, Trace, list[tuple[str, int, int]]]]:
    """(engine, trace, gold spans) of every answerable question, asked of its own engine."""
    for engine, questions in sets:
        for q in questions:
            if q.answerable:
                yield engine, engine.trace(q.question, depth=5), spans[id(engine)][q.id]


def fit_models(
    sets: list[tuple[QAEngine, list[EvalQuestion]]],
    fitted_on: str,
    refit_reader: bool = True,
    unanswered_cost: float = UNANSWERED_COST,
    refit_reranker: bool = False,
    refit_answer_reranker: bool = False,
    held_out: bool = False,
) -> FitReport:
    """Fit the reranker (when `refit_reranker`), the reader (when `refit_reader`), the
    answer reranker (when `refit_answer_reranker`) and then the abstention model on
    labelled questions pooled over one or more sets, each asked against its own index.

    With `held_out`, the report also holds the abstention fit's out-of-bag rates
    (`held_out_rates`; about 50 refits of the abstention model, not of the reader).

    Each element of `sets` is an engine over one index and the questions written for that
    index's corpus (a question is only ever asked of the corpus it was written for). Each
    refitted model is swapped into every engine before the next is fitted, so that the
    evidence comes from the reader shipped with it. The reranker learns from the fused
    order (label: the chunk overlaps a gold span). Raises ValueError when the
    pooled questions lack right and wrong candidates or answerable and unanswerable ones,
    or when no answerable question is answered with its gold (saying what to check),
    and EvalSetError (`qa.evaluation.gold_missing`) for an answerable question none of whose
    gold strings is in its corpus.
    """
    spans = {id(engine): {q.id: gold_spans(q, engine.documents()) for q in qs} for engine, qs in sets}
    # A question whose gold is not in its corpus would be fitted with every candidate wrong.
    missing = next((q for engine, qs in sets for q in qs if q.answerable and not spans[id(engine)][q.id]), None)
    if missing is not None:
        raise gold_missing(missing)
    # Neither the fused ranking nor the reader's candidates and their features depend on
    # the reranker or reader model, so one pass over the answerable questions serves both.
    traces = list(_answerable_traces(sets, spans)) if refit_reranker or refit_reader else []
    reranker_model: LinearModel | None = None
    if refit_reranker:
        chunk_groups: list[tuple[list[dict[str, float]], list[bool]]] = []
        for engine, trace, gold in traces:
            fused = trace.retrieval.ranked  # what the reader reads: the fused order
            rows = engine.reranker.features(trace.question, trace.query, fused)
            chunks = [engine.data.chunks[hit.index] for hit in fused[: len(rows)]]
            chunk_groups.append((rows, [overlaps(c.doc_id, c.start, c.end, gold) for c in chunks]))
        reranker_model = fit_pairwise_ranker(chunk_groups, RERANKER_FEATURES, "reranker", fitted_on, RERANKER_C)
        for engine, _ in sets:
            engine.reranker.model = reranker_model
    reader_model: LinearModel | None = None
    reader_rows = 0
    if refit_reader:
        groups: list[tuple[list[dict[str, float]], list[bool]]] = []
        for engine, trace, gold in traces:
            right = [overlaps(*_unit_span(engine, c.sentence_ids), gold) for c in trace.candidates]
            groups.append(([c.features for c in trace.candidates], right))
        reader_model = fit_pairwise_ranker(groups, FEATURES, "reader", fitted_on, READER_C)
        reader_rows = sum(len(rows) for rows, _ in groups)
        for engine, _ in sets:
            engine.reader.model = reader_model
    answer_reranker_model: LinearModel | None = None
    if refit_answer_reranker:
        # With a neutral model the answer reranker keeps the reader's order.
        for engine, _ in sets:
            engine.answer_reranker.model = neutral_model("answer_reranker", ANSWER_RERANKER_FEATURES)
        answer_groups: list[tuple[list[dict[str, float]], list[bool]]] = []
        for engine, trace, gold in _answerable_traces(sets, spans):
            top = trace.candidates[: engine.answer_reranker.depth]
            if len(top) > 1:
                matches = engine.match_tokens(trace.renderings, trace.retrieval, top)
                right = [overlaps(*_unit_span(engine, c.sentence_ids), gold) for c in top]
                answer_groups.append((answer_features(top, matches), right))
        answer_reranker_model = fit_pairwise_ranker(
            answer_groups, ANSWER_RERANKER_FEATURES, "answer_reranker", fitted_on, ANSWER_RERANKER_C
        )
        for engine, _ in sets:
            engine.answer_reranker.model = answer_reranker_model
    labelled = list(labelled_evidence(sets, spans))
    ev_rows = [row for _, row, _ in labelled]
    flags = [q.answerable for q, _, _ in labelled]
    rights = [right for _, _, right in labelled]
    if any(flags) and not any(rights):
        raise ValueError(
            f"none of the {sum(flags)} answerable questions is answered with its gold: the abstention model "
            "learns which of the service's answers are right, so it needs some. Check that each gold string "
            "is the text that answers (`qa ask QUESTION` shows what the service quotes), or label questions "
            "the corpus answers plainly"
        )
    abstention, threshold = fit_abstention(ev_rows, rights, flags, fitted_on, unanswered_cost)
    abstention = replace(
        abstention,
        threshold=round(threshold, 6),
        extra={
            **abstention.extra,
            "unanswered_cost": unanswered_cost,
            "answerable": sum(flags),
            "right": sum(rights),
            "label": "the quoted answer is right",
        },
    )
    total = sum(len(qs) for _, qs in sets)
    log.info("fitted on %d questions (%d quoted right): threshold %.4f", total, sum(rights), threshold)
    rates = held_out_rates(ev_rows, flags, unanswered_cost, right=rights) if held_out else None
    return FitReport(
        reranker_model, reader_model, abstention, total, reader_rows, len(ev_rows), answer_reranker_model, rates
    )
