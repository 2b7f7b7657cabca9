"""A fee in a ruled PDF table, answered end to end with the real model: the citation is
the table row with each value next to its header, on the table's page."""

from __future__ import annotations

import pytest

from qa.documents import read_corpus
from qa.engine import QAEngine
from qa.index import build, load_live_index
from tests.generated_documents import write_table_pdf
from tests.test_pdf_tables import AFTER, BEFORE, FEES

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def fee_engine(tmp_path_factory: pytest.TempPathFactory, real_embedder) -> QAEngine:  # type: ignore[no-untyped-def]
    corpus = tmp_path_factory.mktemp("fee-corpus")
    write_table_pdf(corpus / "pas.pdf", BEFORE, FEES, AFTER, cover=True)
    root = tmp_path_factory.mktemp("fee-index")
    build(read_corpus(corpus).documents, real_embedder, root)
    return QAEngine(load_live_index(root, real_embedder.identity), real_embedder)


def test_a_fee_in_a_pdf_table_is_cited_as_its_row_with_the_headers_and_its_page(fee_engine: QAEngine) -> None:
    result = fee_engine.ask("Hvad koster et pas til børn på 0-17 år?", always_cite=True)
    citation = result.citations[0]
    assert (citation.quote, citation.page) == ("Ydelse: Pas 0-17 år; Pris: 155 kr.", 2)
    assert citation.quote == fee_engine.document("pas").text[citation.start : citation.end]
