"""Redaction of CPR numbers, e-mail addresses and Danish phone numbers."""

from __future__ import annotations

import unicodedata

import pytest

from qa.index import VERSION_PATTERN, new_build_id
from qa.normalise import INVISIBLE_CHARACTER, normalise
from qa.redaction import redact

# Invisible characters outside category Cf, each at the start and the end of its range.
NOT_FORMAT_INVISIBLE = [
    "\u034f",  # combining grapheme joiner
    "\ufe00",  # variation selectors
    "\ufe0f",
    "\U000e0100",  # variation selectors supplement
    "\U000e01ef",
    "\u115f",  # Hangul fillers
    "\u1160",
    "\u3164",
    "\uffa0",
]


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
        "index 20261201T155036302792Z-bb87aabc",
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


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) - ord("0") + 0xFF10) if c.isdigit() else c for c in text)


# The CPR matrix: the number 010203-1234 in every way a person (or a keyboard) writes it.
CPR_FORMS = [
    "010203-1234",
    "010203\u20131234",  # en dash
    "010203\u20141234",  # em dash
    "010203\u20101234",  # Unicode hyphen
    "010203\u20111234",  # non-breaking hyphen
    "010203\u22121234",  # minus sign
    "010203\ufe631234",  # small hyphen-minus
    "010203\uff0d1234",  # full-width hyphen-minus
    "010203.1234",
    "010203/1234",
    "010203 1234",
    "010203\u00a01234",  # no-break space
    "010203\u202f1234",  # narrow no-break space
    "010203 - 1234",
    "0102031234",
    "01.02.03-1234",
    "01 02 03 1234",
    "01/02/03-1234",
    "010203\u00ad1234",  # soft hyphen
    "010203\u00ad-1234",  # soft hyphen beside a dash
    "01\u200b02\u200b03-1234",  # zero-width spaces
    "010203-\u200d1234",  # zero-width joiner
    "0102\u2060031234",  # word joiner
    "010203\u200e-1234",  # left-to-right mark
    _full_width("010203-1234"),
    _full_width("0102031234"),
    "٠١٠٢٠٣-١٢٣٤",  # Arabic-Indic digits
]


@pytest.mark.parametrize("form", CPR_FORMS)
def test_every_written_form_of_a_cpr_number_is_redacted(form: str) -> None:
    assert redact(f"Mit CPR er {form}, hjælp.") == "Mit CPR er [CPR], hjælp."
    assert redact(form) == "[CPR]"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("skriv til anna＠kommune.dk", "skriv til [EMAIL]"),
        (_full_width("tlf. 12 34 56 78"), "tlf. [TELEFON]"),
        ("ring +45\u00a012\u00a034\u00a056\u00a078", "ring [TELEFON]"),
    ],
)
def test_unicode_variants_of_e_mail_and_phone_are_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail hans\u200b@kommune.dk", "mail [EMAIL]"),
        ("mail hans@kom\u00admune.dk i dag", "mail [EMAIL] i dag"),
        ("tlf. 12\u200b34 56 78", "tlf. [TELEFON]"),
        ("cpr 111111\u00ad-1118", "cpr [CPR]"),
    ],
)
def test_invisible_format_characters_do_not_hide_personal_data(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("invisible", NOT_FORMAT_INVISIBLE, ids=lambda ch: f"U+{ord(ch):04X}")
def test_invisible_characters_that_are_not_format_characters_do_not_hide_personal_data(invisible: str) -> None:
    assert unicodedata.category(invisible) != "Cf"
    assert redact(f"cpr 111111{invisible}-1118 tak") == "cpr [CPR] tak"
    assert redact(f"cpr 1111{invisible}11 1118") == "cpr [CPR]"
    assert redact(f"mail hans{invisible}@kommune.dk i dag") == "mail [EMAIL] i dag"
    assert redact(f"mail hans@kom{invisible}mune.dk") == "mail [EMAIL]"
    assert redact(f"tlf. 12{invisible}34 56 78") == "tlf. [TELEFON]"


def test_redaction_reads_through_exactly_the_characters_normalisation_removes() -> None:
    # One definition of "invisible": every character normalisation drops is read through.
    invisible = [chr(c) for c in range(0x110000) if INVISIBLE_CHARACTER.match(chr(c))]
    assert all(normalise(f"a{ch}b") == "ab" for ch in invisible)
    assert [ch for ch in invisible if redact(f"cpr 111111{ch}-1118") != "cpr [CPR]"] == []
    # Every format character (Cf) is among them, as redaction has always read through Cf.
    assert [c for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf" and chr(c) not in invisible] == []
    assert normalise("a\u200cb\u0301") == "ab\u0301"  # combining marks that are drawn stay


def test_format_characters_outside_personal_data_are_kept() -> None:
    text = "Ansøgnings\u00adfristen\u200b: 010203\u00ad-1234 \u2066x\u2069"
    assert redact(text) == "Ansøgnings\u00adfristen\u200b: [CPR] \u2066x\u2069"
    assert redact(redact(text)) == redact(text)
    assert redact("konto 99\u00ad9999\u00ad9999") == "konto 99\u00ad9999\u00ad9999"  # no date: kept as written


def test_a_date_that_is_no_day_of_a_month_is_not_a_cpr_number_in_any_form() -> None:
    assert redact("ref. 41.13.03-1234") == "ref. 41.13.03-1234"


def test_lone_surrogates_become_replacement_characters_so_the_text_can_be_stored() -> None:
    assert redact("spørgsmål \ud800 her") == "spørgsmål \ufffd her"
    redact("x\udfff").encode("utf-8")


def test_index_versions_and_build_folders_are_kept_whole_though_their_hash_is_eight_digits() -> None:
    version = new_build_id("06750844" + "0" * 56)
    assert VERSION_PATTERN.match(version)
    text = f"index {version} is live; run `qa index use {version}`; left .building-{version}-12345678"
    assert redact(text) == text


def test_a_phone_number_next_to_an_index_version_is_still_redacted() -> None:
    assert redact("20261203T060301090663Z-06750844 ring 12345678, journal-20231234") == (
        "20261203T060301090663Z-06750844 ring [TELEFON], journal-[TELEFON]"
    )
