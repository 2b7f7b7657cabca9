"""Pure ranking logic: language guess, terms, coverage."""

from __future__ import annotations

import pytest

from qa.analysis import LexicalOptions, guess_language, key_terms, query_terms, terms
from qa.answer import coverage, term_weights
from qa.lexicon import english_phrase_spans, english_phrases
from qa.question import bridge_to_danish


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


def test_the_glossary_fills_words_freedict_lacks_and_overrides_a_wrong_sense() -> None:
    # FreeDict has no "replace", "lost" or "phone", and gives "expire" only as "dø" (die).
    assert key_terms("How do I replace a lost phone?", language="en") == [
        frozenset({"replac", "erstat", "udskift"}),
        frozenset({"lost", "mist"}),
        frozenset({"phon", "telefon"}),
    ]
    assert key_terms("When does my passport expire?", language="en") == [
        frozenset({"passport", "pas"}),
        frozenset({"expir", "udløb"}),
    ]


def test_an_english_multi_word_term_gives_its_words_its_danish_terms_instead_of_their_translations() -> None:
    # Word by word, FreeDict makes "leave" "afgå" / "forlade" and misses "barsel".
    groups = key_terms("Can I get parental leave benefits as a self-employed person?", language="en")
    assert groups == [
        frozenset({"parental", "barselsdagpeng"}),
        frozenset({"leav", "barselsdagpeng"}),
        frozenset({"benefit", "barselsdagpeng"}),
        frozenset({"self", "selvstænd", "erhvervsdriv"}),
        frozenset({"employed", "selvstænd", "erhvervsdriv"}),
        frozenset({"person"}),
    ]
    assert "afgå" not in query_terms("Can I get parental leave benefits?")


def test_a_generic_word_of_a_multi_word_term_covers_only_its_own_share() -> None:
    # "pension" alone (folkepension's page) must not cover "disability pension" whole.
    groups = key_terms("How much is the disability pension?", language="en")
    assert groups == [frozenset({"disability", "førtidspension"}), frozenset({"pension", "førtidspension"})]
    idf = term_weights([{"pension"}, {"førtidspension"}, {"handicap"}])
    assert coverage(groups, {"pension"}, idf) < 1.0
    assert coverage(groups, {"førtidspension"}, idf) == pytest.approx(1.0)


def test_a_term_without_a_one_word_danish_term_keeps_its_words_translations() -> None:
    # "permanent residence" has only "tidsubegrænset opholdstilladelse": its words match
    # as words, the bridged question gets the Danish term.
    assert key_terms("Can I get permanent residence?", language="en") == key_terms(
        "Can I get permanent residence?", LexicalOptions(phrases=False), language="en"
    )
    assert bridge_to_danish("Can I get permanent residence?") == "Can I get tidsubegrænset opholdstilladelse?"


def test_a_danish_term_of_several_words_only_serves_the_bridged_question() -> None:
    groups = key_terms("What is social housing?", language="en")
    assert all("bolig" not in group for group in groups)
    assert bridge_to_danish("What is social housing?") == "What is almen bolig?"


def test_a_danish_question_gets_no_english_terms_translated_whole() -> None:
    # "parental leave" is not read as "barsel"; "får" gets its English words, as a Danish
    # question's words do (the bilingual tables read backwards, homographs and all).
    assert key_terms("Hvornår får jeg parental leave?", language="da") == [
        frozenset({"får", "sheep"}),
        frozenset({"parental"}),
        frozenset({"leav", "orlov", "forlad"}),
    ]


def test_english_terms_are_found_longest_first_by_lemma_and_not_across_a_sentence_end() -> None:
    text = "Where is a lasting power of attorney made? Power of attorneys and driving licences. Driving. Licence"
    assert english_phrase_spans(text) == [
        (11, 36, ("fremtidsfuldmagt",)),
        (43, 61, ("fuldmagt",)),
        (66, 82, ("kørekort",)),
    ]


def test_the_bridged_question_puts_the_first_danish_term_in_place_of_a_multi_word_term() -> None:
    assert bridge_to_danish("Can I get parental leave benefits as a self-employed person?") == (
        "Can I get barselsdagpenge as a selvstændig person?"
    )
    assert bridge_to_danish("How much is a new health card in Nordby?") == "How much is a ny sundhedskort in Nordby?"


def test_every_line_of_the_term_list_is_a_phrase_with_danish_terms() -> None:
    table = english_phrases()
    assert len(table) > 150
    assert all(len(key) >= 2 and danish and all(term.strip() for term in danish) for key, danish in table.items())


def test_coverage_weights_rare_terms_more() -> None:
    idf = term_weights([{"digital", "post"}, {"digital", "obligatorisk"}, {"digital"}, {"post"}])
    groups = [frozenset({"digital"}), frozenset({"obligatorisk", "mandatory"})]
    assert coverage(groups, {"obligatorisk"}, idf) > coverage(groups, {"digital"}, idf)
    assert coverage(groups, {"digital", "obligatorisk"}, idf) == pytest.approx(1.0)
    assert coverage([], {"digital"}, idf) == 0.0
