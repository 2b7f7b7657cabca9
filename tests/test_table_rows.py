"""The row a question names by its first cell is the row quoted: `qa.reader.Reader.row_key`,
`key_groups` and `named_row`, applied by `qa.engine.QAEngine.trace` after the answer
reranker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from qa.documents import read_corpus
from qa.engine import QAEngine
from qa.index import build, load_live_index
from qa.question import analyse
from qa.reader import AnswerCandidate, _compound_of, _names_group
from tests.conftest import ROOT
from tests.fakes import FakeEmbedder

CHARGING = """# Opladning af elbiler

Priserne gælder fra 1. januar 2026.

| Lader | Pris pr. kWh |
|---|---|
| Hurtiglader (DC, 75 kW) på Havnevej | 3,79 kr. |
| Normallader (AC, op til 11 kW) | 2,95 kr. |
| Lynlader i Ravnsholt | 4,10 kr. |

Du betaler ikke for parkering, mens du lader.

| Tilskud | Hvem kan få det | Beløb |
|---|---|---|
| Ekstra børnetilskud | Enlige, som får ordinært børnetilskud | 1.798 kr. |
| Ordinært børnetilskud | Enlige forsørgere | 1.766 kr. |

| | |
|---|---|
| Gebyr | 205 kr. |

## Plejehjem og boder

| Plejehjem | Særlige afdelinger |
|---|---|
| Lindehjemmet | Demensafdeling |
| Plejehjemmet Egebo | Ingen |

| Tilladelse | Pris |
|---|---|
| Enkeltdag | 150 kr. |
| En uge (7 sammenhængende dage) | 600 kr. |

| Tilbud | Pris pr. måned |
|---|---|
| Børnehave (3-5 år) | 2.300 kr. |
| Frokost i børnehave | 720 kr. |

| Pas | Pris |
|---|---|
| Pas til voksne | 745 kr. |

| Kørekort | Pris |
|---|---|
| Kørekort til pensionister | 0 kr. |
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> QAEngine:
    root = tmp_path_factory.mktemp("rows")
    (root / "corpus").mkdir()
    (root / "corpus" / "ladning.md").write_text(CHARGING, encoding="utf-8")
    embedder = FakeEmbedder()
    build(read_corpus(root / "corpus").documents, embedder, root / "index")
    return QAEngine(load_live_index(root / "index", embedder.identity), embedder)


def _sentence(engine: QAEngine, opening: str) -> int:
    return next(i for i, s in enumerate(engine.data.sentences) if s.text.startswith(opening))


def _candidate(engine: QAEngine, opening: str, score: float) -> AnswerCandidate:
    return AnswerCandidate((_sentence(engine, opening),), 0, "single", {}, score)


def test_a_rows_key_is_its_first_cell_without_its_columns_label(engine: QAEngine) -> None:
    reader = engine.reader
    assert reader.row_key(_sentence(engine, "Lader: Normallader")) == "Normallader (AC, op til 11 kW)"
    assert reader.row_key(_sentence(engine, "Tilskud: Ordinært")) == "Ordinært børnetilskud"
    # A table without labels: its first cell as it stands.
    assert reader.row_key(_sentence(engine, "Gebyr; 205 kr.")) == "Gebyr"
    # Not a table row.
    assert reader.row_key(_sentence(engine, "Du betaler ikke")) is None
    assert reader.row_key(_sentence(engine, "Lader; Pris")) is None


def test_the_row_a_question_names_by_its_first_cell_goes_first(engine: QAEngine) -> None:
    reader = engine.reader
    question = analyse("pris normallader kWh", engine.casing)
    fast = _candidate(engine, "Lader: Hurtiglader", 5.26)
    normal = _candidate(engine, "Lader: Normallader", 5.24)
    assert reader.named_row(question, [fast, normal]) == 1
    # Named in another cell of the first row too, but only the second row's key names both.
    allowance = analyse("Hvor meget er ordinært børnetilskud pr. kvartal?", engine.casing)
    extra = _candidate(engine, "Tilskud: Ekstra", 9.44)
    ordinary = _candidate(engine, "Tilskud: Ordinært", 8.53)
    assert reader.named_row(allowance, [extra, ordinary]) == 1
    assert reader.named_row(allowance, [ordinary, extra]) is None


def test_a_row_is_not_moved_up_for_a_key_that_names_no_more_or_other_terms(engine: QAEngine) -> None:
    reader = engine.reader
    fast = _candidate(engine, "Lader: Hurtiglader", 5.26)
    normal = _candidate(engine, "Lader: Normallader", 5.24)
    lightning = _candidate(engine, "Lader: Lynlader", 5.2)
    # Neither key names a term of the question.
    assert reader.named_row(analyse("pris pr. kWh", engine.casing), [fast, normal]) is None
    # Each key names a term the other lacks: the reader's order stands.
    both = analyse("pris hurtiglader eller normallader", engine.casing)
    assert reader.named_row(both, [fast, normal]) is None
    # A municipality's name the caller says every row shares (the one the page is about)
    # tells no row apart: "Lynlader i Ravnsholt" no longer outweighs "Normallader".
    place = analyse("pris normallader ravnsholt", engine.casing)
    assert reader.named_row(place, [lightning, normal]) is None
    assert reader.named_row(place, [lightning, normal], frozenset({"ravnsholt"})) == 1
    assert reader.key_groups(place, lightning.sentence_ids[0], frozenset({"ravnsholt"})) == frozenset()
    # Rows of another table, a paragraph, or a first candidate that is no row.
    gebyr = _candidate(engine, "Gebyr; 205 kr.", 5.0)
    assert reader.named_row(analyse("gebyr normallader", engine.casing), [gebyr, normal]) is None
    text = _candidate(engine, "Du betaler ikke", 6.0)
    assert reader.named_row(analyse("normallader", engine.casing), [text, normal]) is None


