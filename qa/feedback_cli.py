"""`qa feedback ...`: operators' commands for readers' feedback."""

from __future__ import annotations

import sys
from datetime import UTC, datetime
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
    if not store.path.exists():
        typer.echo(f"error: no feedback database at {store.path}: nothing to clear", err=True)
        raise typer.Exit(1)
    cutoff = None if before is None else before.replace(tzinfo=UTC)
    what = "every feedback row" if cutoff is None else f"the feedback stored before {cutoff:%Y-%m-%d} (UTC)"
    if not yes and not typer.confirm(f"Delete {what} from {store.path}?"):
        typer.echo("nothing deleted", err=True)
        raise typer.Exit(1)
    typer.echo(f"{store.clear(cutoff)} feedback row(s) cleared", err=True)
