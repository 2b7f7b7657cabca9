"""What `qa build` does with files it cannot read: a document of the live index that fails
to read stops the build (it is not dropped from the live index unless --force), and each
skipped file is shown once while building and once in the summary."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest

import qa.service
from qa.documents import CorpusReport, DocumentError, read_corpus
from qa.index_errors import UnreadDocumentsError
from qa.pipeline import (
    BuildOptions,
    UnreadDocument,
    forced_removal_warning,
    refuse_unread_live_documents,
    run_build,
    unread_live_documents,
)
from tests.fakes import FakeEmbedder
from tests.test_index_cli import _invoke_fresh
from tests.unprivileged import without_root_privileges

ROOT = Path(__file__).resolve().parents[1]
FOLDER_REMEDY = "give the user running `qa build` read access to the folder (chmod a+rx), or move it out of the corpus"
LINK_REASON = "is a broken link: {target} does not exist; fix or remove the link"


@pytest.fixture()
def fake_model(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """`qa build` runs the fake embedder; the working folder holds no default evaluation set."""
    monkeypatch.setattr(qa.service, "prepare_model", lambda *args: tmp_path)
    monkeypatch.setattr(qa.service, "create_embedder", lambda *args, **kwargs: FakeEmbedder())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QA_EVAL_SET", "")


def _build(corpus: Path, index: Path, *options: str) -> tuple[int, str, str]:
    result = _invoke_fresh(["build", "-q", *options, "--corpus", str(corpus), "--index", str(index)])
    return result.exit_code, result.stdout, result.stderr


def _one_unread_document(live: str, line: str) -> str:
    """The refusal `qa build` gives for one live document that failed to read (`line`: "id: path: reason")."""
    return (
        f"1 document of the live index {live} could not be read this time; building without it would remove it "
        f"from the index and break the citations and links to it, so nothing was built:\n  {line}\n"
        "fix the files and run `qa build` again, or run `qa build --force` to build without it\n"
    )


def _two_documents(tmp_path: Path) -> Path:
    """A corpus folder holding nemid.md and mitid.md."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "nemid.md").write_text("# NemID\n\nNemID er en digital signatur.\n", encoding="utf-8")
    (corpus / "mitid.md").write_text("# MitID\n\nMitID afløser NemID.\n", encoding="utf-8")
    return corpus


@pytest.mark.usefixtures("fake_model")
def test_a_live_document_that_fails_to_read_stops_the_build_until_fixed_or_forced(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    corpus, index = _two_documents(tmp_path), tmp_path / "index"
    (corpus / "broken.md").write_bytes(b"\xff")  # never read: a first build goes on without it
    code, _, _ = _build(corpus, index)
    assert code == 0
    live = (index / "LIVE").read_text()
    # mitid.md turns corrupt, nemid.md is deleted by the operator, pas.md is added.
    (corpus / "mitid.md").write_bytes(b"\xfb\xfe# MitID")
    (corpus / "nemid.md").unlink()
    (corpus / "pas.md").write_text("# Pas\n\nEt nyt pas koster 673 kr.\n", encoding="utf-8")
    code, stdout, stderr = _build(corpus, index)
    assert (code, stdout) == (3, "")
    assert stderr == "not promoted: " + _one_unread_document(
        live.strip(), f"mitid: {corpus / 'mitid.md'}: not UTF-8 text (invalid start byte at byte 0); save it as UTF-8"
    )
    assert (index / "LIVE").read_text() == live
    caplog.clear()
    code, stdout, _ = _build(corpus, index, "--force")
    assert code == 0
    assert "documents against" in stdout
    assert "  removed: mitid, nemid" in stdout.splitlines()
    # The one removed because it failed to read is named as such, in the summary and the log.
    warning = (
        f"mitid is left out of this build (--force): {corpus / 'mitid.md'} could not be read; "
        "once the build is live, links and citations to it answer 404 until it reads again"
    )
    assert [line for line in stdout.splitlines() if line.startswith("warning:")] == [f"warning: {warning}"]
    assert [r.getMessage() for r in caplog.records if r.name == "qa.pipeline" and "left out" in r.getMessage()] == [
        warning
    ]


@pytest.mark.usefixtures("fake_model")
def test_a_document_the_operator_removed_is_dropped_without_stopping_the_build(tmp_path: Path) -> None:
    corpus, index = _two_documents(tmp_path), tmp_path / "index"
    assert _build(corpus, index)[0] == 0
    (corpus / "mitid.md").unlink()
    (corpus / "mitid.txt").write_bytes(b"\xff")  # a new file that fails, under the id mitid had
    (corpus / "nemid.bak").write_text("kopi", encoding="utf-8")  # not a format read: never a document
    (corpus / "nemid.md").unlink()
    (corpus / "pas.md").write_text("# Pas\n\nEt nyt pas koster 673 kr.\n", encoding="utf-8")
    code, stdout, _ = _build(corpus, index)
    assert code == 3  # mitid.txt has the id of the live mitid and cannot be read
    (corpus / "mitid.txt").unlink()
    code, stdout, _ = _build(corpus, index)
    assert code == 0
    assert "  removed: mitid, nemid" in stdout.splitlines()


def test_live_documents_in_a_folder_or_behind_a_link_that_cannot_be_read_are_named(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "borger").mkdir(parents=True)
    (corpus / "borger" / "faq.md").write_text("# FAQ\n\nSvar.\n", encoding="utf-8")
    (corpus / "borger-tekst.md").write_text("# Tekst\n\nTekst.\n", encoding="utf-8")
    (corpus / "sag").symlink_to(tmp_path / "flyttet")
    folder = DocumentError(corpus / "borger", "the folder cannot be read (Permission denied)")
    link = DocumentError(corpus / "sag", "is a broken link")
    report = CorpusReport(documents=read_corpus(corpus).documents, errors=[folder, link])
    assert [d.doc_id for d in report.documents] == ["borger-faq", "borger-tekst"]
    report.documents = [d for d in report.documents if d.doc_id != "borger-faq"]
    live = ["borger-faq", "borger-tekst", "sag-regler", "sagen", "gammel"]
    assert unread_live_documents(report, corpus, live) == [
        UnreadDocument("borger-faq", folder, known=False),
        UnreadDocument("sag-regler", link, known=False),
    ]


def _fake_build_without_root_privileges(corpus: Path, index: Path) -> subprocess.CompletedProcess[str]:
    """`tests.fake_build` run so that a folder's `chmod 000` applies, also as root."""
    command = without_root_privileges([sys.executable, "-m", "tests.fake_build", str(corpus), str(index)])
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)


