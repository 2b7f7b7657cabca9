"""Redaction of CPR numbers, e-mail addresses and Danish phone numbers."""

from __future__ import annotations

import pytest

from qa.redaction import redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mit CPR-nummer er 010203-1234.", "Mit CPR-nummer er [CPR]."),
        ("cpr 0102031234 tak", "cpr [CPR] tak"),
        ("CPR: 311299 4321", "CPR: [CPR]"),
        ("Skriv til anna.hansen@kommune.dk i dag", "Skriv til [EMAIL] i dag"),
        ("mail: Søren+test@sub.borger.dk.", "mail: [EMAIL]."),
        ("Ring på +45 12 34 56 78", "Ring på [TELEFON]"),
        ("Ring på +4512345678", "Ring på [TELEFON]"),
        ("Ring på 0045 12345678", "Ring på [TELEFON]"),
        ("tlf. 12345678", "tlf. [TELEFON]"),
        ("tlf. 12 34 56 78, hverdage", "tlf. [TELEFON], hverdage"),
        ("tlf. 1234 5678", "tlf. [TELEFON]"),
        (
            "Jeg (010203-1234) har mail a@b.dk og tlf 33 92 80 00.",
            "Jeg ([CPR]) har mail [EMAIL] og tlf [TELEFON].",
        ),
    ],
)
def test_personal_data_is_replaced(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I 2016 afsendte de offentlige myndigheder i alt 112,6 mio. Digital Post-meddelelser.",
        "Med den fællesoffentlige digitaliseringsstrategi 2016-2020 har Danmark ...",
        "Strategierne 2007 og 2011 og perioden 2011-2015.",
        "Årene 2016 2017 og beløbet 1.250.000 kr.",
        "Ring 112 ved nødsituationer, eller 1813.",
        "Version 2.13.0 og dokument 20-aars-faelles-digitaliseringsstrategier",
        "Telefonnummeret har 8 cifre, CPR-nummeret 10.",
        "320000 borgere og 12 345 678 kr.",
        "Datoen 01-02-2003 og kl. 10.30",
        "",
    ],
)
def test_ordinary_text_and_numbers_are_kept(text: str) -> None:
    assert redact(text) == text


def test_ten_digits_that_are_no_date_are_not_cpr_but_not_a_phone_either() -> None:
    # 9999999999 is no valid CPR (day 99) and too long for a phone number: kept as is.
    assert redact("konto 9999999999") == "konto 9999999999"


def test_redaction_is_idempotent() -> None:
    once = redact("010203-1234, a@b.dk, +45 12 34 56 78")
    assert redact(once) == once == "[CPR], [EMAIL], [TELEFON]"
