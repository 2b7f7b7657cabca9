"""`qa feedback ...`: operators' commands for readers' feedback."""

from __future__ import annotations

import sqlite3
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from qa.cli_support import fail, output_file_problem
from qa.feedback import ExportFormat, FeedbackStore
from qa.settings import get_settings

feedback_app = typer.Typer(help="Read the feedback readers gave on answers.", no_args_is_help=True)


@feedback_app.callback()
def _feedback() -> None:
    """Read the feedback readers gave on answers (personal data already redacted)."""


@feedback_app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="CSV with a header, or JSON lines.")] = "csv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write; `-` or none: standard output.")
    ] = None,
    db: Annotated[Path | None, typer.Option("--db", help="Feedback database; default QA_FEEDBACK_DB.")] = None,
) -> None:
    """Export all feedback, oldest first. Ends with one `error:` line (exit code 1) when
    the database is missing or not a feedback database, or the output file cannot be
    written; nothing is written then."""
    store = FeedbackStore(db or get_settings().feedback_db)
    target = None if output is None or str(output) == "-" else output
    problem = _database_problem(store)
    if target is not None:
        problem = problem or output_file_problem(target, "--output", f"feedback.{fmt}")
    if problem:
        fail(problem)
    try:
        if target is not None:
            with target.open("w", encoding="utf-8", newline="") as out:
                count = store.export(out, fmt)
        else:
            count = store.export(sys.stdout, fmt)
            sys.stdout.flush()
    except sqlite3.DatabaseError as exc:
        fail(_not_a_database(store.path, exc))
    except OSError as exc:
        if target is None:  # standard output closed (a pipe): not the user's --output
            raise
        fail(f"--output {target} cannot be written ({exc.strerror}): name a file in a folder you may write to")
    typer.echo(f"{count} feedback row(s) exported", err=True)


def _database_problem(store: FeedbackStore) -> str | None:
    """Why `store` cannot be exported, as an error message that says what to do, or None
    when its first row can be read (SQLite opens a file lazily: reading a row is what
    shows that it is a database with the feedback table)."""
    if not store.path.exists():
        return (
            f"No feedback database at {store.path}: nothing has been stored yet, or "
            "QA_FEEDBACK_DB / --db points elsewhere."
        )
    if store.path.is_dir():
        return f"{store.path} is a folder, not a feedback database: point --db or QA_FEEDBACK_DB at its file"
    try:
        next(store.rows(), None)
    except sqlite3.DatabaseError as exc:
        return _not_a_database(store.path, exc)
    return None


def _not_a_database(path: Path, exc: sqlite3.DatabaseError) -> str:
    """The error message for a file SQLite cannot read as the feedback database."""
    return (
        f"{path} is not a feedback database ({exc}): point --db or QA_FEEDBACK_DB at the file "
        "`qa serve` stores feedback in"
    )


@feedback_app.command()
def clear(
    before: Annotated[
        datetime | None,
        typer.Option("--before", formats=["%Y-%m-%d"], help="Delete the rows stored before this day (UTC)."),
    ] = None,
    everything: Annotated[bool, typer.Option("--all", help="Delete every row.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    db: Annotated[Path | None, typer.Option("--db", help="Feedback database; default QA_FEEDBACK_DB.")] = None,
) -> None:
    """Delete stored feedback (export it first), to make room in a full store."""
    if everything == (before is not None):
        typer.echo("error: give either --before YYYY-MM-DD or --all", err=True)
        raise typer.Exit(2)
    store = FeedbackStore(db or get_settings().feedback_db)
    problem = _database_problem(store)
    if problem:
        fail(problem)
    cutoff = None if before is None else before.replace(tzinfo=UTC)
    what = "every feedback row" if cutoff is None else f"the feedback stored before {cutoff:%Y-%m-%d} (UTC)"
    if not yes and not typer.confirm(f"Delete {what} from {store.path}?"):
        typer.echo("nothing deleted", err=True)
        raise typer.Exit(1)
    try:
        cleared = store.clear(cutoff)
    except sqlite3.OperationalError as exc:  # a file or folder this user may not write
        fail(f"{store.path} cannot be changed ({exc}): run the command as a user who may write it and its folder")
    typer.echo(f"{cleared} feedback row(s) cleared", err=True)
