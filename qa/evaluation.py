"""The evaluation set: retrieval and answer metrics per language, and a risk-coverage table."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from qa.analysis import Language
from qa.documents import Document
from qa.engine import QAEngine

METRICS = (
    "recall@1",
    "recall@3",
    "mrr",
    "answer_accuracy",
    "false_abstention",
    "unanswerable_abstained",
    "abstention_precision",
    "abstention_recall",
)
# Thresholds on the abstention probability at which the risk-coverage table is shown.
RISK_COVERAGE_POINTS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


class EvalSetError(ValueError):
    """The evaluation file is malformed; the message names the line."""


@dataclass(frozen=True)
class EvalQuestion:
    """A labelled question: its gold strings are exact substrings of a document."""

    id: str
    language: Language
    question: str
    answerable: bool
    gold: tuple[str, ...]
    split: str
    doc: str | None = None
    """The document the question was written from (the development set's `doc` field);
    None when the file does not say (the seed's set, over one document)."""


@dataclass(frozen=True)
class Outcome:
    """What the engine did with one labelled question. `cited_right` says whether the
    first citation hits the gold, whether or not the policy let it through; `evidence`
    is the policy's probability that the answer is right."""

    question: EvalQuestion
    gold_rank: int | None
    answered: bool
    cited_right: bool
    evidence: float

    @property
    def correct(self) -> bool:
        """Answered, with a citation on the gold text."""
        return self.answered and self.cited_right


def load_questions(path: Path) -> list[EvalQuestion]:
    """Read and check the JSON-lines evaluation set."""
    questions: list[EvalQuestion] = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            item = EvalQuestion(
                id=str(row["id"]),
                language=row["language"],
                question=str(row["question"]),
                answerable=bool(row["answerable"]),
                gold=tuple(row.get("gold", [])),
                split=str(row.get("split", "check")),
                doc=str(row["doc"]) if row.get("doc") else None,
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise EvalSetError(f"{path}:{number}: not a valid question ({exc})") from exc
        if item.language not in ("da", "en") or item.split not in ("fit", "check"):
            raise EvalSetError(f"{path}:{number}: language must be da/en and split fit/check")
        if item.answerable != bool(item.gold) or item.id in seen:
            raise EvalSetError(f"{path}:{number}: answerable questions need gold strings, ids must be unique")
        seen.add(item.id)
        questions.append(item)
    return questions


def gold_spans(question: EvalQuestion, documents: Iterable[Document]) -> list[tuple[str, int, int]]:
    """Where each gold string stands in the documents, as (doc_id, start, end)."""
    spans = []
    for doc in documents:
        for gold in question.gold:
            start = doc.text.find(gold)
            while start != -1:
                spans.append((doc.doc_id, start, start + len(gold)))
                start = doc.text.find(gold, start + 1)
    return spans


def overlaps(doc_id: str, start: int, end: int, spans: list[tuple[str, int, int]]) -> bool:
    """Whether [start, end) of a document overlaps any of the spans."""
    return any(d == doc_id and start < e and s < end for d, s, e in spans)


# How deep the gold passage is looked for (recall@1, @3 and MRR over these).
EVAL_DEPTH = 20


def evaluate(engine: QAEngine, questions: list[EvalQuestion], show_progress: bool = False) -> list[Outcome]:
    """Ask every question and judge the ranking and the answer against the gold spans."""
    documents = engine.documents()
    outcomes = []
    for item in tqdm(questions, desc="evaluating", unit="question", disable=not show_progress):
        spans = gold_spans(item, documents)
        if item.answerable and not spans:
            raise EvalSetError(f"{item.id}: no gold string of it is in the corpus")
        result = engine.ask(item.question, top_k=EVAL_DEPTH, always_cite=True)
        rank = next(
            (n for n, p in enumerate(result.passages, start=1) if overlaps(p.doc_id, p.start, p.end, spans)),
            None,
        )
        first = result.citations[:1]
        cited_right = any(overlaps(c.doc_id, c.start, c.end, spans) for c in first)
        outcomes.append(Outcome(item, rank, result.answered, cited_right, result.evidence))
    return outcomes


def risk_coverage(
    outcomes: list[Outcome], points: tuple[float, ...] = RISK_COVERAGE_POINTS
) -> list[dict[str, float | int | None]]:
    """For each threshold on the probability: the share of questions answered (coverage)
    and the share of those answers that are right (an unanswerable question answered is
    wrong), over all the given questions. A question withheld with probability 0 (no
    candidate, or a question asking what something costs whose passages give no amount)
    is never answered."""
    table: list[dict[str, float | int | None]] = []
    for point in points:
        answered = [o for o in outcomes if o.evidence >= point and o.evidence > 0]
        right = sum(1 for o in answered if o.question.answerable and o.cited_right)
        table.append(
            {
                "threshold": point,
                "answered": len(answered),
                "coverage": _ratio(len(answered), len(outcomes)),
                "accuracy": _ratio(right, len(answered)),
            }
        )
    return table


def _ratio(numerator: int, denominator: int) -> float | None:
    return round(numerator / denominator, 3) if denominator else None


def metrics(outcomes: list[Outcome]) -> dict[str, float | int | None]:
    """recall@1, recall@3, MRR and answer accuracy over answerable questions; the false
    abstention rate (answerable questions abstained on) and the share of unanswerable
    questions abstained on; abstention precision and recall with 'unanswerable' as the
    class to find."""
    answerable = [o for o in outcomes if o.question.answerable]
    abstained = [o for o in outcomes if not o.answered]
    unanswerable = [o for o in outcomes if not o.question.answerable]
    right_abstentions = sum(1 for o in abstained if not o.question.answerable)
    mrr = sum(1 / o.gold_rank for o in answerable if o.gold_rank) / len(answerable) if answerable else None
    return {
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "recall@1": _ratio(sum(1 for o in answerable if o.gold_rank == 1), len(answerable)),
        "recall@3": _ratio(sum(1 for o in answerable if o.gold_rank and o.gold_rank <= 3), len(answerable)),
        "mrr": round(mrr, 3) if mrr is not None else None,
        "answer_accuracy": _ratio(sum(1 for o in answerable if o.correct), len(answerable)),
        "false_abstention": _ratio(sum(1 for o in answerable if not o.answered), len(answerable)),
        "unanswerable_abstained": _ratio(right_abstentions, len(unanswerable)),
        "abstention_precision": _ratio(right_abstentions, len(abstained)),
        "abstention_recall": _ratio(right_abstentions, len(unanswerable)),
    }


def metrics_by_language(outcomes: list[Outcome]) -> dict[str, dict[str, float | int | None]]:
    """The metrics for Danish, English and all questions."""
    table = {lang: metrics([o for o in outcomes if o.question.language == lang]) for lang in ("da", "en")}
    table["all"] = metrics(outcomes)
    return table
