"""A PDF sentence cut by a page break, answered end to end with the real model through a
built and loaded index: each citation carries the page its sentence starts on."""

from __future__ import annotations

import pytest

from qa.documents import read_corpus
from qa.engine import QAEngine
from qa.index import build, load_live_index
from tests.generated_documents import CUSTODY_PAGE_1, CUSTODY_PAGE_2, write_pages_pdf
from tests.test_pdf_page_breaks import FIRST_SENTENCE, INTRO, SECOND_SENTENCE

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def custody_engine(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> QAEngine:  # type: ignore[no-untyped-def]
    corpus = tmp_path_factory.mktemp("custody-corpus")
    body = [(INTRO, 11.0), ("", 11.0), *((line, 11.0) for line in CUSTODY_PAGE_1)]
    write_pages_pdf(corpus / "foraeldremyndighed.pdf", [body, [(line, 11.0) for line in CUSTODY_PAGE_2]])
    root = tmp_path_factory.mktemp("custody-index")
    build(read_corpus(corpus).documents, real_embedder, root)
    return QAEngine(load_live_index(root, real_embedder.identity), real_embedder)


def test_a_sentence_that_starts_on_page_one_and_ends_on_page_two_is_cited_whole_with_page_one(
    custody_engine: QAEngine,
) -> None:
    result = custody_engine.ask("Hvem kan få oplysninger om barnet fra skole og daginstitution?", always_cite=True)
    citation = result.citations[0]
    assert (citation.quote, citation.page) == (FIRST_SENTENCE, 1)
    assert citation.quote == custody_engine.document("foraeldremyndighed").text[citation.start : citation.end]


def test_the_next_sentence_which_starts_on_page_two_is_cited_with_page_two(custody_engine: QAEngine) -> None:
    result = custody_engine.ask("Hvor kan barnet bo?", always_cite=True)
    citation = result.citations[0]
    assert (citation.quote, citation.page) == (SECOND_SENTENCE, 2)
