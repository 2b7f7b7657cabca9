"""A text export's header: the site's name, the page's title, its web address and its date
stamp, one line each (held-out t148's page, `tests/fixtures/text/source_lines/`, page set
`zzzzi` since stop 62). The four lines were read as one sentence and quoted for a question
on a deadline and one on bonfires in one's own garden; now the title is a heading, the
address and the stamp lines of their own, and neither the address nor the stamp is an
answer unless the question asks where (real model)."""

from __future__ import annotations

from typing import Any

import pytest

from qa.documents import read_corpus
from qa.engine import QAEngine
from qa.index import build, load_live_index
from tests.conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "text" / "source_lines"
ADDRESS = "https://www.birkelund.dk/borger/natur-og-friluftsliv/sankthansbaal"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> QAEngine:
    index = tmp_path_factory.mktemp("source-lines")
    build(read_corpus(PAGES).documents, real_embedder, index)
    return QAEngine(load_live_index(index, real_embedder.identity), real_embedder)


@pytest.mark.model
def test_a_question_on_the_pages_subject_is_answered_from_its_text_not_its_header(engine: QAEngine) -> None:
    answer = engine.ask("Kræver et lille sankthansbål i min have en tilladelse fra Birkelund Kommune?")
    assert (answer.answered, [c.quote for c in answer.citations][:1]) == (
        True,
        ["Et bål i din egen have kræver ikke tilladelse, hvis det højst er 2 meter i diameter og 2 meter højt."],
    )


@pytest.mark.model
@pytest.mark.parametrize(
    "question",
    [
        "sidste frist ansøgning sankthansbål Birkelund 2026",
        "Hvornår blev siden om sankthansbål sidst opdateret?",
        "Hvad skal der til for at få tilladelse til et sankthansbål på stranden?",
    ],
)
def test_the_address_and_the_date_stamp_are_never_quoted_for_a_question_not_asking_where(
    engine: QAEngine, question: str
) -> None:
    quotes = [c.quote for c in engine.ask(question, always_cite=True).citations]
    assert quotes and not any(ADDRESS in quote or "Senest opdateret" in quote for quote in quotes)


@pytest.mark.model
def test_the_address_may_answer_a_question_asking_where(engine: QAEngine) -> None:
    trace = engine.trace("Hvor kan jeg læse Birkelund Kommunes regler om sankthansbål på nettet?")
    texts = [" ".join(engine.data.sentences[s].text for s in c.sentence_ids) for c in trace.candidates]
    assert ADDRESS in texts
