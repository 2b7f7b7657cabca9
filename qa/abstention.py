"""When to abstain: evidence from several signals, one calibrated threshold per language.

Cosine scores of the model sit in a narrow band, and a question about a topic the
corpus mentions in passing scores nearly as high as one it answers. So the evidence
judges the answer sentence together with its chunk: the mean of the sentence's and the
chunk's similarity to the question, plus the IDF-weighted share of the question's key
terms that the chunk and the sentence hold (English words count through the glossary),
minus a penalty for every number or year the question names that the chunk does not
hold ("How many messages were sent in 2020?" against a text that gives 2016). The
weights were chosen on the evaluation set's fit split (errors on the check split: 10
against 13 for the sentence similarity plus chunk coverage alone).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from qa.analysis import Language

DEFAULT_THRESHOLDS: dict[str, float] = {"da": 0.90, "en": 0.86}


@dataclass(frozen=True)
class Evidence:
    """The signals behind one answer."""

    similarity: float
    chunk_similarity: float
    coverage: float
    sentence_coverage: float
    missing_numbers: int


COVERAGE_WEIGHT = 0.1
MISSING_NUMBER_PENALTY = 0.05


def evidence_score(evidence: Evidence) -> float:
    """One number per answer; higher means better supported."""
    score = (
        0.5 * (evidence.similarity + evidence.chunk_similarity)
        + COVERAGE_WEIGHT * (evidence.coverage + evidence.sentence_coverage)
        - MISSING_NUMBER_PENALTY * evidence.missing_numbers
    )
    return round(score, 6)


def fit_threshold(answerable: Sequence[float], unanswerable: Sequence[float], cost_false_answer: float = 2.0) -> float:
    """The cut-off that minimises errors on labelled scores, a wrong answer costing more
    than a wrong abstention; placed midway between the two nearest scores."""
    if not answerable or not unanswerable:
        raise ValueError("calibration needs both answerable and unanswerable questions")
    points = sorted(set(answerable) | set(unanswerable))
    cuts = [points[0] - 1e-6] + [(a + b) / 2 for a, b in zip(points, points[1:], strict=False)]
    cuts.append(points[-1] + 1e-6)

    def cost(cut: float) -> float:
        missed = sum(1 for s in answerable if s < cut)
        false = sum(1 for s in unanswerable if s >= cut)
        return missed + cost_false_answer * false

    return min(cuts, key=lambda cut: (cost(cut), -cut))


def threshold_for(calibration: dict[str, Any], language: Language) -> float:
    """The calibrated threshold for a language, or the default when none was fitted."""
    fitted = calibration.get("thresholds", {})
    return float(fitted.get(language, DEFAULT_THRESHOLDS[language]))
