"""`qa inspect PATH [--json]`: how one file is read, with exact offsets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qa.cli import app
from qa.inspect import inspect_file, render_text
from qa.settings import get_settings

CASES = Path(__file__).parent / "cases"


def test_inspect_reports_blocks_sentences_and_chunks_of_a_table_with_exact_offsets() -> None:
    corpus = CASES / "md-table" / "corpus"
    report = inspect_file(corpus / "gebyrer.md", corpus)
    assert (report["doc_id"], report["title"], report["language"]) == ("gebyrer", "Gebyrer i borgerservice", "da")
    assert report["headings"] == [{"level": 1, "text": "Gebyrer i borgerservice"}]
    assert report["blocks"][4] == {
        "kind": "table_row",
        "level": 0,
        "page": None,
        "start": 146,
        "end": 194,
        "text": "Ydelse: Pas til børn under 18 år; Gebyr: 155 kr.",
    }
    assert {"start": 146, "end": 194, "chars": 48, "text": "Ydelse: Pas til børn under 18 år; Gebyr: 155 kr."} in (
        report["sentences"]
    )
    assert [(c["start"], c["end"]) for c in report["chunks"]] == [(25, 239), (241, 354)]


def test_inspect_id_is_relative_to_the_corpus_folder_when_the_file_is_inside_it() -> None:
    corpus = CASES / "same-stem-subfolders" / "corpus"
    assert inspect_file(corpus / "virksomhed" / "faq.md", corpus)["doc_id"] == "virksomhed-faq"
    assert inspect_file(corpus / "virksomhed" / "faq.md", CASES / "md-table")["doc_id"] == "faq"


def test_inspect_text_lists_blocks_with_kind_and_offsets() -> None:
    corpus = CASES / "txt-bullets" / "corpus"
    lines = render_text(inspect_file(corpus / "pas.txt", corpus))
    assert lines[:6] == [
        f"file      {corpus / 'pas.txt'}",
        "id        pas",
        "title     Sådan fornyer du dit pas",
        "language  da",
        "headings  1",
        "  # Sådan fornyer du dit pas",
    ]
    assert "      88-101    list_item dit gamle pas" in lines
    assert "sentences 17 (longest 62 characters)" in lines


def test_inspect_command_prints_json_and_fails_with_the_reason_for_a_bad_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QA_CORPUS_DIR", str(CASES / "html-div-table" / "corpus"))
    get_settings.cache_clear()
    runner = CliRunner()
    try:
        result = runner.invoke(
            app, ["inspect", str(CASES / "html-div-table" / "corpus" / "sygesikring.html"), "--json"]
        )
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["doc_id"] == "sygesikring"
    assert report["blocks"][4]["text"] == "Kort: Erstatningskort; Pris: 205 kr."
    bad = tmp_path / "scan.odt"
    bad.write_bytes(b"PK")
    result = runner.invoke(app, ["inspect", str(bad)])
    assert result.exit_code == 1
    assert f"error: {bad}: unsupported file type .odt; use .md, .txt, .html, .pdf or .docx" in result.output


@pytest.mark.parametrize("name", ["borger", "faq.md"])  # a folder named like a document too
def test_inspect_of_a_folder_says_it_is_a_folder_and_to_name_a_file_in_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    folder = tmp_path / "corpus" / name
    folder.mkdir(parents=True)
    (folder / "pas.md").write_text("# Pas\n\nEt pas koster 678 kr.\n", encoding="utf-8")
    code, out, err = _inspect_in(tmp_path / "corpus", folder, monkeypatch)
    assert (code, out) == (1, "")
    assert err == (
        f"error: {folder}: is a folder, not a file: `qa inspect` shows how one document file is read; "
        "name one of the files in it (.md, .txt, .html, .pdf or .docx)\n"
    )


def test_inspect_id_of_a_file_in_a_linked_sub_folder_is_the_one_the_build_gives(tmp_path: Path) -> None:
    (tmp_path / "elsewhere" / "borger").mkdir(parents=True)
    (tmp_path / "elsewhere" / "borger" / "tand.md").write_text("# Tandpleje\n\nGratis til 18 år.\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "borger").symlink_to(tmp_path / "elsewhere" / "borger")
    assert inspect_file(corpus / "borger" / "tand.md", corpus)["doc_id"] == "borger-tand"


LOOP = "is a link that leads back to itself (a loop of links): fix or remove the link"


def _inspect_in(corpus: Path, target: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[int, str, str]:
    """(exit code, standard output, standard error) of `qa inspect TARGET` with QA_CORPUS_DIR=corpus."""
    monkeypatch.setenv("QA_CORPUS_DIR", str(corpus))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(app, ["inspect", str(target)])
    finally:
        get_settings.cache_clear()
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    ("links", "target", "named"),
    [
        ({"a.md": "b.md", "b.md": "a.md"}, "a.md", "a.md"),
        ({"borger": "borger"}, "borger/pas.md", "borger"),  # a folder link on the way
    ],
)
def test_inspect_of_a_link_loop_ends_with_one_error_line_naming_the_link_as_the_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: dict[str, str], target: str, named: str
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, to in links.items():
        (corpus / name).symlink_to(to)
    assert _inspect_in(corpus, corpus / target, monkeypatch) == (1, "", f"error: {corpus / named}: {LOOP}\n")


def test_inspect_reads_a_file_of_a_corpus_that_holds_link_loops(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pas.md").write_text("# Pas\n\nDu kan forny dit pas.\n", encoding="utf-8")
    (corpus / "self").symlink_to("../corpus")  # a link to the folder that holds it
    (corpus / "a.md").symlink_to("b.md")
    (corpus / "b.md").symlink_to("a.md")
    code, out, err = _inspect_in(corpus, corpus / "self" / "pas.md", monkeypatch)
    assert (code, err) == (0, "")
    assert out.splitlines()[:2] == [f"file      {corpus / 'self' / 'pas.md'}", "id        self-pas"]


def test_inspect_of_a_file_outside_a_corpus_folder_that_is_a_link_loop_ids_it_by_its_name(tmp_path: Path) -> None:
    (tmp_path / "corpus").symlink_to("corpus")
    (tmp_path / "pas.md").write_text("# Pas\n\nDu kan forny dit pas.\n", encoding="utf-8")
    assert inspect_file(tmp_path / "pas.md", tmp_path / "corpus")["doc_id"] == "pas"
