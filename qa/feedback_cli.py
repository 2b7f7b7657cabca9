"""`qa feedback ...`: operators' commands for readers' feedback."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

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
    """Export all feedback, oldest first."""
    store = FeedbackStore(db or get_settings().feedback_db)
    if not store.path.exists():
        typer.echo(
            f"No feedback database at {store.path}: nothing has been stored yet, or "
            "QA_FEEDBACK_DB / --db points elsewhere.",
            err=True,
        )
        raise typer.Exit(1)
    if output is None or str(output) == "-":
        count = store.export(sys.stdout, fmt)
        sys.stdout.flush()
    else:
        with output.open("w", encoding="utf-8", newline="") as out:
            count = store.export(out, fmt)
    typer.echo(f"{count} feedback row(s) exported", err=True)