def test_a_row_whose_other_cells_or_compounds_name_the_question_stays_first(engine: QAEngine) -> None:
    # A stop 47 review's pages and page set `l`: the first row's other cell names what the
    # question asks, its key is a compound holding the question's word ("Enkeltdag"), or
    # the second row is a row of the next table.
    reader = engine.reader
    dementia = analyse("Hvilket plejehjem har en demensafdeling?", engine.casing)
    linde = _candidate(engine, "Plejehjem: Lindehjemmet", 3.0)
    egebo = _candidate(engine, "Plejehjem: Plejehjemmet Egebo", 2.9)
    assert reader.named_row(dementia, [linde, egebo]) is None
    day = analyse("Hvad koster det at stå med en bod en enkelt dag?", engine.casing)
    single = _candidate(engine, "Tilladelse: Enkeltdag", 3.0)
    week = _candidate(engine, "Tilladelse: En uge", 2.9)
    assert reader.named_row(day, [single, week]) is None
    # A second review's: the second row names a question's word only as part of a compound
    # ("Frokost" holds "kost" of "koster").
    kindergarten = analyse("Hvad koster børnehave i Søby?", engine.casing)
    place = _candidate(engine, "Tilbud: Børnehave", 3.0)
    lunch = _candidate(engine, "Tilbud: Frokost", 2.9)
    assert reader.named_row(kindergarten, [place, lunch]) is None
    licence = analyse("Hvad koster et kørekort for en pensionist?", engine.casing)
    passport = _candidate(engine, "Pas: Pas til voksne", 3.0)
    driving = _candidate(engine, "Kørekort: Kørekort til pensionister", 2.9)
    assert reader.named_row(licence, [passport, driving]) is None


@pytest.mark.parametrize(
    ("word", "part", "expected"),
    [
        ("enkeltdag", "enkelt", True),
        ("erstatningskort", "kort", True),
        ("åskol", "skol", True),
        ("vuggestueplad", "vuggestu", True),
        # Inside the word, shorter than four letters, or the word itself.
        ("frokostordning", "kost", False),
        ("fredag", "dag", False),
        ("kort", "kort", False),
    ],
)
def test_a_compound_is_a_word_beginning_or_ending_with_a_part_of_four_letters_or_more(
    word: str, part: str, expected: bool
) -> None:
    assert _compound_of(word, part) is expected


def test_only_a_danish_text_names_a_term_by_a_compound() -> None:
    # Page set `zy`: "Part-time insured" named "member" of an English question through
    # "partifælle", a Danish rendering of it, and outranked "Full-time insured".
    member = frozenset({"memb", "medlem", "partifæl"})
    assert _names_group(member, {"part", "tim", "insured"}, compounds=True)
    assert not _names_group(member, {"part", "tim", "insured"}, compounds=False)
    assert _names_group(member, {"memb"}, compounds=False)


def test_an_english_question_on_a_danish_table_keeps_the_readers_order(engine: QAEngine) -> None:
    # Page set `za`: "How much extra do you pay for the kayak course ...?" named "kursus"
    # of "Dykkerkursus" in Danish and nothing of "Kajak og havsejlads" ("kayak").
    reader = engine.reader
    question = analyse("What is the price per kWh at a normallader?", engine.casing)
    assert question.language == "en"
    fast = _candidate(engine, "Lader: Hurtiglader", 5.26)
    normal = _candidate(engine, "Lader: Normallader", 5.24)
    assert reader.named_row(question, [fast, normal]) is None


@pytest.mark.model
def test_the_row_a_testers_question_names_is_quoted(tmp_path: Path, real_embedder: Any) -> None:
    # Page set `zza` (a tester's, written blind at stop 46): "pris normallader havnstrup
    # kWh" was answered with the fast charger's row and "Hvor længe må jeg parkere på
    # Bibliotekets P-plads i Ravnsholt?" with the row of the sports hall's car park, whose
    # first cell names Ravnsholt, the municipality the page is about.
    build(read_corpus(ROOT / "tests" / "eval" / "pages" / "zza" / "corpus").documents, real_embedder, tmp_path)
    engine = QAEngine(load_live_index(tmp_path, real_embedder.identity), real_embedder)
    price = engine.ask("pris normallader havnstrup kWh", always_cite=True)
    assert price.citations[0].quote == "Lader: Normallader (AC, op til 11 kW); Pris pr. kWh: 2,95 kr."
    library = engine.ask("Hvor længe må jeg parkere på Bibliotekets P-plads i Ravnsholt?", always_cite=True)
    assert library.citations[0].quote.startswith("Område: Bibliotekets P-plads, Søndergade 4; Tidsbegrænsning: 2 timer")
