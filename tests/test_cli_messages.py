"""What `qa build`, `qa index verify` and `qa eval --json` say when given a file for a
folder, an empty corpus, a version that is not there, or a missing evaluation set."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

import qa.evaluation
import qa.service
from qa.cli_support import quote_place, wrapped_answer
from qa.documents import (
    DOCX_SUFFIXES,
    FORMAT_SUFFIXES,
    HTML_SUFFIXES,
    MARKDOWN_SUFFIXES,
    PDF_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
)
from qa.engine import QAEngine
from qa.evaluation import EvalQuestion, Outcome
from qa.index import build
from tests.conftest import EVAL_SET
from tests.fakes import FakeEmbedder
from tests.generated_documents import write_pdf
from tests.test_index_cli import _invoke_fresh


@pytest.fixture()
def fake_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`qa build` runs the fake embedder; the working folder holds no default evaluation set."""
    monkeypatch.setattr(qa.service, "prepare_model", lambda *args: tmp_path)
    monkeypatch.setattr(qa.service, "create_embedder", lambda *args, **kwargs: FakeEmbedder())
    monkeypatch.chdir(tmp_path)


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pas.md").write_text("---\ntitle: Pas\nlanguage: da\n---\n# Pas\n\nEt nyt pas koster 673 kr.\n")
    return corpus


@pytest.mark.usefixtures("fake_model")
def test_build_of_a_corpus_that_is_a_file_says_to_give_its_folder(tmp_path: Path) -> None:
    document = _corpus(tmp_path) / "pas.md"
    result = _invoke_fresh(["build", "-q", "--corpus", str(document), "--index", str(tmp_path / "index")])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"error: corpus folder {document} is a file, not a folder: give the folder that holds the documents "
        f"(QA_CORPUS_DIR or --corpus), e.g. {document.parent}\n"
    )


@pytest.mark.usefixtures("fake_model")
def test_build_of_an_empty_corpus_names_every_format_read(tmp_path: Path) -> None:
    corpus = tmp_path / "empty"
    corpus.mkdir()
    result = _invoke_fresh(["build", "-q", "--corpus", str(corpus), "--index", str(tmp_path / "index")])
    assert (result.exit_code, result.stderr) == (
        1,
        f"error: no document in {corpus} could be read: it has no .md, .txt, .html, .pdf or .docx files\n",
    )
    # the list is the readers' formats: one suffix of each, none other
    formats = (MARKDOWN_SUFFIXES, TEXT_SUFFIXES, HTML_SUFFIXES, PDF_SUFFIXES, DOCX_SUFFIXES)
    assert [len(group & set(FORMAT_SUFFIXES)) for group in formats] == [1, 1, 1, 1, 1]
    assert set(FORMAT_SUFFIXES) <= SUPPORTED_SUFFIXES == set().union(*formats)


def test_verify_of_a_version_that_is_not_there_lists_the_versions(
    tmp_path: Path, corpus_documents: list, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qa.service, "configured_model_identity", lambda settings: FakeEmbedder().identity)
    first, second = (build(corpus_documents, FakeEmbedder(), tmp_path).version for _ in range(2))
    for command in ("verify", "use"):
        result = _invoke_fresh(["index", command, "nosuchversion", "--index", str(tmp_path)])
        assert (result.exit_code, result.stderr) == (
            1,
            f"error: no index version 'nosuchversion' in {tmp_path}/ (versions: {first}, {second}): "
            "see `qa index list`\n",
        ), command


@pytest.mark.usefixtures("fake_model")
def test_build_with_an_evaluation_set_named_but_missing_fails_before_building(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QA_EVAL_SET", "/nonexistent")
    index = tmp_path / "index"
    result = _invoke_fresh(["build", "-q", "--corpus", str(_corpus(tmp_path)), "--index", str(index)])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "error: QA_EVAL_SET=/nonexistent does not exist: give a file of labelled questions "
        "(see tests/eval/README.md), or set QA_EVAL_SET= (empty) to build without evaluating\n"
    )
    assert not (index / "LIVE").exists()
    monkeypatch.setenv("QA_EVAL_SET", str(tmp_path))
    folder = _invoke_fresh(["build", "-q", "--corpus", str(tmp_path / "corpus"), "--index", str(index)])
    assert folder.stderr.startswith(f"error: QA_EVAL_SET={tmp_path} is not a file: give a file")


