"""The evaluation set: retrieval and answer metrics per language, and a risk-coverage table."""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tqdm import tqdm

from qa.analysis import Language
from qa.documents import Document
from qa.engine import AskResult, QAEngine
from qa.normalise import has_letter_or_digit, lone_surrogate, normalise

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
    """A labelled question: its gold strings (normalised as documents are) are exact
    substrings of a document."""

    id: str
    language: Language
    question: str
    answerable: bool
    gold: tuple[str, ...]
    split: str
    doc: str | None = None
    """The document the question was written from (the development set's `doc` field);
    None when the file does not say (the seed's set, over one document)."""
    where: str = field(default="", compare=False)
    """Where the question was read, "path:line" (`load_questions`); "" for one made in code."""


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
    page_language: str | None = None
    """The language of the page holding the gold (`gold_language`); None for an
    unanswerable question, or gold found in pages of both languages."""
    gold_in_text: bool = True
    """Whether a gold string of the question is in the served text (always, unless
    `evaluate` ran with `count_missing_gold`)."""

    @property
    def correct(self) -> bool:
        """Answered, with a citation on the gold text."""
        return self.answered and self.cited_right


def load_questions(path: Path) -> list[EvalQuestion]:
    """Read and check the JSON-lines evaluation set (one question a line; the format is
    tests/eval/README.md's). Blank lines are skipped.

    Raises EvalSetError, naming the file (and the line, for a malformed line) and saying
    what to write instead, when the file is missing, a folder or not UTF-8 text, or a
    line is not a question whose fields have the documented types and values."""
    questions: list[EvalQuestion] = []
    seen: set[str] = set()
    for number, line in enumerate(_read_lines(path), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        item = _parse_question(line, where)
        if item.id in seen:
            raise EvalSetError(f'{where}: the id "{item.id}" is used twice: give every question its own id')
        seen.add(item.id)
        questions.append(item)
    return questions


def _read_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 text file, without their line ends: a line ends only at "\\n"
    (or "\\r\\n"), as JSON lines do, never at a character such as U+2028 inside a JSON
    string. A leading UTF-8 byte-order mark is dropped. Raises EvalSetError for a missing
    file, a folder, an unreadable file, or bytes that are not UTF-8 (naming the line they
    stand on)."""
    if path.is_dir():
        raise EvalSetError(f"{path} is a folder: give the JSON-lines file of labelled questions")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise EvalSetError(f"no evaluation set at {path}: give the JSON-lines file of labelled questions") from None
    except OSError as exc:
        raise EvalSetError(f"{path} cannot be read ({exc.strerror}): give a readable JSON-lines file") from None
    data = data.removeprefix(codecs.BOM_UTF8)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EvalSetError(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[exc.start]:02x}): save the file as UTF-8"
        ) from None
    return [line.removesuffix("\r") for line in text.removesuffix("\n").split("\n")] if text else []


# Every field a question may have: whether a value is valid, and what to write instead
# (the message after "path:line: "). "id", "language", "question" and "answerable" are required.
_FIELDS: dict[str, tuple[Callable[[Any], bool], str]] = {
    "id": (lambda v: isinstance(v, str) and bool(v.strip()), '"id" must be a non-empty string, unique in the file'),
    "language": (lambda v: v in ("da", "en"), '"language" must be "da" or "en"'),
    "question": (
        lambda v: isinstance(v, str) and has_letter_or_digit(v),
        '"question" must be a string with letters or digits, the question as a user would type it',
    ),
    "answerable": (lambda v: isinstance(v, bool), '"answerable" must be true or false, without quotes'),
    "gold": (
        lambda v: isinstance(v, list) and all(isinstance(g, str) and has_letter_or_digit(g) for g in v),
        '"gold" must be a list of strings, each an exact quote of a document',
    ),
    "split": (lambda v: v in ("fit", "check"), '"split" must be "fit" or "check"'),
    "doc": (lambda v: v is None or isinstance(v, str), '"doc" must be a string, the id of the question\'s document'),
}
_REQUIRED = ("id", "language", "question", "answerable")


def _parse_question(line: str, where: str) -> EvalQuestion:
    """One line of the evaluation set as a question; `where` ("path:line") starts every
    error message. Raises EvalSetError when the line is not a JSON object, a required
    field is missing, a text field holds a lone surrogate (a JSON escape such as "\\ud800",
    which no model can read), a field's value is not what `_FIELDS` allows, or "answerable" and
    "gold" disagree (an answerable question needs gold strings, an unanswerable one none)."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise EvalSetError(f"{where}: not JSON ({exc.msg}): write one question a line as a JSON object") from None
    except ValueError:  # int("1" * 5000): Python's limit on the digits of an integer
        raise EvalSetError(
            f"{where}: a number has more than {sys.get_int_max_str_digits()} digits: "
            "write one question a line as a JSON object"
        ) from None
    except RecursionError:
        raise EvalSetError(
            f"{where}: arrays or objects nested too deeply to read: write one question a line as a JSON object"
        ) from None
    if not isinstance(row, dict):
        raise EvalSetError(f"{where}: not a JSON object: write one question a line as a JSON object")
    for key in _REQUIRED:
        if key not in row:
            raise EvalSetError(
                f'{where}: "{key}" is missing: every question needs "id", "language", "question" and "answerable"'
            )
    for key in ("id", "question", "gold", "doc"):
        surrogate = _lone_surrogate(row.get(key))
        if surrogate is not None:
            raise EvalSetError(
                f'{where}: "{key}" contains invalid Unicode (the lone surrogate {ascii(surrogate)[1:-1]}): '
                "write the character itself, or remove the escape"
            )
    for key, (valid, must) in _FIELDS.items():
        if key in row and not valid(row[key]):
            raise EvalSetError(f"{where}: {must}")
    # Read as the documents are (`qa.normalise.normalise`): a quote copied with a no-break
    # space or a soft hyphen still matches the document's text.
    gold = tuple(normalise(g) for g in row.get("gold", []))
    if row["answerable"] and not gold:
        raise EvalSetError(
            f'{where}: an answerable question needs "gold": the exact quotes of a document that answer it'
        )
    if not row["answerable"] and gold:
        raise EvalSetError(
            f'{where}: an unanswerable question has "gold": []; if a document answers it, set "answerable": true'
        )
    return EvalQuestion(
        id=row["id"],
        language=row["language"],
        question=row["question"],
        answerable=row["answerable"],
        gold=gold,
        split=row.get("split", "check"),
        doc=row.get("doc") or None,
        where=where,
    )


def _lone_surrogate(value: object) -> str | None:
    """The first lone surrogate (`qa.normalise.lone_surrogate`) in a field's value: a
    string, or a list of strings ("gold"); None for valid text or any other value."""
    texts = value if isinstance(value, list) else [value]
    return next((found for t in texts if isinstance(t, str) and (found := lone_surrogate(t)) is not None), None)


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


def document_languages(documents: Iterable[Document]) -> dict[str, str]:
    """Each document's id -> its language ("da", "en"), as `gold_language` and `judge`
    read them: made once per corpus, not once per question."""
    return {doc.doc_id: doc.language for doc in documents}


def gold_language(
    question: EvalQuestion, spans: list[tuple[str, int, int]], languages: Mapping[str, str]
) -> str | None:
    """The language of the page holding an answerable question's gold: that of the
    question's own `doc` when the gold is there, else the one language of the pages its
    gold spans (`gold_spans`) stand in; None for an unanswerable question, for gold found
    nowhere and for gold found in pages of two languages. `languages` maps document id to
    its language ("da" or "en")."""
    if not question.answerable:
        return None
    holding = {doc_id for doc_id, _, _ in spans}
    if question.doc in holding:
        return languages[question.doc]
    found = {languages[doc_id] for doc_id in holding}
    return found.pop() if len(found) == 1 else None


def gold_missing(question: EvalQuestion) -> EvalSetError:
    """The error for an answerable question none of whose gold strings is in the corpus,
    naming its line ("path:line", or its id when it was not read from a file)."""
    return EvalSetError(
        f'{question.where or question.id}: no "gold" string of the question "{question.id}" is in the corpus: '
        "copy each one exactly from a document's text (`qa inspect FILE` shows it), "
        "or rebuild the index with the document that holds it"
    )


def overlaps(doc_id: str, start: int, end: int, spans: list[tuple[str, int, int]]) -> bool:
    """Whether [start, end) of a document overlaps any of the spans."""
    return any(d == doc_id and start < e and s < end for d, s, e in spans)


# How deep the gold passage is looked for (recall@1, @3 and MRR over these).
EVAL_DEPTH = 20


def evaluate(
    engine: QAEngine, questions: list[EvalQuestion], show_progress: bool = False, count_missing_gold: bool = False
) -> list[Outcome]:
    """Ask every question and judge the ranking and the answer against the gold spans.
    Raises EvalSetError, naming the question's line ("path:line", or its id when it was
    not read from a file), when no gold string of an answerable question is in the corpus,
    unless `count_missing_gold`: then such a question is asked and judged as one whose
    gold no passage and no citation hits (not ranked, not cited right), as a set written
    blind is measured before a fault of reading that hides its gold is mended
    (`missing_gold` lists them)."""
    documents = engine.documents()
    languages = document_languages(documents)
    outcomes = []
    for item in tqdm(questions, desc="evaluating", unit="question", disable=not show_progress):
        spans = gold_spans(item, documents)
        if item.answerable and not spans and not count_missing_gold:
            raise gold_missing(item)
        result = engine.ask(item.question, top_k=EVAL_DEPTH, always_cite=True)
        outcomes.append(judge(item, result, spans, languages))
    return outcomes


def judge(
    item: EvalQuestion, result: AskResult, spans: list[tuple[str, int, int]], languages: Mapping[str, str]
) -> Outcome:
    """The outcome of one question asked with `always_cite`: the 1-based rank of the first
    passage on a gold span (`spans`, `gold_spans`; None when none of the result's passages
    is), whether the first citation is on one, the answer's evidence and the gold page's
    language (`gold_language`; `languages` maps document id to language). A question whose
    gold is in no served text (`spans` empty) is judged as one no passage and no citation
    hits."""
    rank = next(
        (n for n, p in enumerate(result.passages, start=1) if overlaps(p.doc_id, p.start, p.end, spans)),
        None,
    )
    cited_right = any(overlaps(c.doc_id, c.start, c.end, spans) for c in result.citations[:1])
    return Outcome(
        item,
        rank,
        result.answered,
        cited_right,
        result.evidence,
        gold_language(item, spans, languages),
        gold_in_text=bool(spans) or not item.answerable,
    )


def missing_gold(outcomes: list[Outcome]) -> list[str]:
    """The ids of the answerable questions among `outcomes` none of whose gold strings is
    in the served text (those `evaluate` with `count_missing_gold` judged not right), in
    order."""
    return [o.question.id for o in outcomes if not o.gold_in_text]


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


# The metrics of answerable questions, shown per question and page language.
PAGE_LANGUAGE_METRICS = ("answerable", "recall@1", "recall@3", "answer_accuracy", "false_abstention")


def without_page_language(outcomes: list[Outcome]) -> int:
    """How many answerable questions `metrics_by_page_language` leaves out: those without
    one page language (gold in pages of both languages)."""
    return sum(1 for o in outcomes if o.question.answerable and o.page_language is None)


def metrics_by_page_language(outcomes: list[Outcome]) -> dict[str, dict[str, float | int | None]]:
    """The answerable questions' metrics (`PAGE_LANGUAGE_METRICS`) by the language of the
    question and of the page holding its gold, keyed "da-en" (a Danish question whose gold
    is on an English page): English questions over Danish pages are a service's hardest
    case, and a corpus of one language has one row. Pairs without questions are left out,
    and so are questions without one page language (`Outcome.page_language`)."""
    groups: dict[str, list[Outcome]] = {}
    for o in outcomes:
        if o.question.answerable and o.page_language is not None:
            groups.setdefault(f"{o.question.language}-{o.page_language}", []).append(o)
    return {
        pair: {metric: value for metric, value in metrics(groups[pair]).items() if metric in PAGE_LANGUAGE_METRICS}
        for pair in sorted(groups)
    }