def _unreadable_folder_build(corpus: Path, index: Path, folder: Path) -> subprocess.CompletedProcess[str]:
    """Build `corpus` into `index` with `folder` made unreadable (chmod 000) meanwhile."""
    folder.chmod(0o000)
    try:
        return _fake_build_without_root_privileges(corpus, index)
    finally:
        folder.chmod(0o755)


def test_a_live_document_in_an_unreadable_folder_with_a_dot_in_its_name_stops_the_build(tmp_path: Path) -> None:
    # `vejl.2024` is a folder: its id prefix is "vejl.2024-", not "vejl-" (as if ".2024" were a suffix).
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    (corpus / "vejl.2024").mkdir(parents=True)
    (corpus / "vejl.2024" / "barsel.md").write_text("# Barsel\n\nBarsel varer 52 uger.\n", encoding="utf-8")
    (corpus / "pas.md").write_text("# Pas\n\nEt nyt pas koster 673 kr.\n", encoding="utf-8")
    live = run_build(corpus, FakeEmbedder(), index, BuildOptions(keep=3)).data.version
    refused = _unreadable_folder_build(corpus, index, corpus / "vejl.2024")
    assert refused.returncode == 3
    assert refused.stderr.split("not promoted: ", 1)[1] == _one_unread_document(
        live,
        f"vejl.2024-barsel: {corpus / 'vejl.2024'}: the folder cannot be read (Permission denied): " + FOLDER_REMEDY,
    )
    assert (index / "LIVE").read_text().strip() == live


def test_an_unreadable_folder_whose_id_starts_a_deleted_documents_id_does_not_stop_its_removal(
    tmp_path: Path,
) -> None:
    # ko-moms-frister.md was deleted on purpose; the unrelated folder ko/ cannot be read.
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "ko-moms-frister.md").write_text("# Moms\n\nMomsen betales kvartalsvis.\n", encoding="utf-8")
    (corpus / "pas.md").write_text("# Pas\n\nEt nyt pas koster 673 kr.\n", encoding="utf-8")
    run_build(corpus, FakeEmbedder(), index, BuildOptions(keep=3))
    (corpus / "ko-moms-frister.md").unlink()
    (corpus / "ko").mkdir()
    built = _unreadable_folder_build(corpus, index, corpus / "ko")
    assert (built.returncode, built.stdout) == (0, f"ready\nlive {(index / 'LIVE').read_text().strip()}\n")


