"""`qa index list/use/prune/verify` and `qa build`'s exit codes, through the CLI."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import qa.service
from qa.cli import app
from qa.documents import Document
from qa.index import build
from qa.index_errors import GateError, IndexBusyError
from qa.scoring import shipped_path
from tests.fakes import FakeEmbedder, build_for_old_scoring, old_scoring_message

runner = CliRunner()


def test_index_list_use_prune_and_verify(tmp_path: Path, corpus_documents: list[Document]) -> None:
    first, second, third = (build(corpus_documents, FakeEmbedder(), tmp_path).version for _ in range(3))
    listed = runner.invoke(app, ["index", "list", "--index", str(tmp_path)])
    assert listed.exit_code == 0
    lines = listed.output.splitlines()
    assert (
        lines[0]
        == "version                           created                     documents  chunks  live  evaluation (all)"
    )
    assert [line.split()[0] for line in lines[1:]] == [first, second, third]
    assert lines[3].split()[-2:] == ["*", "-"]

    used = runner.invoke(app, ["index", "use", first, "--index", str(tmp_path)])
    assert (used.exit_code, used.output) == (0, f"live: {tmp_path / first}\n")
    pruned = runner.invoke(app, ["index", "prune", "--keep", "1", "--index", str(tmp_path)])
    assert (pruned.exit_code, pruned.output) == (0, f"removed 1 versions: {second}\n")
    verified = runner.invoke(app, ["index", "verify", third, "--index", str(tmp_path)])
    assert (verified.exit_code, verified.output) == (0, f"ok: {tmp_path / third} (11 files, counts match)\n")


def test_build_not_promoted_by_the_gate_exits_3_with_the_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise GateError("the new index evaluates worse ...:\nmetric ...", [("en", "answer_accuracy", 0.7, 0.5)])

    monkeypatch.setattr(qa.service, "build_index", refuse)
    result = runner.invoke(app, ["build", "--index", str(tmp_path)])
    assert result.exit_code == 3
    assert result.output == "not promoted: the new index evaluates worse ...:\nmetric ...\n"
    assert (result.stdout, result.stderr) == ("", result.output)  # all of the refusal on stderr, as errors are


def test_build_while_another_holds_the_lock_exits_1_with_the_message(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def busy(*args: object, **kwargs: object) -> None:
        raise IndexBusyError(f"{tmp_path} is locked by build (pid 1): wait")

    monkeypatch.setattr(qa.service, "build_index", busy)
    result = runner.invoke(app, ["build", "--index", str(tmp_path)])
    assert (result.exit_code, result.output) == (1, f"error: {tmp_path} is locked by build (pid 1): wait\n")


def test_build_of_an_unchanged_corpus_says_so_and_writes_no_version(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from qa.settings import get_settings
    from qa.versions import list_versions

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\ntitle: A\nlanguage: da\n---\n# Pas\n\nEt nyt pas koster 673 kr.\n")
    monkeypatch.setattr(qa.service, "prepare_model", lambda *args: tmp_path)
    monkeypatch.setattr(qa.service, "create_embedder", lambda *args, **kwargs: FakeEmbedder())
    monkeypatch.setenv("QA_EVAL_SET", str(tmp_path / "none.jsonl"))
    get_settings.cache_clear()
    args = ["build", "--quiet", "--corpus", str(corpus), "--index", str(tmp_path / "index")]
    try:
        first = runner.invoke(app, args)
        again = runner.invoke(app, args)
        forced = runner.invoke(app, [*args, "--force"])
    finally:
        get_settings.cache_clear()
    assert first.exit_code == 0, first.output
    (version,) = [v.version for v in list_versions(tmp_path / "index")][:1]
    assert (again.exit_code, again.stdout) == (
        0,
        f"index unchanged: {version} is live (no document added, changed or removed); use --force to rebuild\n",
    )
    assert forced.exit_code == 0 and forced.stdout.startswith("built index ")
    assert len(list_versions(tmp_path / "index")) == 2


@pytest.mark.parametrize("cost", ["inf", "nan", "0", "-1"])
def test_calibrate_refuses_an_unanswered_cost_that_is_not_a_positive_number(tmp_path: Path, cost: str) -> None:
    questions = tmp_path / "questions.jsonl"
    line = '{"id": "q1", "language": "da", "question": "Hvad koster et pas?", "answerable": false, "gold": []}'
    questions.write_text(line + "\n", encoding="utf-8")
    result = runner.invoke(app, ["calibrate", str(questions), f"--unanswered-cost={cost}"])
    assert result.exit_code == 1
    expected = f"--unanswered-cost must be a positive number (1 weighs both kinds of error alike), got {float(cost)}"
    assert expected in result.output.replace("\n", "")


def test_calibrate_needs_answerable_and_unanswerable_questions(tmp_path: Path) -> None:
    questions = tmp_path / "questions.jsonl"
    line = '{"id": "q1", "language": "da", "question": "Hvad koster et pas?", "answerable": false, "gold": [], '
    questions.write_text(line + '"split": "check"}\n', encoding="utf-8")
    result = runner.invoke(app, ["calibrate", str(questions), "--split", "fit"])
    assert result.exit_code == 1
    assert f"{questions} (fit) has 0 answerable and 0 unanswerable questions: calibration needs some of each" in (
        result.output.replace("\n", "")
    )


def test_calibrate_never_overwrites_the_shipped_abstention_model(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QA_ABSTENTION_MODEL", raising=False)
    questions = tmp_path / "questions.jsonl"
    lines = [
        '{"id": "q1", "language": "da", "question": "Hvad koster et pas?", "answerable": false, "gold": []}',
        '{"id": "q2", "language": "da", "question": "Hvad er MitID?", "answerable": true, "gold": ["MitID"]}',
    ]
    questions.write_text("\n".join(lines) + "\n", encoding="utf-8")
    shipped = shipped_path("abstention.json")
    before = shipped.read_bytes()
    result = runner.invoke(app, ["calibrate", str(questions)])
    assert result.exit_code == 1
    expected = (
        "qa calibrate fits a model for your corpus and does not overwrite the one shipped with the "
        f"package ({shipped}): give --out FILE, then set QA_ABSTENTION_MODEL=FILE for `qa ask` and `qa serve`"
    )
    assert expected in result.output.replace("\n", "")
    assert shipped.read_bytes() == before


def test_list_and_verify_flag_a_version_built_for_another_scoring_version(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    current = build(corpus_documents, FakeEmbedder(), tmp_path).version
    old = build_for_old_scoring(corpus_documents, tmp_path, monkeypatch)
    message = old_scoring_message()
    listed = runner.invoke(app, ["index", "list", "--index", str(tmp_path)])
    rows = {line.split()[0]: line for line in listed.output.splitlines()[1:]}
    assert rows[old].endswith(f"STALE: {message}")
    assert "STALE" not in rows[current]
    verified = runner.invoke(app, ["index", "verify", old, "--index", str(tmp_path)])
    assert (verified.exit_code, verified.output.replace("\n", "")) == (1, f"error: {message}")
    assert runner.invoke(app, ["index", "verify", current, "--index", str(tmp_path)]).exit_code == 0
