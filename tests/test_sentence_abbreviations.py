"""Abbreviations that pair values with the wrong thing when they end a sentence (html-probe
report F6): weekday abbreviations in opening hours, "d." before a date, bank details, and
English abbreviations on English documents. Each case has its exact sentence list, and
counter-examples show that real sentence ends still split."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.chunking import chunk_document
from qa.documents import read_document
from qa.sentences import Abbreviation, abbreviations, parse_abbreviations, split_sentences


def sentences(text: str, language: str = "da") -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, language=language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # weekday abbreviations, capitalised and in ranges, before hours or a word
        (
            "Åbent for borgerservice: Man.-ons. 10.00-14.00 Tors. 14.00-17.30 Fre. lukket",
            ["Åbent for borgerservice: Man.-ons. 10.00-14.00 Tors. 14.00-17.30 Fre. lukket"],
        ),
        (
            "Åbningstider: Man.-ons. 10.00-15.00 Tors. 10.00-17.30 Fre. 10.00-13.00",
            ["Åbningstider: Man.-ons. 10.00-15.00 Tors. 10.00-17.30 Fre. 10.00-13.00"],
        ),
        ("Telefontid: man.-fre. 9-15. Lukket i weekenden.", ["Telefontid: man.-fre. 9-15.", "Lukket i weekenden."]),
        ("Man.-fre. 8.00-15.00, lør.-søn. 10-14", ["Man.-fre. 8.00-15.00, lør.-søn. 10-14"]),
        ("Tirs. 9-12 og søn. 10-16 er der åbent.", ["Tirs. 9-12 og søn. 10-16 er der åbent."]),
        ("Man. 10-14 og tir. 10-14", ["Man. 10-14 og tir. 10-14"]),
        # "d." (den) before a date
        ("Husk at betale senest d. 1. juli 2025.", ["Husk at betale senest d. 1. juli 2025."]),
        (
            "Fristen er d. 1. juli. Herefter pålægges et tillæg.",
            ["Fristen er d. 1. juli.", "Herefter pålægges et tillæg."],
        ),
        # bank details and other number nouns
        (
            "Betal via netbank til reg.nr. 0216 kontonr. 4069 065 307. Skriv dit CPR-nr. som reference.",
            ["Betal via netbank til reg.nr. 0216 kontonr. 4069 065 307.", "Skriv dit CPR-nr. som reference."],
        ),
        ("Indbetal på reg. nr. 0216 konto 4069 065 307.", ["Indbetal på reg. nr. 0216 konto 4069 065 307."]),
        ("Oplys dit CVR-nr. 12345678 og tlf.nr. 70 12 34 56.", ["Oplys dit CVR-nr. 12345678 og tlf.nr. 70 12 34 56."]),
        (
            "Kontoret ligger på Ndr. Frihavnsgade 12 i København.",
            ["Kontoret ligger på Ndr. Frihavnsgade 12 i København."],
        ),
    ],
)
def test_danish_abbreviations_do_not_end_a_sentence_that_goes_on(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Vi har lukket om fredagen. Mandag åbner vi igen.", ["Vi har lukket om fredagen.", "Mandag åbner vi igen."]),
        # a weekday abbreviation may end a sentence before a new one
        ("Vi har åbent man.-fre. Lørdag er der lukket.", ["Vi har åbent man.-fre.", "Lørdag er der lukket."]),
        # "man" and "søn" are words unless the text shows a weekday
        ("Sådan gør man. 2 dage efter får du svar.", ["Sådan gør man.", "2 dage efter får du svar."]),
        ("Det ved man. Digital Post er sikker.", ["Det ved man.", "Digital Post er sikker."]),
        ("Hun har en søn. 2 af hendes børn bor hjemme.", ["Hun har en søn.", "2 af hendes børn bor hjemme."]),
        # a number noun ends a sentence before a new one, not before its number
        ("Skriv dit CPR-nr. Derefter trykker du OK.", ["Skriv dit CPR-nr.", "Derefter trykker du OK."]),
        ("Husk kontonr. Vi kan ellers ikke betale.", ["Husk kontonr.", "Vi kan ellers ikke betale."]),
        # English abbreviations are not read in a Danish document
        (
            "Vi tager imod kontanter, kort etc. Vi tager ikke imod checks.",
            [
                "Vi tager imod kontanter, kort etc.",
                "Vi tager ikke imod checks.",
            ],
        ),
    ],
)
def test_danish_sentence_ends_after_words_like_abbreviations_still_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Opening hours: Mon.–Wed. 10.00–15.00 Thu. 10.00–17.00 Fri. 10.00–14.00",
            ["Opening hours: Mon.–Wed. 10.00–15.00 Thu. 10.00–17.00 Fri. 10.00–14.00"],
        ),
        (
            "Phone: +45 72 14 20 00 (Mon.–Fri. 9 a.m.–3 p.m.). E-mail: ics@example.dk",
            ["Phone: +45 72 14 20 00 (Mon.–Fri. 9 a.m.–3 p.m.).", "E-mail: ics@example.dk"],
        ),
        ("Translation costs approx. 500 kr. per page.", ["Translation costs approx. 500 kr. per page."]),
        (
            "Your card arrives by post approx. 2 weeks after you register.",
            ["Your card arrives by post approx. 2 weeks after you register."],
        ),
        (
            "No. 1 on the card is your CPR number, e.g. 010190-1234.",
            ["No. 1 on the card is your CPR number, e.g. 010190-1234."],
        ),
        (
            "Some municipalities, e.g. Aarhus and Odense, have an office, i.e. a Citizen Service centre.",
            ["Some municipalities, e.g. Aarhus and Odense, have an office, i.e. a Citizen Service centre."],
        ),
        (
            "The office opens at 9 a.m. and closes at 3 p.m. on weekdays.",
            ["The office opens at 9 a.m. and closes at 3 p.m. on weekdays."],
        ),
        ("We sell pens, paper etc. in the shop.", ["We sell pens, paper etc. in the shop."]),
        ("Sat. 10.00–14.00, Sun. closed", ["Sat. 10.00–14.00, Sun. closed"]),
        ("Pay to reg.nr. 0216 kontonr. 4069 065 307.", ["Pay to reg.nr. 0216 kontonr. 4069 065 307."]),
        # Danish street names an English page keeps as written (a fresh tester's page,
        # /tmp/t60 contaminated-soil-kystby.html, was cut after "Gl.")
        (
            "Contaminated soil can be delivered to Kystby Jordcenter, Gl. Havnevej 3, which is open on weekdays.",
            ["Contaminated soil can be delivered to Kystby Jordcenter, Gl. Havnevej 3, which is open on weekdays."],
        ),
        (
            "Visit us at Ndr. Frihavnsgade 12 or Sdr. Boulevard 4. Skt. Annæ Plads is closed.",
            ["Visit us at Ndr. Frihavnsgade 12 or Sdr. Boulevard 4.", "Skt. Annæ Plads is closed."],
        ),
    ],
)
def test_english_abbreviations_do_not_end_a_sentence_that_goes_on(text: str, expected: list[str]) -> None:
    assert sentences(text, "en") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We sell pens, paper etc. The shop opens at 9.", ["We sell pens, paper etc.", "The shop opens at 9."]),
        (
            "The office opens at 9 a.m. The queue starts earlier.",
            ["The office opens at 9 a.m.", "The queue starts earlier."],
        ),
        ("No. That is not needed.", ["No.", "That is not needed."]),
        ("The committee sat. 12 members voted.", ["The committee sat.", "12 members voted."]),
        # Danish abbreviations that are English words end an English sentence
        ("Switch the power off. Then wait.", ["Switch the power off.", "Then wait."]),
        ("The door is red. Next comes the hall.", ["The door is red.", "Next comes the hall."]),
    ],
)
def test_english_sentence_ends_after_abbreviations_still_split(text: str, expected: list[str]) -> None:
    assert sentences(text, "en") == expected


def test_the_document_language_chooses_the_abbreviations(tmp_path: Path) -> None:
    text = "Translation costs approx. 500 kr. per page. No. 1 on the card is your CPR number."
    english = tmp_path / "cpr.md"
    english.write_text(f"---\ntitle: CPR\nlanguage: en\n---\n\n{text}\n", encoding="utf-8")
    _, found = chunk_document(read_document(english))
    assert [s.text for s in found] == [
        "Translation costs approx. 500 kr. per page.",
        "No. 1 on the card is your CPR number.",
    ]
    # the same words in a Danish document: "approx." and "No." are not Danish abbreviations
    assert sentences(text, "da") == [
        "Translation costs approx.",
        "500 kr. per page.",
        "No.",
        "1 on the card is your CPR number.",
    ]


def test_the_abbreviation_lists_parse_with_their_flags() -> None:
    danish, english = abbreviations("da"), abbreviations("en")
    assert danish["man"] == Abbreviation(final=True, word=True)
    assert danish["tors"] == Abbreviation(final=True)
    assert danish["d"] == Abbreviation()
    assert english["e.g"] == Abbreviation()
    assert english["etc"] == Abbreviation(final=True)
    assert "off" in danish and "off" not in english
    assert abbreviations("de") is danish


@pytest.mark.parametrize("line", ["man. final final", "man. weekday", "man final"])
def test_the_abbreviation_list_format_rejects_unknown_or_repeated_fields(line: str) -> None:
    with pytest.raises(ValueError, match="abbreviation list line 1"):
        parse_abbreviations(line)
    assert parse_abbreviations("søn.  word final  # a son, or Sunday") == {"søn": Abbreviation(final=True, word=True)}