def test_without_recorded_source_paths_a_folder_whose_id_starts_a_documents_id_is_named_as_where_it_may_be(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pas.md").write_text("# Pas\n\nEt nyt pas koster 673 kr.\n", encoding="utf-8")
    (corpus / "ko").mkdir()
    (corpus / "na.md").symlink_to(tmp_path / "gone" / "na.md")
    folder = DocumentError(corpus / "ko", "the folder cannot be read (Permission denied)")
    link = DocumentError(corpus / "na.md", "is a broken link")
    report = CorpusReport(documents=read_corpus(corpus).documents, errors=[folder, link])
    unread = unread_live_documents(report, corpus, ["pas", "ko-moms-frister", "na-barsel"])
    assert unread == [UnreadDocument("ko-moms-frister", folder, known=False)]  # a link to a file holds only "na"
    with pytest.raises(UnreadDocumentsError) as refused:
        refuse_unread_live_documents(unread, "v1")
    assert str(refused.value).splitlines()[1] == (
        f"  ko-moms-frister: may be in the unreadable folder {corpus / 'ko'}: the folder cannot be read "
        "(Permission denied)"
    )


@pytest.mark.usefixtures("fake_model")
def test_a_broken_link_to_a_file_holds_only_the_document_of_its_own_id(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "na.md").write_text("# NA\n\nNA er en ordning.\n", encoding="utf-8")
    (corpus / "na-barsel.md").write_text("# Barsel\n\nBarsel varer 52 uger.\n", encoding="utf-8")
    (corpus / "pas.md").write_text("# Pas\n\nEt nyt pas koster 673 kr.\n", encoding="utf-8")
    assert _build(corpus, index)[0] == 0
    live = (index / "LIVE").read_text().strip()
    # na-barsel.md deleted on purpose; na.md replaced by a link to a file that is gone.
    (corpus / "na-barsel.md").unlink()
    (corpus / "na.md").unlink()
    (corpus / "na.md").symlink_to(tmp_path / "gone" / "na.md")
    code, stdout, stderr = _build(corpus, index)
    assert (code, stdout) == (3, "")
    assert stderr == "not promoted: " + _one_unread_document(
        live, f"na: {corpus / 'na.md'}: {LINK_REASON.format(target=tmp_path / 'gone' / 'na.md')}"
    )
    (corpus / "na.md").unlink()  # the operator removes the link too: both go
    code, stdout, _ = _build(corpus, index)
    assert code == 0
    assert "  removed: na, na-barsel" in stdout.splitlines()


@pytest.mark.usefixtures("fake_model")
def test_a_skipped_file_is_shown_once_while_building_and_once_in_the_summary(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "pas.md").write_text("# Pas\n\nEt nyt pas koster 673 kr.\n", encoding="utf-8")
    (corpus / "bad.md").write_bytes(b"\xff")
    with caplog.at_level(logging.INFO):
        code, stdout, stderr = _build(corpus, index)
    reason = f"{corpus / 'bad.md'}: not UTF-8 text (invalid start byte at byte 0); save it as UTF-8"
    assert (code, stderr) == (0, "")
    assert [line for line in stdout.splitlines() if "bad.md" in line] == [f"skipped {reason}"]
    assert [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING] == [f"skipping {reason}"]
    # -q logs only warnings: no step lines
    assert [r.getMessage() for r in caplog.records if r.name.startswith("qa.") and r.levelno < logging.WARNING] == []


@pytest.mark.usefixtures("fake_model")
def test_a_skipped_file_is_in_the_summary_also_when_the_index_is_unchanged(tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    (corpus / "pas.md").write_text("# Pas\n\nEt nyt pas koster 673 kr.\n", encoding="utf-8")
    (corpus / "bad.md").write_bytes(b"\xff")
    assert _build(corpus, index)[0] == 0
    live = (index / "LIVE").read_text().strip()
    code, stdout, stderr = _build(corpus, index)
    assert (code, stderr) == (0, "")
    assert stdout == (
        f"index unchanged: {live} is live (no document added, changed or removed); use --force to rebuild\n"
        f"skipped {corpus / 'bad.md'}: not UTF-8 text (invalid start byte at byte 0); save it as UTF-8\n"
    )


def test_a_document_forced_out_from_a_folder_only_its_id_points_to_is_named_as_maybe_there(tmp_path: Path) -> None:
    folder = DocumentError(tmp_path / "ko", "the folder cannot be read (Permission denied)")
    assert forced_removal_warning(UnreadDocument("ko-moms-frister", folder, known=False)) == (
        f"ko-moms-frister is left out of this build (--force): it may be in the unreadable folder {tmp_path / 'ko'}; "
        "once the build is live, links and citations to it answer 404 until it reads again"
    )
