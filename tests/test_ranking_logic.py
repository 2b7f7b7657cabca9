"""Pure ranking logic: language guess, terms, fusion of full score arrays, coverage."""

from __future__ import annotations

import numpy as np
import pytest

from qa.analysis import fits_kind, guess_language, key_terms, query_terms, question_kind, terms
from qa.answer import coverage, term_weights
from qa.retrieval import fuse, lexical_weight


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


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Hvornår blev Digital Post obligatorisk?", "when"),
        ("What year did it start?", "when"),
        ("Hvor mange meddelelser blev sendt?", "number"),
        ("How much does a passport cost?", "number"),
        ("Hvad er NemKonto?", "other"),
    ],
)
def test_question_kind(question: str, kind: str) -> None:
    assert question_kind(question) == kind


def test_kind_fit_needs_a_year_for_when_and_a_number_for_how_many() -> None:
    assert fits_kind("Med strategierne 2007 og 2011 bliver det obligatorisk.", "when")
    assert not fits_kind("Digital Post er obligatorisk.", "when")
    assert fits_kind("Der blev sendt 112,6 mio. meddelelser.", "number")
    assert not fits_kind("Der er en portal.", "number")


def test_lexical_weight_is_full_for_danish_and_the_floor_for_english() -> None:
    assert lexical_weight(1.0) == 1.0
    assert lexical_weight(0.0) == 0.0
    assert lexical_weight(0.0, english=0.3) == pytest.approx(0.3)
    assert lexical_weight(0.75) == pytest.approx(0.5)


def test_fusion_adds_lexical_rank_only_where_bm25_matched() -> None:
    dense = np.array([0.9, 0.8, 0.7], dtype=np.float32)
    lexical = np.array([0.0, 0.0, 5.0], dtype=np.float32)
    assert [h.index for h in fuse(dense, lexical, weight=0.0)] == [0, 1, 2]
    ranked = fuse(dense, lexical, weight=1.0, k=10)
    assert [h.index for h in ranked] == [2, 0, 1]
    assert ranked[0].score == pytest.approx(1 / 13 + 1 / 11)
    assert ranked[0].lexical_rank == 1 and ranked[1].lexical_rank is None
    with pytest.raises(ValueError):
        fuse(dense, lexical[:2], weight=1.0)


def test_coverage_weights_rare_terms_more() -> None:
    idf = term_weights([{"digital", "post"}, {"digital", "obligatorisk"}, {"digital"}, {"post"}])
    groups = [frozenset({"digital"}), frozenset({"obligatorisk", "mandatory"})]
    assert coverage(groups, {"obligatorisk"}, idf) > coverage(groups, {"digital"}, idf)
    assert coverage(groups, {"digital", "obligatorisk"}, idf) == pytest.approx(1.0)
    assert coverage([], {"digital"}, idf) == 0.0
