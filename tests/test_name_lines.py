"""A line that is a name or a postal address and nothing more ("International House
Ravnsted", "Jernbanegade 4, 4790 Ravnsted": a contact box's or a link's title) answers only
a question asking who or where, or for an address (`qa.readers.common.names_only`,
`qa.reader.Reader.names_only`, `Reader.candidates`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from qa.documents import assemble, read_corpus
from qa.engine import QAEngine
from qa.index import build, load_live_index, prepare_index
from qa.readers.common import names_only
from tests.conftest import ROOT
from tests.fakes import FakeEmbedder
from tests.test_components import _engine


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("International House Ravnsted", True),
        ("Jobcenter Ravnsholt, Sygedagpengeteamet", True),
        ("Huslejenævnet (in Danish)", True),
        ("Familie- og Værgemålsstyrelsen", True),
        ("Kvartalsvis", True),
        ("4790 Ravnsholt", True),
        ("Rådhuspladsen 1, 6780 Strandvig", True),
        ("8100 Aarhus C", True),
        # A verb, a figure that is no postal code, a label, a sentence: more than a name.
        ("Borgerservice er lukket", False),
        ("Tirsdag 10-14", False),
        ("Ring 112", False),
        ("2. sal, 4790 Ravnsholt", False),
        ("Walk-in hours: Monday", False),
        ("Dag: Onsdag; Åbent: Lukket", False),
        ("450 kr.", False),
        ("Ansøgningen sendes til Borgerservice.", False),
        ("Hedeby Kommune · Rådhuspladsen 2 · 6230 Hedeby · Tlf. 74 12 34 56", False),
        ("Send en mail", False),
        ("", False),
    ],
)
def test_a_line_of_a_name_or_a_postal_address_and_nothing_more_is_told_from_text(text: str, expected: bool) -> None:
    assert names_only(text) is expected


HELP_BOX = assemble(
    "ih-ravnsted",
    [
        ("heading", 1, "Allotment gardens in Ravnsted"),
        ("heading", 2, "Need help?"),
        ("paragraph", 0, "International House Ravnsted"),
        ("paragraph", 0, "Jernbanegade 4, 4790 Ravnsted"),
        ("paragraph", 0, "Walk-in hours: Monday to Wednesday 10:00-15:00."),
        ("list_item", 0, "Borgerservice Ravnsted"),
    ],
)


def _offered(question: str) -> list[str]:
    """The texts of every answer candidate the reader offers for `question`."""
    engine = _engine(prepare_index([HELP_BOX], FakeEmbedder()), {"cos": 1.0})
    trace = engine.trace(question, depth=5)
    return sorted(" ".join(engine.data.sentences[s].text for s in c.sentence_ids) for c in trace.candidates)


def test_a_name_or_address_line_is_no_answer_to_what_when_or_how() -> None:
    # A fresh tester's page (stop 61): "International House Ravnsted walk-in hours" was
    # answered by the contact box's title.
    assert _offered("International House Ravnsted walk-in hours") == [
        "Borgerservice Ravnsted",  # a list item is read as before
        "Walk-in hours: Monday to Wednesday 10:00-15:00.",
    ]
    assert _offered("Can I come to International House Ravnsted on Mondays?") == [
        "Borgerservice Ravnsted",
        "Walk-in hours: Monday to Wednesday 10:00-15:00.",
    ]


@pytest.mark.parametrize(
    "question",
    [
        "Where is International House Ravnsted?",
        "Who can help me in Ravnsted?",
    ],
)
def test_a_name_or_address_line_answers_who_where_and_an_address(question: str) -> None:
    assert _offered(question) == [
        "Borgerservice Ravnsted",
        "International House Ravnsted",
        "Jernbanegade 4, 4790 Ravnsted",
        "Walk-in hours: Monday to Wednesday 10:00-15:00.",
    ]
    # Asked for an address, only the line holding one is offered, as before.
    assert _offered("Hvad er adressen på International House Ravnsted?") == ["Jernbanegade 4, 4790 Ravnsted"]


@pytest.mark.model
def test_a_contact_boxs_title_no_longer_answers_for_the_hours_under_it(tmp_path: Path, real_embedder: Any) -> None:
    # Page set `zzzze` (blind set `t144` of stop 59): the box "Need help?" holds the
    # office's name, its address and its walk-in hours; the name was quoted.
    pages = ("international-house-ravnsted-allotment-gardens", "ravnsted-kommune-kolonihaver")
    documents = [
        d for d in read_corpus(ROOT / "tests" / "eval" / "pages" / "zzzze" / "corpus").documents if d.doc_id in pages
    ]
    build(documents, real_embedder, tmp_path)
    engine = QAEngine(load_live_index(tmp_path, real_embedder.identity), real_embedder)
    answer = engine.ask("International House Ravnsted walk-in hours")
    assert (answer.answered, answer.citations[0].quote) == (
        True,
        "Walk-in hours: Monday–Wednesday 10:00–15:00 and Thursday 12:00–18:00.",
    )
