"""Danish sentence splitting: abbreviations and numbers do not end sentences; offsets are exact."""

from __future__ import annotations

import pytest

from qa.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "I 2016 afsendte myndighederne i alt 112,6 mio. Digital Post-meddelelser til borgere. "
            "Og danskerne er digitale.",
            [
                "I 2016 afsendte myndighederne i alt 112,6 mio. Digital Post-meddelelser til borgere.",
                "Og danskerne er digitale.",
            ],
        ),
        (
            "Det drejer sig om NemKonto, som benyttes til udbetaling af ydelser mv., om NemID. Slut.",
            ["Det drejer sig om NemKonto, som benyttes til udbetaling af ydelser mv., om NemID.", "Slut."],
        ),
        ("Der findes bl.a. NemID. Det er godt.", ["Der findes bl.a. NemID.", "Det er godt."]),
        ("Brug f.eks. Digital Post. Eller borger.dk.", ["Brug f.eks. Digital Post.", "Eller borger.dk."]),
        ("Se nr. 5 i listen. Tak.", ["Se nr. 5 i listen.", "Tak."]),
        ("Det koster ca. 300 kr. om året. Betal nu.", ["Det koster ca. 300 kr. om året.", "Betal nu."]),
        (
            "Reglerne gælder, jf. Lov om Digital Post. Læs mere.",
            ["Reglerne gælder, jf. Lov om Digital Post.", "Læs mere."],
        ),
        (
            "Loven trådte i kraft den 1. januar 2018. Derefter blev det obligatorisk.",
            ["Loven trådte i kraft den 1. januar 2018.", "Derefter blev det obligatorisk."],
        ),
        ("Hvad er NemKonto? Det er en konto! Sådan.", ["Hvad er NemKonto?", "Det er en konto!", "Sådan."]),
        ("H. C. Andersen skrev eventyr. De læses stadig.", ["H. C. Andersen skrev eventyr.", "De læses stadig."]),
        (
            "Strategien 2016-2020 var den femte. 2021 bragte en ny.",
            ["Strategien 2016-2020 var den femte.", "2021 bragte en ny."],
        ),
        ("Uden punktum til sidst", ["Uden punktum til sidst"]),
    ],
)
def test_splits_danish_sentences_at_real_boundaries_only(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_offsets_point_at_each_sentence_within_a_range() -> None:
    text = "Overskrift\n\nFørste sætning. Anden sætning med bl.a. forkortelse.  Tredje."
    start = text.index("Første")
    spans = split_sentences(text, start, len(text))
    assert spans == [(12, 27), (28, 64), (66, 73)]
    assert [text[s:e] for s, e in spans] == ["Første sætning.", "Anden sætning med bl.a. forkortelse.", "Tredje."]


def test_seed_document_sentences_are_exact_slices(seed_document) -> None:  # type: ignore[no-untyped-def]
    for block in seed_document.blocks:
        for s, e in split_sentences(seed_document.text, block.start, block.end):
            piece = seed_document.text[s:e]
            assert piece == piece.strip() and piece
            assert block.start <= s < e <= block.end
    spans = [
        seed_document.text[s:e]
        for b in seed_document.blocks
        for s, e in split_sentences(seed_document.text, b.start, b.end)
    ]
    assert (
        "I 2016 afsendte de offentlige myndigheder i alt 112,6 mio. Digital Post-meddelelser "
        "til borgere og virksomheder."
    ) in spans
    assert any(s.startswith("Det drejer sig blandt andet om NemKonto") and s.endswith("Virk.") for s in spans)


def test_empty_and_whitespace_text_has_no_sentences() -> None:
    assert split_sentences("") == []
    assert split_sentences("   \n ") == []


@pytest.mark.parametrize(
    "text",
    [
        "Ansøgningsfristen er den 15. jan. 2026 for alle.",
        "Ansøgningsfristen er den 15. feb. 2026 for alle.",
        "Ansøgningsfristen er den 15. mar. 2026 for alle.",
        "Ansøgningsfristen er den 15. apr. 2026 for alle.",
        "Ansøgningsfristen er den 15. aug. 2026 for alle.",
        "Ansøgningsfristen er den 15. sep. 2026 for alle.",
        "Ansøgningsfristen er den 15. sept. 2026 for alle.",
        "Ansøgningsfristen er den 15. okt. 2026 for alle.",
        "Ansøgningsfristen er den 15. nov. 2026 for alle.",
        "Ansøgningsfristen er den 15. dec. 2026 for alle.",
        "Tilskuddet gives iht. Bekendtgørelse om energitilskud.",
        "Beløbet opgøres ift. Energistyrelsens standardpriser.",
        "Der gælder særlige regler mht. Digital Post.",
        "Fristen er forlænget pga. Corona-situationen.",
        "Kontakt evt. Borgerservice i din kommune.",
        "Prisen er 205 kr. inkl. Moms og gebyr.",
        "Prisen er 164 kr. ekskl. Moms og gebyr.",
        "Det følger af § 3, stk. 2, i loven.",
        "Det følger af § 3, stk. 2. pkt. i loven.",
        "Se pkt. 4 i vejledningen.",
        "Ring på tlf. 70 12 18 18 for hjælp.",
        "Det gælder bl.a. NemID og f.eks. MitID.",
        "Reglerne gælder, jf. Lov om Digital Post.",
        "Det er dvs. Kommunen der afgør sagen.",
        "Loven trådte i kraft den 1. januar 2018 for alle.",
        "Mødet er den 3. maj kl. 10 på rådhuset.",
        "Kontakt hr. Jensen eller Dr. Hansen i borgerservice.",
    ],
)
def test_abbreviations_and_dates_do_not_end_a_sentence_that_goes_on(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "kr." after an amount, then a new sentence: an end
        (
            "Der blev i alt udbetalt 1.000 kr. Pengene kommer fra den statslige pulje.",
            ["Der blev i alt udbetalt 1.000 kr.", "Pengene kommer fra den statslige pulje."],
        ),
        # "kr." before an amount: never an end
        ("Gebyret er kr. 1.234,50 pr. ansøgning. Betal nu.", ["Gebyret er kr. 1.234,50 pr. ansøgning.", "Betal nu."]),
        (
            "Kortet koster kr. 205. Det betales ved bestilling.",
            ["Kortet koster kr. 205.", "Det betales ved bestilling."],
        ),
        # a final abbreviation before a one-word sentence
        ("Beløbet er 300 kr. Tak.", ["Beløbet er 300 kr.", "Tak."]),
        # the end of an enumeration, then a new sentence
        (
            "Du kan bruge NemID, MitID osv. Du skal logge ind først.",
            ["Du kan bruge NemID, MitID osv.", "Du skal logge ind først."],
        ),
        # a final abbreviation before a name (two capital words): no end
        (
            "Der blev sendt 112,6 mio. Digital Post-meddelelser i 2016. Det er mange.",
            ["Der blev sendt 112,6 mio. Digital Post-meddelelser i 2016.", "Det er mange."],
        ),
        # a month at the end of a sentence
        (
            "Fristen er den 15. sept. Ansøg i god tid.",
            ["Fristen er den 15. sept.", "Ansøg i god tid."],
        ),
        ("Du kan se det på tv. Det sendes hver dag.", ["Du kan se det på tv.", "Det sendes hver dag."]),
        # a year or a subsection number at the end of a sentence
        (
            "Tilskud gives efter § 3, stk. 2. Ansøgningen sendes til kommunen.",
            ["Tilskud gives efter § 3, stk. 2.", "Ansøgningen sendes til kommunen."],
        ),
        (
            "Ordningen blev indført i 2005. Den gælder stadig.",
            ["Ordningen blev indført i 2005.", "Den gælder stadig."],
        ),
    ],
)
def test_a_final_abbreviation_ends_a_sentence_only_before_a_new_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1. Log ind med MitID.", ["1. Log ind med MitID."]),
        ("1. Log ind med MitID. 2. Vælg Boligstøtte.", ["1. Log ind med MitID.", "2. Vælg Boligstøtte."]),
        ("(3) Udfyld skemaet. 4. Send det.", ["(3) Udfyld skemaet.", "4. Send det."]),
        ("12. Afslut sagen.", ["12. Afslut sagen."]),
        (
            "§ 3. Kommunen kan give tilskud. Stk. 2. Tilskuddet udbetales månedligt.",
            ["§ 3. Kommunen kan give tilskud.", "Stk. 2. Tilskuddet udbetales månedligt."],
        ),
        ("§3. Loven gælder for alle.", ["§3. Loven gælder for alle."]),
        ("Sådan gør du:\n1. Log ind.\n2. Vælg kort.", ["Sådan gør du:\n1. Log ind.", "2. Vælg kort."]),
        ("1. juli 2025 – 30. juni 2026: Perioden er åben.", ["1. juli 2025 – 30. juni 2026: Perioden er åben."]),
        # the numbers of Word's and LibreOffice's lists (qa.readers.word_numbering) and of an <ol>
        ("1.1. Udfyld skemaet.\n1.2. Send det.", ["1.1. Udfyld skemaet.", "1.2. Send det."]),
        ("ii. Nyt foto. Det skal være nyt.", ["ii. Nyt foto.", "Det skal være nyt."]),
        ("iv. Kvittering.", ["iv. Kvittering."]),
        ("b. Vedhæft et foto.", ["b. Vedhæft et foto."]),
        ("III. Klage. Du kan klage.", ["III. Klage.", "Du kan klage."]),
        # elsewhere in a line they end a sentence as before
        ("Se punkt ii. Derefter søger du.", ["Se punkt ii.", "Derefter søger du."]),
        ("Det står i afsnit 1.2. Du kan klage.", ["Det står i afsnit 1.2.", "Du kan klage."]),
    ],
)
def test_a_number_label_at_the_start_of_a_unit_is_not_a_sentence(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_an_emoji_between_sentences_starts_the_next_sentence() -> None:
    text = "Alle kan søge. 👨\u200d👩\u200d👧 Familier med børn får mere."
    assert split_sentences(text) == [(0, 14), (15, 48)]
    assert sentences(text) == ["Alle kan søge.", "👨\u200d👩\u200d👧 Familier med børn får mere."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Første. »Anden« er her.", ["Første.", "»Anden« er her."]),
        ("Hvad nu?« Det ved vi.", ["Hvad nu?«", "Det ved vi."]),
        ('Han sagde "nej." Så gik han.', ['Han sagde "nej."', "Så gik han."]),
        ("Se vejledningen (side 4.) Derefter søger du.", ["Se vejledningen (side 4.)", "Derefter søger du."]),
        ("Læs mere. (Se også NemKonto.) Slut.", ["Læs mere.", "(Se også NemKonto.)", "Slut."]),
        ("Punkt et. – Punkt to.", ["Punkt et.", "– Punkt to."]),
        ("Vent lidt… Så kommer svaret.", ["Vent lidt…", "Så kommer svaret."]),
        (
            "Først ✅ Dette er ikke en ende. Næste ⚠\ufe0f sætning.",
            ["Først ✅ Dette er ikke en ende.", "Næste ⚠\ufe0f sætning."],
        ),
    ],
)
def test_quotes_brackets_dashes_and_symbols_do_not_block_a_split(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_invisible_characters_do_not_block_a_split_and_stay_out_of_span_edges() -> None:
    zwsp, zwj, bom, soft = "\u200b", "\u200d", "\ufeff", "\u00ad"
    text = f"{zwsp}Første sætning.{zwsp} Anden{soft}sætning.{zwj}{bom} Tredje sætning.{zwsp}Fjerde."
    spans = split_sentences(text)
    # an invisible character counts as white space between sentences
    assert spans == [(1, 16), (18, 32), (35, 50), (51, 58)]
    assert [text[s:e] for s, e in spans] == ["Første sætning.", f"Anden{soft}sætning.", "Tredje sætning.", "Fjerde."]


def test_a_long_run_without_sentence_ends_is_cut_at_the_strongest_clause_boundary() -> None:
    clause = "du kan søge digitalt via den fælles løsning"  # 43 characters
    text = f"{clause}; {clause}, {clause}, {clause}: {clause}"
    spans = split_sentences(text, max_chars=100)
    assert [text[s:e] for s, e in spans] == [
        f"{clause};",
        f"{clause}, {clause},",
        f"{clause}:",
        clause,
    ]
    assert spans[0] == (0, 44)


def test_a_long_clause_is_cut_at_a_dash_then_at_spaces_never_inside_a_word() -> None:
    text = "behandlingstiden er normalt seks uger – men den kan være længere i perioder med mange ansøgninger"
    assert sentences_limited(text, 60) == [
        "behandlingstiden er normalt seks uger",
        "– men den kan være længere i perioder med mange ansøgninger",
    ]
    words = "ansøgning om boligstøtte " * 4
    pieces = sentences_limited(words, 30)
    assert pieces == [
        "ansøgning om boligstøtte",
        "ansøgning om boligstøtte",
        "ansøgning om boligstøtte",
        "ansøgning om boligstøtte",
    ]


def test_line_breaks_are_the_first_place_to_cut_a_long_unit() -> None:
    text = "Kort: Sundhedskort, pris 0 kr\nKort: Erstatningskort, pris 205 kr\nKort: Nyt kort, pris 0 kr"
    assert sentences_limited(text, 70) == [
        "Kort: Sundhedskort, pris 0 kr\nKort: Erstatningskort, pris 205 kr",
        "Kort: Nyt kort, pris 0 kr",
    ]


def test_a_single_word_longer_than_the_limit_is_cut_at_the_limit() -> None:
    text = "Se https://www.borger.dk/" + "a" * 30 + " for mere."
    assert split_sentences(text, max_chars=20) == [(0, 2), (3, 23), (23, 43), (43, 55), (56, 65)]


def test_the_limit_must_be_positive() -> None:
    with pytest.raises(ValueError, match="max_chars must be at least 1, got 0"):
        split_sentences("Tekst.", max_chars=0)


def sentences_limited(text: str, limit: int) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text, max_chars=limit)]
