"""A PDF and a Word document answered end to end with the real model: exact citations,
the PDF's page in citations and passages (issue 6, point 7)."""

from __future__ import annotations

import pytest

from qa.documents import read_corpus
from qa.engine import QAEngine
from qa.index import build, load_live_index
from tests.generated_documents import write_docx, write_pdf

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def office_engine(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> QAEngine:  # type: ignore[no-untyped-def]
    corpus = tmp_path_factory.mktemp("office-corpus")
    write_pdf(corpus / "sygesikring.pdf")
    write_docx(corpus / "vejledning.docx")
    root = tmp_path_factory.mktemp("office-index")
    build(read_corpus(corpus).documents, real_embedder, root)
    return QAEngine(load_live_index(root, real_embedder.identity), real_embedder)


def test_a_pdf_answer_on_page_two_is_cited_exactly_with_its_page(office_engine: QAEngine) -> None:
    result = office_engine.ask("Hvad koster et pas til børn?", always_cite=True)
    citation = result.citations[0]
    text = office_engine.document("sygesikring").text
    assert citation.doc_id == "sygesikring"
    assert citation.quote == text[citation.start : citation.end]
    assert "155 kr." in citation.quote
    assert citation.page == 2
    top = result.passages[0]
    assert top.doc_id == "sygesikring" and top.page == 2


def test_a_pdf_answer_on_page_one_carries_page_one(office_engine: QAEngine) -> None:
    result = office_engine.ask("Hvad koster et erstatningskort?", always_cite=True)
    citation = result.citations[0]
    assert citation.quote == "Et erstatningskort koster 205 kr."
    assert citation.page == 1


def test_a_word_table_row_is_cited_exactly_without_a_page(office_engine: QAEngine) -> None:
    result = office_engine.ask("Hvad koster et pas til voksne?", always_cite=True)
    citation = result.citations[0]
    text = office_engine.document("vejledning").text
    assert citation.doc_id == "vejledning"
    assert citation.quote == text[citation.start : citation.end] == "Ydelse: Pas til voksne; Pris: 745 kr."
    assert citation.page is None