@pytest.mark.usefixtures("fake_model")
def test_build_without_the_default_evaluation_set_warns_and_builds(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="qa.pipeline"):
        result = _invoke_fresh(["build", "-q", "--corpus", str(_corpus(tmp_path)), "--index", str(tmp_path / "index")])
    assert result.exit_code == 0, result.output
    assert "evaluation: skipped (no evaluation set)" in result.stdout.splitlines()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [
        f"no evaluation set at tests/eval/questions.jsonl (in {Path.cwd()}): the build is not evaluated or gated"
    ]


@pytest.mark.usefixtures("fake_model")
def test_build_with_an_empty_evaluation_set_builds_without_evaluating_or_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("QA_EVAL_SET", "")
    with caplog.at_level(logging.WARNING, logger="qa.pipeline"):
        result = _invoke_fresh(["build", "-q", "--corpus", str(_corpus(tmp_path)), "--index", str(tmp_path / "index")])
    assert result.exit_code == 0, result.output
    assert "evaluation: skipped (no evaluation set)" in result.stdout.splitlines()
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == []
    assert (tmp_path / "index" / "LIVE").is_file()


def test_eval_with_an_empty_evaluation_set_asks_for_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_EVAL_SET", " ")
    result = _invoke_fresh(["eval"])
    assert (result.exit_code, result.stderr) == (
        1,
        "error: QA_EVAL_SET is empty: give the labelled questions with --eval-set FILE (see tests/eval/README.md)\n",
    )


