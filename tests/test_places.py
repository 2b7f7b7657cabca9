"""Municipalities: which ones a corpus names, which one a question asks about, and the
answer read from another municipality's page withheld."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from qa.documents import Document, read_corpus
from qa.engine import QAEngine
from qa.index import build, load_live_index
from qa.places import CorpusMunicipalities, municipalities_written, name_forms


def _document(doc_id: str, text: str, title: str = "") -> Document:
    return Document(doc_id, title or doc_id, text, ())


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Bor du i Nordby Kommune, kan du søge her.", ["Nordby"]),
        ("Det gælder i Københavns Kommune og i Aarhus Kommune.", ["Københavns", "Aarhus"]),
        ("Contact Fjordby Municipality or the Municipality of Egdal.", ["Fjordby", "Egdal"]),
        ("Borgere i Ringkøbing-Skjern Kommune betaler 200 kr.", ["Ringkøbing-Skjern"]),
        # A sentence's first word counts (a page's title, "Silkeborg Kommune tilbyder ..."),
        # and so does a genitive "Kommunes".
        ("Silkeborg Kommune – Genbrug\nI Frederiksberg Kommunes betalingszone.", ["Silkeborg", "Frederiksberg"]),
        # A stop word is none, whatever its capital: "Din", "Your", "The", "Min".
        ("Din kommune kan hjælpe. Your Municipality can help. From The Municipality. Min Kommune.", []),
        # A nationality is no municipality.
        ("This is so in every Danish municipality.", []),
        ("Kontakt kommunen på nordby.dk.", []),
    ],
)
def test_a_municipality_is_a_capitalised_word_before_kommune_or_municipality(text: str, names: list[str]) -> None:
    assert municipalities_written(text) == names


def test_a_genitive_name_is_known_without_its_s() -> None:
    assert name_forms("københavns") == frozenset({"københavns", "københavn"})
    assert name_forms("nordby") == frozenset({"nordby"})


def _corpus() -> CorpusMunicipalities:
    return CorpusMunicipalities.of(
        [
            _document(
                "nordby-affald",
                "Affald i Nordby\nI Nordby Kommune tømmer vi skraldespanden hver 14. dag. Se nordby.dk/affald.",
            ),
            _document(
                "sydby-affald",
                "Affald i Sydby\nI Sydby Kommune tømmer vi skraldespanden hver uge. Se sydby.dk. "
                "Sydby Kommune, Torvet 1.",
            ),
            _document(
                "kbh-parkering",
                "Beboerlicens i København\nI Københavns Kommune koster en licens 1.100 kr. Københavns Kommune, "
                "Islands Brygge 37. Det gælder ikke i Frederiksberg Kommune.",
            ),
            _document("mitid", "MitID\nDu får MitID hos din kommune. Din kommune kan hjælpe."),
            # A national page that names a municipality as an example, twice, is none's.
            _document(
                "friplads",
                "Friplads\nDu søger hos din kommune, for eksempel Nordby Kommune. I Nordby kan du søge digitalt.",
            ),
            # A common word the markup ran on into a sentence is written in lower case
            # elsewhere: no name.
            _document("pas", "Pas\nBestil tid til pas Din kommune. Du kan gå til din kommune."),
        ]
    )


def test_the_corpus_knows_each_municipality_and_which_ones_its_pages_name_and_are_about() -> None:
    corpus = _corpus()
    assert corpus.names == frozenset({"nordby", "sydby", "københavns", "frederiksberg"})
    assert corpus.named_by == {
        "nordby-affald": frozenset({"nordby"}),
        "sydby-affald": frozenset({"sydby"}),
        "kbh-parkering": frozenset({"københavns", "frederiksberg"}),
        "mitid": frozenset(),
        "friplads": frozenset({"nordby"}),
        "pas": frozenset(),
    }
    assert corpus.municipality_of == {
        "nordby-affald": frozenset({"nordby"}),
        "sydby-affald": frozenset({"sydby"}),
        "kbh-parkering": frozenset({"københavns"}),
        "mitid": frozenset(),
        "friplads": frozenset(),
        "pas": frozenset(),
    }


@pytest.mark.parametrize(
    ("texts", "asked"),
    [
        (["Hvor tit tømmer Nordby Kommune skraldespanden?"], {"nordby"}),
        (["Hvor tit tømmes skraldespanden i Nordbys kommune"], {"nordby"}),
        (["Hvad koster en beboerlicens i København?"], {"københavns"}),
        # An English question's Danish rendering names it.
        (
            ["How much is a resident permit in Copenhagen?", "How much is a resident licens i København?"],
            {"københavns"},
        ),
        (["Hvad er forskellen på Nordby og Sydby?"], {"nordby", "sydby"}),
        (["hvor tit tømmes skraldespanden i nordby"], {"nordby"}),
        # Only the corpus's municipalities: a misspelt or unknown name, a word of a
        # hyphenated name or "The Municipality" names none (found by review).
        (["Hvor tit tømmes skraldespanden i Aarhus Kommune?"], set()),
        (["Hvad koster en licens i Kobenhavns Kommune? From The Municipality? Min Kommune?"], set()),
        # A name followed by another capitalised word names a place or thing there; a name
        # that is also a word counts only with a capital (found by the second review).
        (["Hvilken bus kører til Nordby Station? Hvor ligger Sydby Hospital?"], set()),
        (["Hvornår tømmes skraldespanden i Nordby Kommune?"], {"nordby"}),
        (["Hvor tit tømmes skraldespanden?"], set()),
    ],
)
def test_a_question_names_the_corpus_municipalities_of_its_capitalised_words_and_danish_rendering(
    texts: list[str], asked: set[str]
) -> None:
    assert _corpus().asked(texts) == frozenset(asked)


def test_a_municipality_named_as_a_common_word_is_asked_only_with_its_capital() -> None:
    # Found by the second review: a corpus that never writes "vejen" in lower case.
    corpus = CorpusMunicipalities.of(
        [_document("vejen-sne", "Snerydning i Vejen\nI Vejen Kommune rydder vi cykelstier. Vejen Kommune, Rådhuset.")]
    )
    assert corpus.names == frozenset({"vejen"})
    assert corpus.asked(["Skal jeg selv rydde sne på vejen foran mit hus?"]) == frozenset()
    assert corpus.asked(["Hvornår rydder Vejen Kommune sne?", "Hvornår rydder Vejens kommune sne?"]) == {"vejen"}


def test_a_town_in_an_address_or_a_named_place_does_not_make_a_page_that_municipalitys() -> None:
    # Found by the third review: a regional page giving its address in Viborg three times.
    corpus = CorpusMunicipalities.of(
        [
            _document("viborg-affald", "Affald i Viborg\nViborg Kommune henter affald. Se viborg.dk. Viborg Kommune."),
            _document(
                "region-befordring",
                "Patientbefordring\nDu kan få kørsel til sygehuset. Patientbefordringen, Regionshuset Viborg, "
                "Skottenborg 26, 8800 Viborg. Send til Befordringskontoret, Skottenborg 26, 8800 Viborg. "
                "Ring til Viborg Sygehus.",
            ),
        ]
    )
    assert corpus.municipality_of == {"viborg-affald": frozenset({"viborg"}), "region-befordring": frozenset()}


def test_a_page_is_from_elsewhere_when_it_is_about_another_municipality_only() -> None:
    corpus = _corpus()
    nordby = frozenset({"nordby"})
    assert corpus.elsewhere(nordby, "sydby-affald")
    assert not corpus.elsewhere(nordby, "nordby-affald")
    # A national page is about none, even one that gives a municipality as an example; a
    # question that names none asks about no municipality.
    assert not corpus.elsewhere(nordby, "mitid")
    assert not corpus.elsewhere(frozenset({"sydby"}), "friplads")
    assert not corpus.elsewhere(frozenset(), "sydby-affald")
    assert not corpus.elsewhere(frozenset({"nordby", "sydby"}), "sydby-affald")
    assert not corpus.elsewhere(nordby, "no-such-document")
    # A page that names the asked municipality at all is not from elsewhere, though it is
    # about another (a neighbour named once, a city-services page listing several).
    assert not corpus.elsewhere(frozenset({"frederiksberg"}), "kbh-parkering")
    assert corpus.elsewhere(frozenset({"sydby"}), "kbh-parkering")


_PAGES = {
    "nordby-dagpleje.md": (
        "---\ntitle: Dagpleje i Nordby Kommune\n---\n# Dagpleje i Nordby Kommune\n\n"
        "I Nordby Kommune kan du søge om en plads i dagpleje, når dit barn er 26 uger gammelt.\n\n"
        "Du søger på nordby.dk/pladsanvisning, og du får svar inden for 3 uger.\n\n"
        "Pladsanvisningen, Nordby Kommune, Torvet 1.\n"
    ),
    "sydby-dagpleje.md": (
        "---\ntitle: Dagpleje i Sydby Kommune\n---\n# Dagpleje i Sydby Kommune\n\n"
        "I Sydby Kommune koster en plads i dagpleje 3.320 kr. om måneden.\n\n"
        "Du søger på sydby.dk/pladsanvisning, når dit barn er 6 måneder.\n\n"
        "Pladsanvisningen, Sydby Kommune, Algade 2.\n"
    ),
}
_ENGINE: list[QAEngine] = []


def _engine(tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> QAEngine:
    if not _ENGINE:
        corpus = tmp_path_factory.mktemp("municipal-corpus")
        for name, text in _PAGES.items():
            (corpus / name).write_text(text, encoding="utf-8")
        root: Path = tmp_path_factory.mktemp("municipal-index")
        build(read_corpus(corpus).documents, embedder, root)
        _ENGINE.append(QAEngine(load_live_index(root, embedder.identity), embedder))
    return _ENGINE[0]


@pytest.mark.parametrize(
    "question",
    [
        "Hvad koster en plads i dagpleje i Nordby Kommune?",
        "hvad koster dagpleje i nordby",
        "How much is a childminder place in Nordby?",
    ],
)
def test_another_municipalitys_fee_does_not_answer_a_question_about_one_whose_page_gives_none(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Any, question: str
) -> None:
    engine = _engine(tmp_path_factory, real_embedder)
    result = engine.ask(question, always_cite=True)
    assert not result.answered
    assert result.evidence == 0.0
    assert result.citations[0].doc_id == "sydby-dagpleje"


def test_the_municipality_whose_page_gives_it_is_answered(
    tmp_path_factory: pytest.TempPathFactory, real_embedder: Any
) -> None:
    engine = _engine(tmp_path_factory, real_embedder)
    result = engine.ask("Hvad koster en plads i dagpleje i Sydby Kommune?")
    assert result.answered
    assert result.citations[0].quote == "I Sydby Kommune koster en plads i dagpleje 3.320 kr. om måneden."
    # Not a rule of its own when the question names no municipality.
    assert engine.trace("Hvad koster en plads i dagpleje?").decision.probability > 0.0
