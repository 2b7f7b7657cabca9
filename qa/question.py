"""Question analysis, done once per question: normalised text, language with its
confidence, key terms, BM25 terms, answer type and the numbers the question names."""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa.analysis import Language, guess_language, key_terms, query_terms
from qa.answer_types import AnswerType, answer_type
from qa.normalise import normalise

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


@dataclass(frozen=True)
class AnalysedQuestion:
    """Everything the retriever, reader and abstention policy need from a question.

    `language_confidence` is in [0.5, 1] (1 = certain); `groups` are the question's key
    terms, each a set of stems that count as a match; `numbers` are the digits the
    question names ("2020", "3").
    """

    text: str
    language: Language
    language_confidence: float
    groups: tuple[frozenset[str], ...]
    lexical_terms: tuple[str, ...]
    answer_type: AnswerType
    numbers: frozenset[str]


def language_confidence(guess: object) -> float:
    """The confidence of a language guess in [0.5, 1], from `.confidence` when the guess
    carries one, else from its Danish share (`.danish`, 0 = English, 1 = Danish)."""
    confidence = getattr(guess, "confidence", None)
    if confidence is not None:
        return float(confidence)
    danish = float(getattr(guess, "danish", 0.5))
    return max(danish, 1.0 - danish)


def analyse(question: str) -> AnalysedQuestion:
    """Analyse a question (already trimmed and non-empty)."""
    text = normalise(question).strip()
    guess = guess_language(text)
    groups = key_terms(text)
    return AnalysedQuestion(
        text=text,
        language=guess.language,
        language_confidence=language_confidence(guess),
        groups=tuple(groups),
        lexical_terms=tuple(query_terms(text, groups)),
        answer_type=answer_type(text),
        numbers=frozenset(_NUMBER.findall(text)),
    )
