"""End to end with the real multilingual model: build, ask, evaluate, serve."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.app import create_app
from qa.cli import app as cli
from qa.documents import Document
from qa.engine import QAEngine, QuestionError
from qa.evaluation import evaluate, load_questions, metrics_by_language
from qa.index import build, live_folder, load_live_index
from qa.scoring import load_abstention_model, scoring_identity
from qa.settings import Settings, get_settings
from tests.conftest import EVAL_SET

pytestmark = pytest.mark.model

MANDATORY = (
    "Med strategierne 2007 og 2011 opbygges den digitale infrastruktur og digital "
    "kommunikation med det offentlige bliver obligatorisk."
)


@pytest.fixture(scope="session")
def real_index_root(tmp_path_factory: pytest.TempPathFactory, corpus_documents: list[Document], real_embedder) -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path_factory.mktemp("real-index")
    build(corpus_documents, real_embedder, root)
    return root


@pytest.fixture(scope="session")
def real_engine(real_index_root: Path, real_embedder) -> QAEngine:  # type: ignore[no-untyped-def]
    return QAEngine(load_live_index(real_index_root, real_embedder.identity), real_embedder)


def test_digital_post_question_is_answered_with_the_exact_source_sentence(real_engine: QAEngine) -> None:
    result = real_engine.ask("Hvornår blev Digital Post obligatorisk?")
    assert result.answered and result.evidence >= result.threshold
    assert result.answer == f"{MANDATORY} [1]"
    citation = result.citations[0]
    text = real_engine.document(citation.doc_id).text
    assert citation.quote == MANDATORY == text[citation.start : citation.end]
    assert (citation.start, citation.end) == (text.index(MANDATORY), text.index(MANDATORY) + len(MANDATORY))
    assert citation.title == "20 års fælles digitaliseringsstrategier" and citation.source is None


@pytest.mark.parametrize(
    "asked",
    [
        "Hej, hvornår blev Digital Post obligatorisk? Tak",
        "Hej! Hvornår blev Digital Post obligatorisk?",
        "Hvornår blev Digital Post obligatorisk? På forhånd tak\nMvh Anne",
    ],
)
def test_a_greeting_and_thanks_around_the_question_change_neither_its_answer_nor_its_evidence(
    real_engine: QAEngine, asked: str
) -> None:
    # Kept in the question, "Hej" and "tak" took its evidence below the operating point
    # (0.63, 0.58 and 0.54 against 0.73 for the bare question): it abstained.
    plain = real_engine.ask("Hvornår blev Digital Post obligatorisk?")
    result = real_engine.ask(asked)
    assert result.answered and result.answer == plain.answer == f"{MANDATORY} [1]"
    assert result.evidence == plain.evidence
    assert result.question == asked  # echoed as it came


@pytest.mark.parametrize(
    "typed", ["Hvornar blev Digital Post obligatorisk?", "Hvornaar blev Digital Post obligatorisk?"]
)
def test_a_question_typed_without_ae_oe_aa_is_answered_as_one_spelt_right(real_engine: QAEngine, typed: str) -> None:
    # Read as typed, the encoder and the language identifier scored "Hvornar ..." below the
    # operating point (evidence 0.679, language confidence 0.398): it was withheld.
    plain = real_engine.ask("Hvornår blev Digital Post obligatorisk?")
    result = real_engine.ask(typed)
    assert result.answered and result.answer == plain.answer == f"{MANDATORY} [1]"
    assert result.evidence == plain.evidence and result.question == typed


@pytest.mark.parametrize(
    ("typed", "plain"),
    [
        ("Hvornår blev digital post obligatorisk?", "Hvornår blev Digital Post obligatorisk?"),
        ("HVORNÅR BLEV DIGITAL POST OBLIGATORISK?", "Hvornår blev Digital Post obligatorisk?"),
        ("WHEN DID DIGITAL POST BECOME MANDATORY?", "When did Digital Post become mandatory?"),
    ],
)
def test_a_question_typed_without_its_names_capitals_is_answered_as_one_typed_with_them(
    real_engine: QAEngine, typed: str, plain: str
) -> None:
    # As typed, "digital post" is other words to the encoder: the Danish questions were
    # withheld at evidence 0.692 and 0.612, the English one at 0.364.
    expected, result = real_engine.ask(plain), real_engine.ask(typed)
    assert result.answered and (result.answer, result.evidence) == (expected.answer, expected.evidence)
    assert result.question == typed


def test_a_question_in_lower_case_is_answered_from_the_2007_and_2011_sentence(real_engine: QAEngine) -> None:
    # Typed so, it was answered with the 2016 sentence (evidence 0.719).
    result = real_engine.ask("hvornår blev digital post obligatorisk")
    assert result.answered and result.answer == f"{MANDATORY} [1]"


@pytest.mark.xfail(strict=True, reason="issue 7: the reader prefers the 2016 Digital Post sentence for English")
def test_english_digital_post_question_is_read_from_the_exact_source_sentence(real_engine: QAEngine) -> None:
    result = real_engine.ask("When did Digital Post become mandatory?", always_cite=True)
    assert result.citations[0].quote == MANDATORY


@pytest.mark.parametrize(
    ("question", "language"), [("How much does a new passport cost?", "en"), ("Hvad koster et nyt pas?", "da")]
)
def test_passport_price_is_not_in_the_sources(real_engine: QAEngine, question: str, language: str) -> None:
    result = real_engine.ask(question)
    assert not result.answered and result.answer is None and result.citations == []
    assert result.language == language
    assert len(result.passages) == 5


def test_a_build_fits_nothing_and_records_the_scoring_identity(real_index_root: Path) -> None:
    folder = live_folder(real_index_root)
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["scoring"] == scoring_identity() and manifest["calibrated"] is False
    assert not (folder / "calibration.json").exists()


def test_evaluation_floors_hold(real_engine: QAEngine) -> None:
    table = metrics_by_language(evaluate(real_engine, load_questions(EVAL_SET)))
    for language in ("da", "en"):
        row = table[language]
        # Floors a little under what the shipped models (fitted on the fit splits of the
        # development, seed and web-page tester sets, scripts/fit_scoring.py --pages)
        # measured on the whole seed set: da/en recall@1 0.97/0.85, recall@3 1.0/1.0,
        # answer accuracy 0.90/0.79, unanswerable abstained 0.82/0.53 (`qa eval` on the seed
        # index, scoring version 14). Before it, with the model that learnt which questions
        # are answerable rather than which answers are right: answer accuracy 0.85/0.67,
        # unanswerable abstained 0.88/0.94 (README, "Quality and speed").
        assert row["answerable"] >= 30 and row["unanswerable"] >= 12
        assert row["recall@3"] >= 0.95, (language, row)
        assert row["recall@1"] >= 0.8, (language, row)
        assert row["mrr"] >= 0.85, (language, row)
        assert row["unanswerable_abstained"] >= {"da": 0.76, "en": 0.47}[language], (language, row)
        assert row["answer_accuracy"] >= {"da": 0.87, "en": 0.76}[language], (language, row)


def test_every_citation_quote_is_the_exact_document_text(real_engine: QAEngine) -> None:
    for item in load_questions(EVAL_SET):
        result = real_engine.ask(item.question)
        for citation in result.citations:
            assert citation.quote == real_engine.document(citation.doc_id).text[citation.start : citation.end]


def scoring_threshold() -> float:
    return load_abstention_model().threshold


@pytest.fixture()
def real_settings(
    real_index_root: Path, real_model_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    monkeypatch.setenv("QA_INDEX_DIR", str(real_index_root))
    monkeypatch.setenv("QA_MODEL", str(real_model_folder))
    monkeypatch.setenv("QA_FEEDBACK_DB", str(tmp_path / "feedback.sqlite3"))
    get_settings.cache_clear()
    yield get_settings()
    get_settings.cache_clear()


def test_http_app_loads_model_and_index_once_and_answers(real_settings: Settings) -> None:
    with TestClient(create_app(real_settings)) as client:
        ready = client.get("/readyz").json()
        assert ready["status"] == "ready" and ready["model"] == "multilingual-e5-small"
        body = client.post("/ask", json={"question": "When did Digital Post become mandatory?"}).json()
        assert body["language"] == "en" and len(body["passages"]) == 5
        assert body["threshold"] == round(scoring_threshold(), 6) and 0.0 <= body["evidence"] <= 1.0
        body = client.post("/ask", json={"question": "How much does a new passport cost?"}).json()
        assert body["answered"] is False


def test_cli_ask_prints_the_abstention_and_the_closest_passages(real_settings: Settings) -> None:
    result = CliRunner().invoke(cli, ["ask", "Hvad koster et nyt pas?"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Kilderne besvarer ikke spørgsmålet. Her er de tekststykker, der ligger nærmest.")
    assert "(1) 20 års fælles digitaliseringsstrategier · " in result.output
    as_json = CliRunner().invoke(cli, ["ask", "--json", "How much does a new passport cost?"])
    assert json.loads(as_json.output)["answered"] is False


def test_cli_eval_prints_the_table_per_language(real_settings: Settings) -> None:
    result = CliRunner().invoke(cli, ["eval"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "recall@1" in lines[1] and "false_abstention" in lines[1] and "unanswerable_abstained" in lines[1]
    assert [line.split()[0] for line in lines[2:5]] == ["da", "en", "all"]
    # The seed's one page is Danish: its Danish and English answerable questions are all
    # asked of a Danish page, one row each, counting them all.
    assert lines[6] == "answerable questions by their language and that of the page holding the gold:"
    assert lines[7].split() == ["answerable", "recall@1", "recall@3", "answer_accuracy", "false_abstention"]
    assert [line[:8] for line in lines[8:10]] == ["da on da", "en on da"]
    assert [line.split()[3] for line in lines[8:10]] == [lines[2].split()[1], lines[3].split()[1]]
    assert lines[10] == ""
    assert lines[11].startswith("risk-coverage") and lines[12].split() == ["threshold", "da", "en", "all"]
    # At threshold 0 every Danish question is answered but the 2 of 56 asking what a
    # passport or a NemKonto costs: the seed gives no amount, so they are never answered.
    assert lines[13].split()[:4] == ["0.00", "0.96", "/", lines[13].split()[3]]


def test_cli_eval_with_the_int8_encoder_reports_its_quality_against_fp32(
    real_settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QA_ENCODER", "onnx-int8")
    get_settings.cache_clear()
    result = CliRunner().invoke(cli, ["eval", "--split", "check"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    at = lines.index("encoder onnx-int8 against fp32 (onnx), same index and questions:")
    assert [line.split()[0] for line in lines[at + 1 : at + 4]] == ["da", "en", "all"]
    assert all("recall@1" in line and "(fp32 " in line and "answer_accuracy" in line for line in lines[at + 1 : at + 4])


def test_cli_build_reports_a_broken_file_and_builds_the_rest(
    tmp_path: Path, real_model_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = Path(__file__).resolve().parent.parent / "corpus" / "20-aars-faelles-digitaliseringsstrategier.md"
    (corpus / seed.name).write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    (corpus / "broken.md").write_bytes(b"\xfb\xfe not text")
    monkeypatch.setenv("QA_MODEL", str(real_model_folder))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(
            cli, ["build", "--quiet", "--corpus", str(corpus), "--index", str(tmp_path / "index")]
        )
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert f"skipped {corpus / 'broken.md'}: not UTF-8 text" in result.output
    assert "1 documents, 7 chunks, 20 sentences, 1 files skipped" in result.output
    assert "evaluation on tests/eval/questions.jsonl:" in result.output
    live = (tmp_path / "index" / "LIVE").read_text().strip()
    assert f"live: {tmp_path / 'index' / live}" in result.output


def test_a_lone_surrogate_is_refused_before_the_real_tokeniser_reads_it(real_engine: QAEngine) -> None:
    # The tokeniser fails on "\udcff" (a byte that is not UTF-8, as Python reads it from a
    # command line) with a TypeError; the engine refuses it as a question error.
    with pytest.raises(QuestionError) as caught:
        real_engine.ask("Hvad er \udcffNemID?")
    assert str(caught.value) == (
        "the question contains invalid Unicode (the lone surrogate \\udcff): write the question as valid UTF-8 text"
    )