def test_eval_json_names_the_index_operating_point_and_evaluation_set(
    fake_engine: QAEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qa.service, "load_engine", lambda settings, embedder=None: fake_engine)
    result = _invoke_fresh(["eval", "--json", "--split", "check", "--eval-set", str(EVAL_SET)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    questions = sum(1 for line in EVAL_SET.read_text().splitlines() if '"split": "check"' in line)
    assert {k: report[k] for k in ("index_version", "operating_point", "eval_set", "split", "questions")} == {
        "index_version": fake_engine.index_version,
        "operating_point": fake_engine.policy.threshold,
        "eval_set": str(EVAL_SET),
        "split": "check",
        "questions": questions,
    }
    assert set(report) == {
        "index_version",
        "operating_point",
        "eval_set",
        "split",
        "questions",
        "metrics",
        "by_page_language",
        "risk_coverage",
    }
    # The seed's one page is Danish: its Danish and English questions are asked of it.
    assert sorted(report["by_page_language"]) == ["da-da", "en-da"]
    assert report["by_page_language"]["da-da"]["answerable"] == report["metrics"]["da"]["answerable"]
    assert set(report["by_page_language"]["en-da"]) == {
        "answerable",
        "recall@1",
        "recall@3",
        "answer_accuracy",
        "false_abstention",
    }


def test_eval_shows_the_answerable_questions_by_question_and_page_language(
    fake_engine: QAEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qa.service, "load_engine", lambda settings, embedder=None: fake_engine)
    monkeypatch.setenv("QA_ENCODER", "onnx")
    result = _invoke_fresh(["eval", "--split", "check", "--eval-set", str(EVAL_SET)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index("answerable questions by their language and that of the page holding the gold:")
    assert lines[start + 1].split() == ["answerable", "recall@1", "recall@3", "answer_accuracy", "false_abstention"]
    assert [line[:8] for line in lines[start + 2 : start + 4]] == ["da on da", "en on da"]
    assert lines[start + 4] == ""


def test_eval_counts_the_answerable_questions_left_out_for_gold_in_pages_of_both_languages(
    fake_engine: QAEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def question(n: int, answerable: bool = True) -> EvalQuestion:
        return EvalQuestion(f"en-{n:02d}", "en", "?", answerable, ("gold",) if answerable else (), "check")

    outcomes = [
        Outcome(question(1), 1, True, True, 0.9, "da"),
        Outcome(question(2), 2, True, False, 0.6, None),
        Outcome(question(3), None, False, False, 0.1, None),
        Outcome(question(4, answerable=False), None, False, False, 0.1, None),
    ]
    monkeypatch.setattr(qa.service, "load_engine", lambda settings, embedder=None: fake_engine)
    monkeypatch.setattr(qa.evaluation, "evaluate", lambda engine, questions, **options: outcomes)
    monkeypatch.setenv("QA_ENCODER", "onnx")
    result = _invoke_fresh(["eval", "--eval-set", str(EVAL_SET)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    start = lines.index("answerable questions by their language and that of the page holding the gold:")
    assert lines[start + 2].split() == ["en", "on", "da", "1", "1.0", "1.0", "1.0", "0.0"]
    assert (
        lines[start + 3] == "2 answerable questions left out: gold in pages of both languages, so no one page language"
    )
    # Only questions without a page language: the count stands alone under the heading.
    monkeypatch.setattr(qa.evaluation, "evaluate", lambda engine, questions, **options: outcomes[2:])
    lines = _invoke_fresh(["eval", "--eval-set", str(EVAL_SET)]).stdout.splitlines()
    start = lines.index("answerable questions by their language and that of the page holding the gold:")
    assert lines[start + 1 : start + 3] == [
        "1 answerable question left out: gold in pages of both languages, so no one page language",
        "",
    ]


def test_eval_refuses_a_gold_in_no_served_text_unless_asked_to_count_it_and_then_names_it(
    fake_engine: QAEngine, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    rows = [line for line in EVAL_SET.read_text(encoding="utf-8").splitlines() if line.strip()][:3]
    first = json.loads(rows[0])
    rows[0] = json.dumps({**first, "answerable": True, "gold": ["Denne sætning står ikke i nogen kilde."]})
    questions = tmp_path / "questions.jsonl"
    questions.write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setattr(qa.service, "load_engine", lambda settings, embedder=None: fake_engine)
    monkeypatch.setenv("QA_ENCODER", "onnx")
    refused = _invoke_fresh(["eval", "--eval-set", str(questions)])
    assert refused.exit_code == 1
    assert f'{questions}:1: no "gold" string of the question "{first["id"]}" is in the corpus' in refused.output
    counted = _invoke_fresh(["eval", "--count-missing-gold", "--eval-set", str(questions)])
    assert counted.exit_code == 0, counted.output
    assert (
        f"1 answerable question with gold in no served text, counted as not answered right: {first['id']}"
        in counted.stdout.splitlines()
    )
    assert "left out: gold in pages of both languages" not in counted.stdout
    as_json = _invoke_fresh(["eval", "--count-missing-gold", "--json", "--eval-set", str(questions)])
    assert json.loads(as_json.stdout)["missing_gold"] == [first["id"]]


@pytest.mark.parametrize(
    ("page", "language", "place"),
    [
        (4, "da", "side 4, tegn 296-328"),
        (4, "en", "page 4, characters 296-328"),
        (None, "da", "tegn 296-328"),
        (None, "en", "characters 296-328"),
    ],
)
def test_a_quote_is_placed_by_its_pdf_page_and_its_characters(page: int | None, language: str, place: str) -> None:
    assert quote_place(296, 328, page, language) == place


def test_ask_names_the_pdf_page_of_each_source_and_passage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_model: None
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_pdf(corpus / "sygesikring.pdf")
    monkeypatch.setenv("QA_EVAL_SET", "")
    monkeypatch.setenv("QA_INDEX_DIR", str(tmp_path / "index"))
    assert _invoke_fresh(["build", "-q", "--corpus", str(corpus)]).exit_code == 0
    result = _invoke_fresh(["ask", "Hvad koster et pas til børn?"])
    assert result.exit_code == 0, result.output
    # Answered from page 2 ("Et pas til børn under 18 år koster 155 kr."), its source says so.
    assert "Et pas til børn under 18 år koster 155 kr. [1]" in result.output
    assert "[1] Sygesikring og pas, side 2, tegn 276-318" in result.output.splitlines()
    # A price for an adult the pages do not give is withheld; the closest passages are
    # shown with where they stand: the page-2 passage ("Et pas til børn ... fem år.")
    # first, the page-1 one ("Det gule sygesikringskort ... 14 dage.") last.
    result = _invoke_fresh(["ask", "Hvad er prisen for et pas til en voksen på 40?"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Kilderne besvarer ikke spørgsmålet.")
    lines = [line for line in result.output.splitlines() if line.startswith("(")]
    assert lines[0] == "(1) Sygesikring og pas · Pas til børn, side 2, tegn 276-346"
    assert lines[-1] == "(3) Sygesikring og pas · Sygesikring og pas, side 1, tegn 20-225"


def test_an_answer_of_several_list_items_is_printed_one_item_a_paragraph() -> None:
    answer = "Du kan læse din post tre steder:\n\npå borger.dk\n\ni appen Digital Post [1]"
    assert (
        wrapped_answer(answer, 20) == "Du kan læse din post\ntre steder:\n\npå borger.dk\n\ni appen Digital Post\n[1]"
    )
