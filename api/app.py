"""The FastAPI application: thin routes over `qa.engine.QAEngine`, loaded once at start."""

from __future__ import annotations

import asyncio
import logging
import re
import signal
import sys
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated, Any, TypeVar

from fastapi import FastAPI, HTTPException, Query, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from api.cors import cors_options
from api.docs import install_docs
from api.json_errors import InternalErrorsAsJsonMiddleware, PlainTextErrorsAsJsonMiddleware, internal_error
from api.limits import (
    OVERLOADED,
    BodyTimeoutMiddleware,
    HeaderSizeLimitMiddleware,
    Overloaded,
    QueryGate,
    QueryTimeout,
    RateLimitMiddleware,
    RefuseWhenFullMiddleware,
)
from api.listing import ListingCache, summary
from api.logs import AccessLogMiddleware
from api.metrics import Metrics, MetricsMiddleware
from api.reload import EngineHolder
from api.routing import answer_head
from api.schemas import (
    TEXT_SCHEMA,
    AskRequest,
    AskResponse,
    DocumentList,
    DocumentOut,
    ErrorBody,
    HeadingOut,
    Health,
    SearchResponse,
    check_text,
    invalid_unicode,
)
from api.widget import install_widget
from qa.embedder import Embedder
from qa.engine import DocumentNotFoundError, QAEngine, QuestionError
from qa.feedback import FeedbackStoreError
from qa.redaction import redact
from qa.settings import DEFAULT_TOP_K, MAX_TOP_K, Settings, get_settings

log = logging.getLogger(__name__)

T = TypeVar("T")

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A request the server cannot read (e.g. a Host it does not serve)."},
    404: {"model": ErrorBody, "description": "No such route or document."},
    408: {"model": ErrorBody, "description": "The request body did not arrive in time."},
    413: {"model": ErrorBody, "description": "The request body is larger than QA_MAX_BODY_BYTES."},
    422: {"model": ErrorBody, "description": "The input is invalid; `detail` says which field and why."},
    431: {"model": ErrorBody, "description": "The request line and headers are larger than QA_MAX_HEADER_BYTES."},
    429: {
        "model": ErrorBody,
        "description": "Too many requests from this client; retry after `Retry-After` seconds.",
        "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
    },
    503: {
        "model": ErrorBody,
        "description": "Not ready (no index), or too busy: every query worker is taken and the queue "
        "is full, or the answer took longer than the time limit; retry after `Retry-After` seconds.",
        "headers": {"Retry-After": {"description": "Seconds to wait.", "schema": {"type": "integer"}}},
    },
    500: {
        "model": ErrorBody,
        "description": "An unexpected error in the server (a fault, never a refusal of the input): `detail` "
        "names the request id by which the operator finds its traceback in the log.",
        "headers": {
            "X-Request-ID": {"description": "The request id that `detail` names.", "schema": {"type": "string"}}
        },
    },
}


NOT_READY = "The service is not ready (its model or index is not loaded): try again later."
NOT_READY_RETRY_AFTER_S = 10
"""Retry-After (seconds) of a not-ready 503: loading the model takes tens of seconds."""

# FastAPI's own detail when it cannot decode a request body (fastapi/routing.py), raised
# from the exception `json.loads` gave; ours for each such cause (see `unreadable_body`).
FASTAPI_BODY_ERROR = "There was an error parsing the body"
EXAMPLE_BODY = '{"question": "Hvad er NemID?", "top_k": 5}'
BODY_NOT_UTF8 = "body: the request body is not valid UTF-8: send JSON text encoded as UTF-8"
BODY_TOO_DEEP = (
    "body: the JSON is nested too deeply to read (arrays or objects about 1000 levels inside "
    f"each other): send a JSON object such as {EXAMPLE_BODY}"
)
BODY_NUMBER_TOO_LONG = (
    f"body: a number in the JSON has more than {sys.get_int_max_str_digits()} digits, too many "
    f"to read: send a JSON object such as {EXAMPLE_BODY}"
)
BODY_UNREADABLE = f"body: the request body cannot be read as JSON: send a JSON object such as {EXAMPLE_BODY}"

