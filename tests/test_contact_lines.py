"""A line of contact details and nothing more answers only a question about reaching
someone, or where or who: the engine withholds it for any other question
(`qa.answer_types.contact_only`, `asks_contact`, `qa.engine.QAEngine.trace`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from qa.answer_types import asks_contact, contact_only
from qa.documents import read_corpus
from qa.engine import QAEngine
from qa.index import build, load_live_index
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tlf. 87 15 22 00 jobcenter@lyngmose.dk", True),
        ("Telefon 76 21 45 30 (mandag–fredag kl. 9–12) · kultur@fjordby.dk", True),
        ("Phone +45 41 91 30 30 · mail@stormraadet.example", True),
        ("E-mail: borgerservice@hedeby.dk", True),
        ("Telefon: 72 36 00 00 · www.esbjerg.dk/jobcenter", True),
        # Says more than how to reach someone, or holds no number or address at all.
        ("Ring på 72 34 10 00, hvis du har spørgsmål.", False),
        ("Jobcenter Ravnsholt, Torvet 3, tlf. 70 11 22 33", False),
        ("Send en mail til kultur@fjordby.dk med dit CPR-nummer.", False),
        ("Telefontid hverdage kl. 9-12", False),
        # A bracket of instructions is more than phone hours (a stop 46 review's pages).
        ("visitation@aadal.dk (send ikke personfølsomme oplysninger med almindelig mail)", False),
        ("Kontingentet er 450 kr. om året.", False),
    ],
)
def test_a_line_of_nothing_but_contact_details_is_told_from_text(text: str, expected: bool) -> None:
    assert contact_only(text) is expected


@pytest.mark.parametrize(
    ("question", "answer_type", "form", "expected"),
    [
        ("Hvad er telefonnummeret til musikskolen?", "other", "phone", True),
        ("Hvordan kontakter jeg musikskolen?", "how", None, True),
        ("Can I call the music school?", "yes_no", None, True),
        ("Hvor ligger musikskolen?", "where", None, True),
        # A stop 46 review's phrasings: keywords, "get in touch", a compound, phone hours.
        ("musikskolen kærbæk tlf", "other", None, True),
        ("How do I get in touch with the music school in Kærbæk?", "how", None, True),
        ("Hvad er mobilnummeret til hjælpemiddelafdelingen?", "other", None, True),
        ("Hvornår har Opkrævningen i Solbjerg åbent?", "when", None, True),
        # A second review's: compounds of "telefon", reporting and sending, a closure.
        ("Hvad er vagttelefonen for rotter i Egely?", "other", None, True),
        ("How do I report rats in Egely without MitID?", "how", None, True),
        ("Har Opkrævningen lukket i sommerferien?", "yes_no", None, True),
        ("Koster det noget at gå til kor på musikskolen?", "yes_no", None, False),
        ("When does the spring round close?", "when", None, False),
    ],
)
def test_a_question_about_reaching_someone_or_where_or_who_may_be_answered_by_contact_details(
    question: str, answer_type: Any, form: Any, expected: bool
) -> None:
    assert asks_contact(question, answer_type, form) is expected


@pytest.mark.model
def test_contact_details_answer_a_phone_question_and_a_price_question_is_withheld(
    tmp_path: Path, real_embedder: Any
) -> None:
    # A tester's question of page set `q`, "Koster det noget at gå til kor på musikskolen
    # i Kærbæk?", was answered with the music school page's line "Tlf. 74 55 20 10
    # musikskole@kaerbaek.dk" (the set's eight pages indexed together, as `qa eval` does).
    build(read_corpus(ROOT / "tests" / "eval" / "pages" / "q" / "corpus").documents, real_embedder, tmp_path)
    engine = QAEngine(load_live_index(tmp_path, real_embedder.identity), real_embedder)
    contact = "Tlf. 74 55 20 10 musikskole@kaerbaek.dk"
    price = engine.ask("Koster det noget at gå til kor på musikskolen i Kærbæk?", always_cite=True)
    assert (price.answered, price.citations[0].quote) == (False, contact)
    phone = engine.ask("Hvad er telefonnummeret til musikskolen i Kærbæk?", always_cite=True)
    assert (phone.answered, phone.citations[0].quote) == (True, contact)
