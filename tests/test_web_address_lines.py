"""Web addresses on lines of their own, in a stop 62 reviewer's pages
(`tests/fixtures/web_addresses/`: text, Markdown and HTML in the style of municipal and
International House pages). A change that read such a line as a unit of its own (to keep a
text export's source line apart from its title and date stamp, held-out t148's page) cut
every sentence that wraps around an address ("... på / https://... / hvor du ...") into
three, and, offering the line only to a question typed `where`, lost the answer to a
question asking for a website ("Hjemmeside: www.norddal.dk/pas"); made a heading of the
line above an address, it hid "Haveaffald hentes fra april til november." from a question
on when garden waste is collected. These hold what the readers and the reader do with
them."""

from __future__ import annotations

from typing import Any

import pytest

from qa.documents import read_corpus, read_document
from qa.engine import QAEngine
from qa.index import build, load_live_index
from tests.conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "web_addresses"


@pytest.mark.parametrize(
    ("page", "sentence"),
    [
        (
            "taarnby-parkeringstilladelse.txt",
            "Du søger om licensen på https://www.taarnby.dk/selvbetjening/parkering hvor du også finder skemaet til "
            "genbrugsbiler.",
        ),
        (
            "solvang-affald.txt",
            "Haveaffald hentes fra april til november. Læs afhentningskalenderen på www.solvang.dk/affald/kalender for "
            "at se, hvilken uge der er afhentning på din vej.",
        ),
        (
            "norddal-boligstoette.md",
            "Du søger om boligstøtte hos Udbetaling Danmark på https://www.borger.dk/boligstoette hvor du logger på "
            "med MitID.",
        ),
        (
            "vestby-dagtilbud.html",
            "Du skriver dit barn op via Pladsanvisningen på https://www.vestby.dk/pladsanvisning hvor du også kan se "
            "ventelisten.",
        ),
        (
            "ih-housing.html",
            "You can search for student housing at https://www.northfieldhousing.dk which has a waiting list of about "
            "6 months.",
        ),
    ],
)
def test_an_address_on_its_own_line_inside_a_sentence_stays_in_the_sentence(page: str, sentence: str) -> None:
    document = read_document(PAGES / page)
    assert sentence in [document.block_text(block) for block in document.blocks]


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory, real_embedder: Any) -> QAEngine:
    index = tmp_path_factory.mktemp("web-addresses")
    build(read_corpus(PAGES).documents, real_embedder, index)
    return QAEngine(load_live_index(index, real_embedder.identity), real_embedder)


@pytest.mark.model
@pytest.mark.parametrize(
    ("question", "quote"),
    [
        ("Hvad er hjemmesiden for pas i Norddal?", "Hjemmeside: www.norddal.dk/pas"),
        ("What is the website of International House Northfield?", "Website: www.ihnorthfield.dk"),
        ("Hvornår hentes haveaffald?", "Haveaffald hentes fra april til november."),
    ],
)
def test_a_labelled_address_answers_a_question_asking_for_the_website(
    engine: QAEngine, question: str, quote: str
) -> None:
    answer = engine.ask(question)
    assert (answer.answered, [c.quote for c in answer.citations][:1]) == (True, [quote])
