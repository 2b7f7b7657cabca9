"""Clearing the feedback store (`FeedbackStore.clear`, `qa feedback clear`)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

import qa.cli
from qa.feedback import FeedbackFullError, FeedbackStore


def test_a_full_store_takes_feedback_again_once_the_operator_clears_it(tmp_path: Path) -> None:
    store = FeedbackStore(tmp_path / "fb.sqlite3", max_bytes=64 * 1024)
    store.create()
    old = datetime(2026, 1, 1, tzinfo=UTC)
    with pytest.raises(FeedbackFullError, match=r"clears it \(`qa feedback clear --all`\)"):
        for _ in range(100):  # 100 x 9 kB > 64 kB: bounded
            store.add(question="gammel", answer="a" * 9000, verdict="yes", created_at=old)
    kept = sum(1 for _ in store.rows())
    assert kept > 0
    assert store.clear(before=datetime(2025, 12, 31, tzinfo=UTC)) == 0
    assert store.clear(before=datetime(2026, 1, 2, tzinfo=UTC)) == kept
    assert store.add(question="ny", answer="a" * 9000, verdict="yes") > 0
    assert [r["question"] for r in store.rows()] == ["ny"]
    assert store.clear() == 1 and list(store.rows()) == []


def test_clearing_a_store_that_does_not_exist_says_where_it_looked(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=f"no feedback database at {tmp_path / 'none.sqlite3'}"):
        FeedbackStore(tmp_path / "none.sqlite3").clear()


def _filled(path: Path) -> FeedbackStore:
    store = FeedbackStore(path)
    store.create()
    store.add(question="gammel", answer="a", verdict="yes", created_at=datetime(2026, 1, 1, tzinfo=UTC))
    store.add(question="ny", answer="b", verdict="no", created_at=datetime(2026, 3, 1, tzinfo=UTC))
    return store


def test_cli_clear_deletes_the_rows_before_a_day_after_asking(tmp_path: Path) -> None:
    store = _filled(tmp_path / "fb.sqlite3")
    args = ["feedback", "clear", "--before", "2026-02-01", "--db", str(store.path)]
    refused = CliRunner().invoke(qa.cli.app, args, input="n\n")
    assert refused.exit_code == 1 and len(list(store.rows())) == 2
    assert "Delete the feedback stored before 2026-02-01 (UTC) from" in refused.output
    result = CliRunner().invoke(qa.cli.app, args, input="y\n")
    assert result.exit_code == 0, result.output
    assert result.output.endswith("1 feedback row(s) cleared\n")
    assert [r["question"] for r in store.rows()] == ["ny"]
    everything = CliRunner().invoke(qa.cli.app, ["feedback", "clear", "--all", "--yes", "--db", str(store.path)])
    assert everything.exit_code == 0 and list(store.rows()) == []


@pytest.mark.parametrize(
    ("args", "code", "line"),
    [
        ([], 2, "error: give either --before YYYY-MM-DD or --all"),
        (["--all", "--before", "2026-01-01"], 2, "error: give either --before YYYY-MM-DD or --all"),
        (
            ["--all", "--yes"],
            1,
            "error: No feedback database at {db}: nothing has been stored yet, "
            "or QA_FEEDBACK_DB / --db points elsewhere.",
        ),
    ],
)
def test_cli_clear_says_what_it_needs(tmp_path: Path, args: list[str], code: int, line: str) -> None:
    db = tmp_path / "none.sqlite3"
    result = CliRunner().invoke(qa.cli.app, ["feedback", "clear", *args, "--db", str(db)])
    assert result.exit_code == code
    assert result.output.strip() == line.format(db=db)


def test_cli_clear_of_a_database_it_may_not_write_is_one_error_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = _filled(tmp_path / "fb.sqlite3")

    def read_only(self: FeedbackStore, before: datetime | None = None) -> int:
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(FeedbackStore, "clear", read_only)
    result = CliRunner().invoke(qa.cli.app, ["feedback", "clear", "--all", "--yes", "--db", str(store.path)])
    assert result.exit_code == 1
    assert result.output.strip() == (
        f"error: {store.path} cannot be changed (attempt to write a readonly database): "
        "run the command as a user who may write it and its folder"
    )
