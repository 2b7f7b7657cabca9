"""Lexical analysis: Danish terms for BM25, a language guess, and the kind of question."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Literal

import Stemmer
from bm25s.stopwords import STOPWORDS_DANISH, STOPWORDS_EN

STEMMER_LANGUAGE = "danish"
STOPWORDS_NAME = "bm25s STOPWORDS_DANISH"
_WORD = re.compile(r"\w+", re.UNICODE)

# Words that mark a question as Danish or English; question words weigh most.
_DANISH_MARKERS = frozenset(
    [
        "hvad",
        "hvem",
        "hvor",
        "hvornår",
        "hvordan",
        "hvorfor",
        "hvilke",
        "hvilken",
        "hvilket",
        "hvis",
        "mange",
        "meget",
        "er",
        "var",
        "blev",
        "bliver",
        "har",
        "havde",
        "kan",
        "skal",
        "skulle",
        "må",
        "kunne",
        "jeg",
        "du",
        "vi",
        "de",
        "det",
        "den",
        "der",
        "som",
        "og",
        "eller",
        "ikke",
        "til",
        "af",
        "på",
        "med",
        "fra",
        "om",
        "ved",
        "efter",
        "før",
        "for",
        "hos",
        "min",
        "mit",
        "mine",
        "sin",
        "sit",
        "dine",
        "borgere",
        "myndigheder",
        "offentlige",
        "strategien",
        "strategi",
        "digitale",
    ]
)
_ENGLISH_MARKERS = frozenset(
    [
        "what",
        "who",
        "where",
        "when",
        "how",
        "why",
        "which",
        "whose",
        "many",
        "much",
        "is",
        "was",
        "were",
        "did",
        "does",
        "do",
        "has",
        "have",
        "had",
        "can",
        "could",
        "should",
        "will",
        "would",
        "the",
        "a",
        "an",
        "of",
        "to",
        "in",
        "on",
        "with",
        "from",
        "about",
        "for",
        "by",
        "and",
        "or",
        "not",
        "it",
        "this",
        "that",
        "these",
        "those",
        "i",
        "you",
        "we",
        "they",
        "my",
        "your",
        "their",
        "public",
        "authorities",
        "strategy",
        "citizens",
    ]
)
_QUESTION_WORDS_DA = frozenset(
    ["hvad", "hvem", "hvor", "hvornår", "hvordan", "hvorfor", "hvilke", "hvilken", "hvilket"]
)
_QUESTION_WORDS_EN = frozenset(["what", "who", "where", "when", "how", "why", "which", "whose"])

Language = Literal["da", "en"]
QuestionKind = Literal["when", "number", "other"]


@dataclass(frozen=True)
class LanguageGuess:
    """The guessed language and how Danish the text looks, from 0 (English) to 1 (Danish)."""

    language: Language
    danish: float


def words(text: str) -> list[str]:
    """Lower-cased word tokens."""
    return _WORD.findall(text.lower())


@lru_cache(maxsize=1)
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer(STEMMER_LANGUAGE)


_STOP_DA = frozenset(STOPWORDS_DANISH)
_STOP_ANY = (
    _STOP_DA
    | frozenset(STOPWORDS_EN)
    | _ENGLISH_MARKERS
    | frozenset(["did", "does", "do", "become", "became", "get", "got", "been", "being", "there", "any"])
)


def terms(text: str) -> list[str]:
    """BM25 terms: words without Danish stop words, Snowball-stemmed (Danish)."""
    kept = [w for w in words(text) if w not in _STOP_DA and (len(w) > 1 or w.isdigit())]
    return list(_stemmer().stemWords(kept))


@lru_cache(maxsize=1)
def glossary() -> dict[str, tuple[str, ...]]:
    """English word -> stemmed Danish terms, from qa/data/glossary-en-da.tsv."""
    table: dict[str, tuple[str, ...]] = {}
    text = resources.files("qa").joinpath("data/glossary-en-da.tsv").read_text(encoding="utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        english, _, danish = line.partition("\t")
        table[english.strip().lower()] = tuple(dict.fromkeys(terms(danish)))
    return table


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"\w+(?:-\w+)*", text.lower()) if w not in _STOP_ANY and (len(w) > 1 or w.isdigit())]


def key_terms(text: str) -> list[frozenset[str]]:
    """A question's content words, each as the set of stems that count as a match:
    its own Danish stem, plus the Danish terms the glossary gives for an English word."""
    groups: list[frozenset[str]] = []
    table = glossary()
    for word in _content_words(text):
        stems = set(terms(word)) | set(table.get(word, ()))
        if stems and frozenset(stems) not in groups:
            groups.append(frozenset(stems))
    return groups


def query_terms(text: str, groups: list[frozenset[str]] | None = None) -> list[str]:
    """BM25 terms of a question, English words expanded with their Danish glossary terms.
    Pass the question's `key_terms` when they are already at hand."""
    expanded = terms(text)
    for group in key_terms(text) if groups is None else groups:
        expanded.extend(sorted(group.difference(expanded)))
    return expanded


def guess_language(text: str) -> LanguageGuess:
    """Danish or English, from marker words and Danish letters; ties go to Danish."""
    tokens = words(text)
    da = sum(2.0 if t in _QUESTION_WORDS_DA else 1.0 for t in tokens if t in _DANISH_MARKERS)
    en = sum(2.0 if t in _QUESTION_WORDS_EN else 1.0 for t in tokens if t in _ENGLISH_MARKERS)
    da += 1.5 * sum(1 for ch in text.lower() if ch in "æøå")
    if da + en == 0:
        return LanguageGuess("da", 0.5)
    danish = da / (da + en)
    return LanguageGuess("da" if danish >= 0.5 else "en", round(danish, 3))


_WHEN = re.compile(
    r"\b(hvornår|when|what year|which year|hvilket år|i hvilket år|hvilken dato|what date|by when|how long ago)\b"
)
_NUMBER = re.compile(r"\b(hvor mange|hvor meget|how many|how much|hvad koster|what does .* cost|antal|number of)\b")
_MONTHS = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
YEAR_OR_DATE = re.compile(rf"\b(1[89]\d\d|20\d\d)\b|\b\d{{1,2}}\. ({_MONTHS})\b")
NUMBER = re.compile(r"\d|\b(to|tre|fire|fem|seks|syv|otte|ni|ti|første|anden|tredje|fjerde|femte)\b")


def question_kind(question: str) -> QuestionKind:
    """'when' questions want a date or year, 'number' questions a number."""
    lowered = question.lower()
    if _WHEN.search(lowered):
        return "when"
    if _NUMBER.search(lowered):
        return "number"
    return "other"


def fits_kind(sentence: str, kind: QuestionKind) -> bool:
    """Whether a sentence holds what the kind of question asks for."""
    if kind == "when":
        return YEAR_OR_DATE.search(sentence) is not None
    if kind == "number":
        return NUMBER.search(sentence.lower()) is not None
    return True