# A Content-Type shown back in an error: a plain media type, as "text/plain".
_MEDIA_TYPE = re.compile(r"[\w.+-]{1,60}/[\w.+-]{1,60}")


WINDOW_START = (
    "Character offset (code points, as citations' `start`) where the returned `text` begins; "
    "at most the document's `length`."
)
WINDOW_END = (
    "Character offset where the returned `text` ends (exclusive, as citations' `end`); default, "
    "or anything past the end of the text: the document's `length`. Not less than `start`."
)


LIST_OFFSET = "How many documents of the list (in id order) to leave out before the first one returned."
LIST_LIMIT = (
    "At most this many documents; default: to the end of the list. Without `offset` and `limit`, the whole list."
)
TOTAL_COUNT = "How many documents the index version holds (whatever page of them the body lists)."


# The largest window offset taken: a 32-bit count of characters, far beyond any document;
# a larger number is refused by validation without being echoed back.
MAX_WINDOW_OFFSET = 2**31 - 1


class WindowError(ValueError):
    """A window a document's text cannot give: `field` ("start" or "end") and why, worded
    for the client."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def text_window(length: int, start: int, end: int | None) -> tuple[int, int]:
    """The offsets ``(first, last)`` of the window ``start``..``end`` of a text of ``length``
    characters: ``(start, length)`` without ``end``; an ``end`` past the text is read as
    its end (as an HTTP Range's last position, RFC 9110 14.1.2).

    Raises WindowError for a ``start`` past the end of the text or an ``end`` before ``start``.
    """
    if start > length:
        raise WindowError(
            "start",
            f"{start} is past the end of the document's text ({length} characters; "
            "GET /documents gives each document's length)",
        )
    if end is not None and end < start:
        raise WindowError("end", f"{end} is before start ({start}): send an end of at least {start}")
    return start, length if end is None else min(end, length)


def _redacted(err: dict[str, Any]) -> dict[str, Any]:
    """One validation error (``type``, ``loc``, ``msg``) with every text in it redacted: a
    ``loc`` entry can be a key the client chose, such as ``"010203-1234"``."""
    loc = [redact(part) if isinstance(part, str) else part for part in err.get("loc", ())]
    return {**err, "loc": loc, "msg": redact(str(err.get("msg", "")))}


def unreadable_body(cause: BaseException | None) -> str:
    """The 422 ``detail`` for a body FastAPI could not parse, by the exception ``json.loads``
    raised (FastAPI raises its 400 "There was an error parsing the body" *from* it; a
    `json.JSONDecodeError` it answers itself, as a ``json_invalid`` validation error):

    - `UnicodeDecodeError`: the bytes are not UTF-8 (`BODY_NOT_UTF8`);
    - `RecursionError`: arrays or objects nested about 1000 deep (`BODY_TOO_DEEP`);
    - `ValueError` of Python's integer conversion limit: a number of more than
      ``sys.get_int_max_str_digits()`` digits (`BODY_NUMBER_TOO_LONG`);
    - anything else (or no cause): `BODY_UNREADABLE`, which blames no particular cause.
    """
    if isinstance(cause, UnicodeDecodeError):
        return BODY_NOT_UTF8
    if isinstance(cause, RecursionError):
        return BODY_TOO_DEEP
    if isinstance(cause, ValueError) and "integer string conversion" in str(cause):
        return BODY_NUMBER_TOO_LONG
    return BODY_UNREADABLE


def not_json_content(content_type: str | None) -> str:
    """The 422 ``detail`` for a body FastAPI left unparsed because its ``Content-Type``
    (``None``: the request had none) is not JSON: it says which header to send, and shows
    the media type the request gave when it is a plain one (``"text/plain"``)."""
    media_type = (content_type or "").split(";")[0].strip()
    if not media_type:
        sent = "this request had no Content-Type"
    elif _MEDIA_TYPE.fullmatch(media_type):
        sent = f"this request's was {media_type}"
    else:
        sent = "this request's was not a media type"
    return f"body: send the JSON with the header Content-Type: application/json ({sent}), such as {EXAMPLE_BODY}"


def _unparsed(err: dict[str, Any]) -> bool:
    """Whether a validation error is FastAPI's for a body it did not parse as JSON, its
    ``Content-Type`` being another (or none): the body model was given the raw bytes."""
    return err.get("type") == "model_attributes_type" and isinstance(err.get("input"), bytes)


def _describe(err: dict[str, Any]) -> str:
    """One validation error as 'where: what', in words a client developer can act on."""
    loc = list(err.get("loc", ()))
    if err.get("type") == "json_invalid":
        return f"body: the request is not valid JSON (error at character {loc[-1]})"
    if err.get("type") == "model_attributes_type" and loc == ["body"]:
        return f"body: send a JSON object such as {EXAMPLE_BODY}"
    where = ".".join(str(p) for p in loc[1:]) or str(loc[0] if loc else "body")
    if err.get("type") == "string_unicode":  # a lone surrogate ("\\ud800") in a field or a key
        field = next((p for p in reversed(loc) if isinstance(p, str)), "body")
        return f"{where}: {invalid_unicode(field)}"
    return f"{where}: {str(err.get('msg', 'invalid')).removeprefix('Value error, ')}"


def _invalid(loc: tuple[str, str], message: str) -> RequestValidationError:
    """The 422 for a field refused after pydantic's own checks (an operator's stricter
    limit, the engine's `QuestionError`, a ``q`` that `check_text` refuses), in the form
    pydantic gives /ask's ``question``: one ``value_error`` entry at ``loc``
    (``("body", "question")``, ``("query", "q")``), answered by the validation handler."""
    return RequestValidationError([{"type": "value_error", "loc": loc, "msg": f"Value error, {message}"}])


def create_app(
    settings: Settings | None = None, engine: QAEngine | None = None, embedder: Embedder | None = None
) -> FastAPI:
    """Build the app. Without an engine, the model and live index are loaded at start.

    With ``engine`` (tests), it serves that engine and reloads new versions of
    ``settings.index_dir`` with the engine's embedder (or ``embedder``). Raises nothing for
    a missing or damaged index or model: the app then answers 503 with the reason.
    """
    settings = settings or get_settings()
    metrics = Metrics()
    holder = EngineHolder(settings, engine=engine, embedder=embedder, on_swap=metrics.set_version)
    gate = QueryGate(
        settings.query_workers, settings.query_queue, settings.request_timeout_seconds, nice=settings.query_nice
    )
    metrics.track(lambda: gate.admitted, holder.built_at)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if holder.engine is None:
            await asyncio.to_thread(holder.start)
        if holder.engine is not None:
            log.info("ready: index %s", holder.version)
        metrics.set_version(holder.version)
        tasks = []
        if settings.reload_poll_seconds > 0:
            tasks.append(asyncio.create_task(holder.watch(settings.reload_poll_seconds)))
        loop = asyncio.get_running_loop()
        hup = _on_sighup(loop, holder)
        try:
            yield
        finally:
            if hup:
                loop.remove_signal_handler(signal.SIGHUP)
            for task in tasks:
                task.cancel()
            gate.shutdown()
            metrics.close()

    app = FastAPI(
        title="Danish public-sector Q&A",
        version="0.1.0",
        description="Cited, extractive answers to Danish and English questions about Danish "
        "public digital services. Every answer is a quote; citations give exact offsets.",
        lifespan=lifespan,
        responses=ERRORS,
        redirect_slashes=False,  # a redirect would echo the Host header
        docs_url=None,  # FastAPI's pages load Swagger UI and ReDoc from CDNs: api.docs serves /docs
        redoc_url=None,
        swagger_ui_oauth2_redirect_url=None,
    )
    app.state.holder = holder
    app.state.gate = gate
    app.state.metrics = metrics
    app.state.settings = settings

    def ready_engine(response: Response | None = None) -> QAEngine:
        """The engine serving now, taken once per request. Without one, 503 with
        :data:`NOT_READY` and Retry-After; the reason (which names the server's files) is
        in the log and in /readyz only."""
        current = holder.engine
        if current is None:
            raise HTTPException(503, NOT_READY, headers={"Retry-After": str(NOT_READY_RETRY_AFTER_S)})
        if response is not None:
            response.headers["X-Index-Version"] = current.index_version
        return current

    async def on_query_thread(fn: Callable[..., T], *args: object) -> T:
        """``fn(*args)`` through the bounded query pool; overload and timeouts become 503."""
        retry = {"Retry-After": str(settings.retry_after_seconds)}
        try:
            return await gate.run(fn, *args)
        except Overloaded:
            metrics.refused.labels("overloaded").inc()
            raise HTTPException(503, OVERLOADED, headers=retry) from None
        except QueryTimeout as exc:
            metrics.refused.labels("timeout").inc()
            raise HTTPException(
                503, f"The service is overloaded ({exc}): try again in a moment.", headers=retry
            ) from None

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        raw = list(exc.errors())
        errors = [_redacted(err) for err in jsonable_encoder(raw, exclude={"input", "ctx", "url"})]
        parts = [  # redacted again: "." joins the loc entries
            redact(not_json_content(request.headers.get("content-type")) if _unparsed(r) else _describe(err))
            for r, err in zip(raw, errors, strict=True)
        ]
        return JSONResponse(status_code=422, content={"detail": "; ".join(parts), "errors": errors})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 400 and exc.detail == FASTAPI_BODY_ERROR:
            # FastAPI's answer to a body it cannot decode: like any other unreadable body,
            # a 422 that says why (by the error it was raised from) and what to send.
            return JSONResponse(status_code=422, content={"detail": unreadable_body(exc.__cause__)})
        return JSONResponse(
            status_code=exc.status_code,
            content={"detail": redact(str(exc.detail))},
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(FeedbackStoreError)
    async def feedback_not_stored(_: Request, exc: FeedbackStoreError) -> JSONResponse:
        retry = None if exc.retry_after_s is None else {"Retry-After": str(exc.retry_after_s)}
        return JSONResponse(status_code=503, content={"detail": str(exc)}, headers=retry)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        """Last resort, outside every middleware (Starlette's ServerErrorMiddleware): only an
        error of the outermost middlewares gets here; the routes' errors are answered by
        InternalErrorsAsJsonMiddleware, with the request id."""
        log.exception("unexpected error", exc_info=exc)
        return internal_error()

    def within_limits(text_at: tuple[str, str], text: str, count_at: tuple[str, str], count: int) -> None:
        """The operator's limits (QA_MAX_QUESTION_CHARS, QA_MAX_TOP_K), which may be
        stricter than the contract's 1000 characters and 20 passages, never looser (the
        settings refuse a larger value); a refusal names the field at its location."""
        if len(text.strip()) > settings.max_question_chars:
            raise _invalid(text_at, f"at most {settings.max_question_chars} characters are allowed")
        if count > settings.max_top_k:
            raise _invalid(count_at, f"at most {settings.max_top_k} passages are allowed")

    @app.post("/ask", response_model=AskResponse, summary="Answer a question with citations")
    async def ask(body: AskRequest, response: Response) -> dict[str, Any]:
        """Quote the best sentence(s) with [n] markers, or say the sources do not answer."""
        within_limits(("body", "question"), body.question, ("body", "top_k"), body.top_k)
        engine = ready_engine(response)
        try:
            result = await on_query_thread(engine.ask, body.question, body.top_k)
        except QuestionError as exc:
            raise _invalid(("body", "question"), str(exc)) from exc
        answer = result.to_dict()
        metrics.answers.labels(str(answer.get("language")), str(bool(answer.get("answered"))).lower()).inc()
        return answer

    @app.get("/search", response_model=SearchResponse, summary="The best passages for a query")
    async def search(
        response: Response,
        q: Annotated[
            str,
            Query(
                description="The query: 1 to 1000 characters after trimming, with at least one letter or digit.",
                json_schema_extra=TEXT_SCHEMA,
            ),
        ],
        k: Annotated[int, Query(ge=1, le=MAX_TOP_K, description="How many passages.")] = DEFAULT_TOP_K,
    ) -> SearchResponse:
        """Hybrid (dense + BM25) search over the passages, ordered by the passage reranker."""
        try:
            q = check_text("query", q)
        except ValueError as exc:
            raise _invalid(("query", "q"), str(exc)) from None
        within_limits(("query", "q"), q, ("query", "k"), k)
        engine = ready_engine(response)
        try:
            passages = await on_query_thread(engine.search, q, k)
        except QuestionError as exc:
            raise _invalid(("query", "q"), str(exc)) from exc
        return SearchResponse(results=passages, index_version=engine.index_version)

    listings = ListingCache()

    @app.get(
        "/documents",
        response_model=DocumentList,
        summary="All documents",
        responses={200: {"headers": {"X-Total-Count": {"description": TOTAL_COUNT, "schema": {"type": "integer"}}}}},
    )
    async def documents(
        request: Request,
        offset: Annotated[int, Query(ge=0, description=LIST_OFFSET)] = 0,
        limit: Annotated[int | None, Query(ge=1, description=LIST_LIMIT)] = None,
    ) -> Response:
        """Every document in the live index, without its text, in id order; with ``offset``
        and/or ``limit``, only that page of the list. The body is built once per index
        version (`api.listing`), not per request."""
        engine = ready_engine()
        listing = listings.cached(engine)
        if listing is None:  # the first request of this version builds it, off the event loop
            listing = await asyncio.to_thread(listings.listing, engine)
        headers = {"X-Index-Version": engine.index_version, "X-Total-Count": str(listing.total)}
        if offset or limit is not None:
            return Response(listing.page(offset, limit), media_type="application/json", headers=headers)
        headers["Vary"] = "Accept-Encoding"  # the whole list comes gzipped or not
        if "gzip" in request.headers.get("accept-encoding", ""):  # as GZipMiddleware decides
            headers["Content-Encoding"] = "gzip"  # GZipMiddleware passes it on as it is
            return Response(listing.gzipped, media_type="application/json", headers=headers)
        return Response(listing.body, media_type="application/json", headers=headers)

    @app.get("/documents/{doc_id}", response_model=DocumentOut, summary="One document with its text")
    def document(
        doc_id: str,
        response: Response,
        start: Annotated[int, Query(ge=0, le=MAX_WINDOW_OFFSET, description=WINDOW_START)] = 0,
        end: Annotated[int | None, Query(ge=0, le=MAX_WINDOW_OFFSET, description=WINDOW_END)] = None,
    ) -> Any:
        """The full text that citation offsets point into, and its headings; with ``start``
        and/or ``end``, only ``text[start:end]`` (e.g. the context around a citation)."""
        engine = ready_engine(response)
        try:
            doc = engine.document(doc_id)
        except DocumentNotFoundError:
            # redact(): the id is whatever the client typed, possibly a CPR number.
            detail = f"no document with id {redact(doc_id)!r}: GET /documents lists them"
            raise HTTPException(404, detail, headers={"X-Index-Version": engine.index_version}) from None
        try:
            first, last = text_window(len(doc.text), start, end)
        except WindowError as exc:
            # As a validation error (detail and errors), with the version the offsets are of.
            entry = {"type": "value_error", "loc": ["query", exc.field], "msg": f"Value error, {exc}"}
            return JSONResponse(
                status_code=422,
                content={"detail": _describe(entry), "errors": [entry]},
                headers={"X-Index-Version": engine.index_version},
            )
        headings = [
            HeadingOut(text=doc.block_text(b), level=b.level, start=b.start, end=b.end)
            for b in doc.blocks
            if b.kind == "heading"
        ]
        return DocumentOut(**summary(doc).model_dump(), text=doc.text[first:last], headings=headings)

    @app.get("/healthz", response_model=Health, summary="The process is up")
    async def healthz() -> Health:
        """Always 200 while the process serves requests (answered on the event loop, never
        behind the query workers), with the index version and model name it serves (null
        while none is loaded: /readyz then says why)."""
        engine = holder.engine
        if engine is None:
            return Health(status="ok")
        return Health(status="ok", index_version=engine.index_version, model=_model_name(engine))

    @app.get("/readyz", response_model=Health, summary="Model and index are loaded", responses={503: {"model": Health}})
    async def readyz(response: Response) -> Any:
        """200 with the index version once the model and index are loaded (with a `detail`
        when a newer version failed to load and the old one keeps serving); 503 with the
        reason before."""
        engine = holder.engine
        if engine is None:
            body = Health(status="not ready", detail=holder.load_error or "loading")
            return JSONResponse(status_code=503, content=body.model_dump())
        response.headers["X-Index-Version"] = engine.index_version
        return Health(
            status="ready",
            index_version=engine.index_version,
            model=_model_name(engine),
            detail=holder.reload_error,
        )

    # Probes and the document routes; the widget's routes have their own.
    answer_head(app.router, ("/healthz", "/readyz", "/documents", "/documents/{doc_id}"))
    install_docs(app)

    @app.get("/metrics", include_in_schema=False)
    async def prometheus_metrics() -> Response:
        """Prometheus text format (see api.metrics)."""
        metrics.set_version(holder.version)
        return Response(metrics.render(), media_type=CONTENT_TYPE_LATEST)

    # Added innermost first. While every query slot is taken, questions are refused before routing.
    app.add_middleware(
        RefuseWhenFullMiddleware,
        gate=gate,
        routes=frozenset({("POST", "/ask"), ("GET", "/search")}),
        retry_after_s=settings.retry_after_seconds,
        on_refused=metrics.refused.labels("overloaded").inc,
    )
    # Compresses the widget script (about 26 kB, 9 kB gzipped) and long answers.
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    install_widget(app, settings)  # the body limit (413)
    app.add_middleware(BodyTimeoutMiddleware, timeout_s=settings.body_timeout_seconds)
    app.add_middleware(
        RateLimitMiddleware,
        limits={
            ("POST", "/ask"): settings.rate_limit_ask,
            ("GET", "/search"): settings.rate_limit_search,
            ("POST", "/feedback"): settings.rate_limit_feedback,
            **{
                (method, path): settings.rate_limit_documents
                for method in ("GET", "HEAD")
                for path in ("/documents", "/documents/{doc_id}")
            },
        },
        on_refused=lambda _: metrics.refused.labels("rate_limited").inc(),
    )
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_hosts, www_redirect=False)
    app.add_middleware(HeaderSizeLimitMiddleware, max_bytes=settings.max_header_bytes)
    # Every answer above, and a JSON 500 for any error in them, passes CORS: a page on an
    # allowed origin can read its 429, 413, 431, 400, 408, 503 and 500 (and their
    # Retry-After and X-Request-ID), not just a network error.
    app.add_middleware(InternalErrorsAsJsonMiddleware)
    app.add_middleware(CORSMiddleware, **cors_options(settings.cors_origins))
    app.add_middleware(PlainTextErrorsAsJsonMiddleware)  # the host check's and CORS's 400s
    known = frozenset(getattr(r, "path", "") for r in app.routes) - {""}
    app.add_middleware(MetricsMiddleware, metrics=metrics, known_paths=known)
    app.add_middleware(AccessLogMiddleware)  # outermost: every response has X-Request-ID
    return app


def _model_name(engine: QAEngine) -> str:
    """The name of the model the engine's embedder runs (its identity's ``name``)."""
    return str(engine.embedder.identity.get("name"))


def _on_sighup(loop: asyncio.AbstractEventLoop, holder: EngineHolder) -> bool:
    """Reload on SIGHUP; False where signals cannot be handled (not the main thread)."""
    try:
        loop.add_signal_handler(signal.SIGHUP, lambda: loop.create_task(holder.reload_now()))
    except (RuntimeError, ValueError, NotImplementedError):
        return False
    return True


app = create_app()
