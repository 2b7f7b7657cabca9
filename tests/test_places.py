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
        # A sentence's or line's first word says nothing by its capital.
        ("Din kommune kan hjælpe. Your municipality can help.\nNordby Kommune – Affald", []),
        # A nationality is no municipality.
        ("This is so in every Danish municipality.", []),
        ("Kontakt kommunen på nordby.dk.", []),
    ],
)
def test_a_municipality_is_a_capitalised_word_inside_a_sentence_before_kommune(text: str, names: list[str]) -> None:
    assert municipalities_written(text) == names


def test_a_genitive_name_is_known_without_its_s() -> None:
    assert name_forms("københavns") == frozenset({"københavns", "københavn"})
    assert name_forms("nordby") == frozenset({"nordby"})


def _corpus() -> CorpusMunicipalities:
    return CorpusMunicipalities.of(
        [
            _document("nordby-affald", "Affald\nI Nordby Kommune tømmer vi skraldespanden hver 14. dag."),
            _document("sydby-affald", "Affald\nI Sydby Kommune tømmer vi skraldespanden hver uge. Se sydby.dk."),
            _document("kbh-parkering", "Beboerlicens\nI Københavns Kommune koster en licens 1.100 kr."),
            _document("mitid", "MitID\nDu får MitID hos din kommune. Din kommune kan hjælpe."),
            # A common word the markup ran on into a sentence is written in lower case
            # elsewhere: no name.
            _document("pas", "Pas\nBestil tid til pas Din kommune. Du kan gå til din kommune."),
        ]
    )


def test_the_corpus_knows_each_municipality_and_which_documents_name_it() -> None:
    corpus = _corpus()
    assert corpus.names == frozenset({"nordby", "sydby", "københavns"})
    assert corpus.named_by == {
        "nordby-affald": frozenset({"nordby"}),
        "sydby-affald": frozenset({"sydby"}),
        "kbh-parkering": frozenset({"københavns"}),
        "mitid": frozenset(),
        "pas": frozenset(),
    }


@pytest.mark.parametrize(
    ("texts", "asked"),
    [
        (["Hvor tit tømmer Nordby Kommune skraldespanden?"], {"nordby"}),
        (["hvor tit tømmes skraldespanden i nordbys kommune"], {"nordby"}),
        (["Hvad koster en beboerlicens i København?"], {"københavns"}),
        # An English question's Danish rendering names it.
        (
            ["How much is a resident permit in Copenhagen?", "How much is a resident licens i København?"],
            {"københavns"},
        ),
        # A municipality the corpus does not know, named as one.
        (["Hvor tit tømmes skraldespanden i Aarhus Kommune?"], {"aarhus"}),
        (["Hvor tit tømmes skraldespanden?"], set()),
        (["Hvad er forskellen på Nordby og Sydby?"], {"nordby", "sydby"}),
    ],
)
def test_a_question_names_the_municipalities_of_its_words_and_of_its_danish_rendering(
    texts: list[str], asked: set[str]
) -> None:
    assert _corpus().asked(texts) == frozenset(asked)


def test_a_page_is_from_elsewhere_when_it_names_only_other_municipalities() -> None:
    corpus = _corpus()
    nordby = frozenset({"nordby"})
    assert corpus.elsewhere(nordby, "sydby-affald")
    assert not corpus.elsewhere(nordby, "nordby-affald")
    # A national page names none; a question that names none asks about no municipality.
    assert not corpus.elsewhere(nordby, "mitid")
    assert not corpus.elsewhere(frozenset(), "sydby-affald")
    assert corpus.elsewhere(frozenset({"aarhus"}), "sydby-affald")
    assert not corpus.elsewhere(frozenset({"nordby", "sydby"}), "sydby-affald")
    assert not corpus.elsewhere(nordby, "no-such-document")


_PAGES = {
    "nordby-dagpleje.md": (
        "---\ntitle: Dagpleje i Nordby Kommune\n---\n# Dagpleje i Nordby Kommune\n\n"
        "I Nordby Kommune kan du søge om en plads i dagpleje, når dit barn er 26 uger gammelt.\n\n"
        "Du søger på nordby.dk/pladsanvisning, og du får svar inden for 3 uger.\n"
    ),
    "sydby-dagpleje.md": (
        "---\ntitle: Dagpleje i Sydby Kommune\n---\n# Dagpleje i Sydby Kommune\n\n"
        "I Sydby Kommune koster en plads i dagpleje 3.320 kr. om måneden.\n\n"
        "Du søger på sydby.dk/pladsanvisning, når dit barn er 6 måneder.\n"
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
        "Hvad koster en plads i dagpleje i Aarhus Kommune?",
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
