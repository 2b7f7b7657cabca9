"""Pure ranking logic: language guess, terms, coverage."""

from __future__ import annotations

import pytest

from qa.analysis import guess_language, key_terms, query_terms, terms
from qa.answer import coverage, term_weights


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Hvornår blev Digital Post obligatorisk?", "da"),
        ("When did Digital Post become mandatory?", "en"),
        ("Hvad bruges NemKonto til?", "da"),
        ("What is NemKonto used for?", "en"),
        ("NemID", "da"),
    ],
)
def test_guesses_the_language_of_a_question(question: str, language: str) -> None:
    assert guess_language(question).language == language


def test_danish_terms_are_stemmed_without_stop_words() -> None:
    assert terms("Hvornår blev Digital Post obligatorisk?") == ["digital", "post", "obligatorisk"]


def test_glossary_gives_english_words_their_danish_terms() -> None:
    assert frozenset({"mandatory", "obligatorisk"}) in key_terms("When did Digital Post become mandatory?")
    assert "obligatorisk" in query_terms("When did Digital Post become mandatory?")


def test_coverage_weights_rare_terms_more() -> None:
    idf = term_weights([{"digital", "post"}, {"digital", "obligatorisk"}, {"digital"}, {"post"}])
    groups = [frozenset({"digital"}), frozenset({"obligatorisk", "mandatory"})]
    assert coverage(groups, {"obligatorisk"}, idf) > coverage(groups, {"digital"}, idf)
    assert coverage(groups, {"digital", "obligatorisk"}, idf) == pytest.approx(1.0)
    assert coverage([], {"digital"}, idf) == 0.0
