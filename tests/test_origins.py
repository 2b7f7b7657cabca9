"""A country's or a language's name in a question is also matched by the words a page
uses for the class ("i udlandet", "languages other than ..."; `qa.origins`), in the key
terms the reader, reranker and abstention match, not in BM25's query."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from qa.analysis import terms
from qa.documents import read_corpus
from qa.engine import QAEngine
from qa.index import build, load_live_index
from qa.origins import (
    ABROAD_WORDS,
    EU_WORDS,
    LANGUAGE_WORDS,
    NORDIC_WORDS,
    name_parts,
    names_held,
    origin_classes,
    with_origin_classes,
)
from qa.question import analyse
from tests.conftest import ROOT

ABROAD = frozenset(stem for word in ABROAD_WORDS for stem in terms(word))
EU = frozenset(stem for word in EU_WORDS for stem in terms(word))
NORDIC = frozenset(stem for word in NORDIC_WORDS for stem in terms(word))
LANGUAGES = frozenset(stem for word in LANGUAGE_WORDS for stem in terms(word))


def test_the_class_words_stem_to_what_pages_write() -> None:
    assert {"udland", "udenlandsk", "abroad", "foreign"} <= ABROAD
    assert {"eu", "eøs", "eea"} == EU
    assert {"nordisk", "nordic"} <= NORDIC
    assert {"sprog", "tolk", "interpret", "oversæt", "translation"} <= LANGUAGES


def test_countries_and_languages_come_in_english_and_danish_without_the_home_ones() -> None:
    table = origin_classes()
    assert {*terms("Germany Tyskland Poland Polen Spain Spanien Sweden Sverige Thailand Brasilien")} <= table.keys()
    assert {*terms("Polish polsk Arabic arabisk German tysk Tigrinya Ukrainian ukrainsk")} <= table.keys()
    # Denmark, Danish and English are asked about by name; "Island" is Iceland in Danish
    # and an English word; a hyphenated or spaced name's parts are no names.
    for stem in ("denmark", "danmark", "danish", "dansk", "english", "engelsk", "island", "lest", "saudi"):
        assert stem not in table, stem


@pytest.mark.parametrize(
    ("word", "added"),
    [
        # Any country is abroad; a member of the EU or the EEA is also "EU/EØS", a Nordic
        # one also "nordisk"; a language's name is its people's, and speaks of languages.
        ("thailand", ABROAD),
        ("brazil", ABROAD),
        ("germany", ABROAD | EU),
        ("tyskland", ABROAD | EU),
        ("norway", ABROAD | EU | NORDIC),
        ("ukrainian", ABROAD | LANGUAGES),
        ("polish", ABROAD | EU | LANGUAGES),
        ("polsk", ABROAD | EU | LANGUAGES),
        ("svensk", ABROAD | EU | NORDIC | LANGUAGES),
    ],
)
def test_a_country_or_language_takes_the_words_for_the_classes_it_belongs_to(word: str, added: frozenset[str]) -> None:
    assert with_origin_classes([frozenset({word, "x"})]) == [frozenset({word, "x"}) | added]


@pytest.mark.parametrize(
    "group", [frozenset({"denmark", "danmark"}), frozenset({"english", "engelsk"}), frozenset({"pas", "passport"})]
)
def test_other_key_terms_are_left_as_they_are(group: frozenset[str]) -> None:
    assert with_origin_classes([group]) == [group]


def test_the_question_matches_the_class_while_bm25_searches_its_own_words() -> None:
    question = analyse("My daughter's hospital records are in Polish. Who pays to have them translated?")
    polish = next(group for group in question.groups if "polish" in group)
    assert polish >= ABROAD | EU | LANGUAGES
    assert not (ABROAD | EU | {"sprog", "tolk"}) & set(question.lexical_terms)
    danish = analyse("Jeg er flyttet hertil fra Tyskland. Dækker min indboforsikring?")
    assert next(group for group in danish.groups if "tyskland" in group) >= ABROAD | EU
    assert "udland" not in danish.lexical_terms


def test_a_countrys_name_is_held_by_its_own_word_on_the_page_or_its_class_in_the_chunk() -> None:
    spain = with_origin_classes([frozenset(terms("Spain"))])[0]
    thailand = with_origin_classes([frozenset(terms("Thailand"))])[0]
    page = set(terms("Du skal have fast bopæl i Danmark, et andet EU/EØS-land eller Schweiz."))
    chunk = set(terms("Du kan få dine efterlønsbidrag udbetalt skattefrit."))
    assert names_held(name_parts(spain), page, page)
    # Thailand is in no EU/EØS rule; the class on the page but not in the chunk at hand
    # does not hold Spain either.
    assert not names_held(name_parts(thailand), page, page)
    assert names_held(name_parts(thailand), page, set(terms("Bor du i udlandet, ...")))
    assert not names_held(name_parts(spain), page, chunk)
    assert names_held(name_parts(spain), set(terms("Flytter du til Spanien")) | {"spain"}, chunk)
    # Any other name is held by its document alone, as before.
    nordby = frozenset(terms("Nordby"))
    assert names_held(name_parts(nordby), set(terms("Nordby Kommune")), set())
    assert not names_held(name_parts(nordby), page, page)


@pytest.mark.model
def test_a_language_named_in_a_persons_situation_is_answered_by_the_rule_for_other_languages(
    tmp_path: Path, real_embedder: Any
) -> None:
    # Page set `zzzv` (blind set `t135` of stop 57): "My hospital records are in Polish.
    # ..." was withheld at 0.195, `name_missing` 1 for "Polish". A country on a page that
    # speaks of the EU in another section still counts missing ("Thailand").
    pages = ("international-house-vesterbjerg-early-retirement", "nordfag-akasse-efterloen-tidlig-pension")
    documents = [
        d for d in read_corpus(ROOT / "tests" / "eval" / "pages" / "zzzv" / "corpus").documents if d.doc_id in pages
    ]
    build(documents, real_embedder, tmp_path)
    engine = QAEngine(load_live_index(tmp_path, real_embedder.identity), real_embedder)
    polish = engine.ask("My hospital records are in Polish. Do I need to get them translated for my application?")
    assert (polish.answered, polish.citations[0].quote) == (
        True,
        "Medical records in languages other than Danish, English, Norwegian or Swedish must be translated.",
    )
    assert engine.ask("Can I get my early pension paid in Thailand?").answered is False
