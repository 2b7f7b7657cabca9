"""Answer types of questions in subordinate word order: an indirect question ("hvad et pas
koster", "how much a passport costs") asks what the direct one asks."""

from __future__ import annotations

import pytest

from qa.analysis import key_terms
from qa.answer_types import answer_type, asks_price, named_answer_type
from qa.question import analyse


@pytest.mark.parametrize(
    ("direct", "subordinate", "kind", "price"),
    [
        ("Hvad koster et pas?", "hvad et pas koster", "how_much", True),
        ("Hvor meget koster det at forny kørekort?", "Hvor meget det koster at forny kørekort", "how_much", True),
        ("Hvad koster det at forny kørekortet?", "hvad det koster at forny kørekortet?", "how_much", True),
        ("Hvad skal man betale for et sundhedskort?", "hvad man skal betale for et sundhedskort", "how_much", True),
        ("Hvad er prisen på et pas?", "hvad prisen på et pas er", "how_much", True),
        ("Hvor kan jeg aflevere storskrald?", "hvor jeg kan aflevere storskrald?", "where", False),
        ("Hvor søger man boligstøtte?", "hvor man søger boligstøtte", "where", False),
        ("Kan jeg få SU?", "om jeg kan få SU", "yes_no", False),
        ("Er Digital Post obligatorisk?", "om Digital Post er obligatorisk", "yes_no", False),
        ("How much does a passport cost?", "how much a passport costs?", "how_much", True),
        ("How much will it cost to renew my licence?", "how much it will cost to renew my licence", "how_much", True),
        ("What does a passport cost?", "what a passport costs", "how_much", True),
        ("How much do I have to pay for daycare?", "how much I have to pay for daycare", "how_much", True),
        ("How can I renew my passport?", "how I can renew my passport", "how", False),
        ("Can I get housing benefit?", "if I can get housing benefit", "yes_no", False),
        ("Can I get housing benefit?", "whether I can get housing benefit", "yes_no", False),
    ],
)
def test_a_question_in_subordinate_word_order_asks_what_the_direct_one_asks(
    direct: str, subordinate: str, kind: str, price: bool
) -> None:
    assert (answer_type(direct), asks_price(direct)) == (kind, price)
    assert (answer_type(subordinate), asks_price(subordinate)) == (kind, price)


@pytest.mark.parametrize(
    ("question", "kind", "price"),
    [
        ("Hvad gør jeg, hvis det koster for meget?", "how", False),
        ("What happens if I cannot pay the costs?", "other", False),
        ("If I move, when do I tell the municipality?", "when", False),
        ("If I lose my passport, what should I do?", "how", False),
        ("How I am taxed on SU", "other", False),
    ],
)
def test_a_verb_after_the_interrogative_or_an_if_clause_before_it_keeps_the_question_direct(
    question: str, kind: str, price: bool
) -> None:
    assert (answer_type(question), asks_price(question)) == (kind, price)


def test_whether_is_no_key_term() -> None:
    assert key_terms("whether I can get housing benefit", language="en") == key_terms(
        "I can get housing benefit", language="en"
    )


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # a clause in subordinate order further on is a statement, not what is asked
        ("Skal jeg oplyse, hvad jeg betaler i husleje, når jeg søger boligstøtte?", "yes_no"),
        ("Can I deduct what it cost to move?", "yes_no"),
        ("Do I get back what the treatment cost?", "yes_no"),
        ("Hvad hvis tandlægen koster mere end jeg kan betale?", "how_much"),  # "hvad hvis": what if
        ("What is the officer in charge?", "other"),
        # a relative "hvor" is no where-question
        ("Jeg flytter til Aarhus, hvor jeg skal studere. Hvornår skal jeg melde flytning?", "when"),
        ("Vi har et sommerhus, hvor vi bor om sommeren. Kan vi få boligstøtte?", "yes_no"),
        ("Jeg bor i en andelsbolig hvor jeg betaler boligafgift, kan jeg få boligstøtte?", "other"),
    ],
)
def test_subordinate_word_order_counts_only_at_the_start_of_the_question(question: str, kind: str) -> None:
    assert not asks_price(question)
    assert answer_type(question) == kind


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # A query of keywords names what it asks for with a noun.
        ("lundsted waiting list fee", "how_much"),
        ("dog poop fine solvang", "how_much"),
        ("bøde hund uden snor i skoven", "how_much"),
        ("parkbetjent bøde egebjerg", "how_much"),
        ("egenbetaling ortopædiske sko barn 7 år", "how_much"),
        ("sats for dagpenge pr måned", "how_much"),
        ("sagsbehandlingstid hegnssyn", "how_long"),
        ("ventetid ungdomsbolig", "how_long"),
        ("waiting time hearing aids public hospital", "how_long"),
        ("klagefrist afgørelse om aflivning af hund", "when"),
        ("ansøgningsfrist aktivitetstilskud", "when"),
        ("familiehuset telefontid fredag", "when"),
        ("aid depot phone hours", "when"),
        # So does a "what" question asking for a thing.
        ("What's the fine if my fence is higher than allowed?", "how_much"),
        ("What’s the reminder fee if I pay late?", "how_much"),
        ("What fine can an employer get?", "how_much"),
        ("What will the rent tribunal fee be in 2027?", "how_much"),
        ("Hvad er klagefristen, hvis jeg får afslag?", "when"),
    ],
)
def test_a_noun_naming_what_is_asked_is_a_hint_to_the_reader_not_a_filter(question: str, kind: str) -> None:
    # `answer_type` leaves these `other`; the named type is the reader's hint, and the
    # reader keeps candidates without an amount, a duration or a date ("Kommunens
    # parkbetjente kan ikke selv give bøder" answers "parkbetjent bøde egebjerg").
    analysed = analyse(question)
    assert (answer_type(question), named_answer_type(question)) == ("other", kind)
    assert (analysed.answer_type, analysed.type_named, analysed.strict) == (kind, True, False)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        # An interrogative pattern matched, or a question word other than "what" asks.
        ("I got a fine for parking, how do I complain?", "how"),
        ("Is it fine to park here?", "yes_no"),
        ("What happens if I cannot pay the costs?", "other"),
        ("Which properties don't have to pay the rat control fee?", "other"),
        ("Hvad gør jeg, hvis bøden er for høj?", "how"),
        ("Hvad koster et pas?", "how_much"),
        # A question mark and no question word ask yes or no, whatever noun they name.
        ("Giver parkbetjente bøder i Egebjerg?", "yes_no"),
        ("ældrebolig ventetidsgaranti?", "yes_no"),
        ("Stopper aflivningen, hvis jeg klager inden klagefristen?", "yes_no"),
        # Danish "rate" is an instalment, "indsats" an effort, "bisats" a clause.
        ("ejendomsskat marts rate sidste betalingsdag", "other"),
        ("nytteindsats hours per week", "other"),
        ("Hvad er en bisats?", "other"),
        ("kommunens grundsatser for borgerinddragelse", "other"),
    ],
)
def test_no_noun_types_a_question_a_pattern_or_another_question_word_typed(question: str, kind: str) -> None:
    analysed = analyse(question)
    assert (analysed.answer_type, analysed.type_named) == (kind, False)
