"""A Danish question's words match English text through their English translations (the
bilingual tables read backwards, `qa.lexicon.english_for_danish`,
`qa.analysis.LexicalOptions.reverse_bridge`), so that it finds the English pages for
international residents. They count in matching the question's words to a text (the
reader's, reranker's and abstention's coverage), not among its BM25 terms."""

from __future__ import annotations

from qa.analysis import LexicalOptions, key_terms, query_terms
from qa.lexicon import english_for_danish
from qa.question import analyse


def test_a_danish_word_has_the_english_words_whose_danish_words_hold_it() -> None:
    assert english_for_danish("husleje") == ("rent",)
    assert english_for_danish("skilsmisse") == ("divorce",)
    assert "fine" in english_for_danish("bøde")
    # By its Danish lemma too; an unknown word has none.
    assert english_for_danish("skilsmissen") == ("divorce",)
    assert english_for_danish("xyzzy") == ()


def test_a_danish_questions_key_terms_accept_the_english_translations() -> None:
    assert key_terms("Hvad koster et nyt pas?", language="da") == [
        frozenset({"kost", "cost"}),
        frozenset({"nyt", "new", "novel"}),
        frozenset({"pas", "passport"}),
    ]
    assert key_terms("Hvad koster et nyt pas?", options=LexicalOptions(reverse_bridge=False), language="da") == [
        frozenset({"kost"}),
        frozenset({"nyt"}),
        frozenset({"pas"}),
    ]


def test_the_english_translations_match_texts_but_are_no_bm25_terms() -> None:
    analysed = analyse("Hvor meget depositum må udlejeren kræve?")
    assert {"deposit", "landlord"} <= set().union(*analysed.groups)
    assert analysed.lexical_terms == ("depositum", "udlej", "kræv")
    assert query_terms("Hvor meget depositum må udlejeren kræve?") == ["depositum", "udlej", "kræv"]


def test_an_english_question_is_bridged_to_danish_as_before() -> None:
    analysed = analyse("How much deposit can the landlord ask for?")
    assert {"depositum", "udlej"} <= set(analysed.lexical_terms)
    assert frozenset({"deposit", "depositum"}) in analysed.groups


def test_a_hyphenated_words_function_words_get_no_english_translations() -> None:
    # A reviewer's "hvad-koster-et-nyt-pas" and "børne-og-ungeydelse": "og" -> "and",
    # "hvad" -> "what" would match nearly any English sentence.
    stems = set().union(*key_terms("Hvornår udbetales børne-og-ungeydelse?", language="da"))
    assert not stems & {"and", "or", "what", "an", "on"}
    assert not set().union(*key_terms("hvad-koster-et-nyt-pas", language="da")) & {"what", "an", "that", "on"}
