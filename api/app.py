"""The FastAPI application: thin routes over `qa.engine.QAEngine`, loaded once at start."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.schemas import (
    AskRequest,
    AskResponse,
    DocumentList,
    DocumentOut,
    DocumentSummary,
    ErrorBody,
    HeadingOut,
    Health,
    SearchResponse,
)
from api.widget import install_widget
from qa.documents import Document
from qa.engine import DocumentNotFoundError, QAEngine, QuestionError
from qa.index import IndexLoadError
from qa.model_store import ModelError
from qa.settings import Settings, get_settings

log = logging.getLogger(__name__)

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody},
    404: {"model": ErrorBody},
    422: {"model": ErrorBody},
    503: {"model": ErrorBody},
}


def _summary(doc: Document) -> DocumentSummary:
    return DocumentSummary(
        doc_id=doc.doc_id,
        title=doc.title,
        source=doc.source,
        date=doc.date,
        language=doc.language,
        length=len(doc.text),
    )


def _describe(err: dict[str, Any]) -> str:
    """One validation error as 'where: what', in words a client developer can act on."""
    loc = list(err.get("loc", ()))
    if err.get("type") == "json_invalid":
        return f"body: the request is not valid JSON (error at character {loc[-1]})"
    if err.get("type") == "model_attributes_type" and loc == ["body"]:
        return 'body: send a JSON object such as {"question": "Hvad er NemID?", "top_k": 5}'
    where = ".".join(str(p) for p in loc[1:]) or str(loc[0] if loc else "body")
    return f"{where}: {str(err.get('msg', 'invalid')).removeprefix('Value error, ')}"


def create_app(settings: Settings | None = None, engine: QAEngine | None = None) -> FastAPI:
    """Build the app. Without an engine, the model and live index are loaded at start."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if app.state.engine is None:
            from qa.service import load_engine

            try:
                app.state.engine = load_engine(settings)
                log.info("ready: index %s", app.state.engine.index_version)
            except (IndexLoadError, ModelError, FileNotFoundError) as exc:
                app.state.load_error = str(exc)
                log.error("not ready: %s", exc)
        yield

    app = FastAPI(
        title="Danish public-sector Q&A",
        version="0.1.0",
        description="Cited, extractive answers to Danish and English questions about Danish "
        "public digital services. Every answer is a quote; citations give exact offsets.",
        lifespan=lifespan,
        responses=ERRORS,
    )
    app.state.engine = engine
    app.state.load_error = None
    app.state.settings = settings

    def ready_engine() -> QAEngine:
        if app.state.engine is None:
            raise HTTPException(503, app.state.load_error or "the index is still loading")
        engine: QAEngine = app.state.engine
        return engine

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = jsonable_encoder(exc.errors(), exclude={"input", "ctx", "url"})
        parts = [_describe(err) for err in errors]
        return JSONResponse(status_code=422, content={"detail": "; ".join(parts), "errors": errors})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(
            status_code=exc.status_code, content={"detail": str(exc.detail)}, headers=getattr(exc, "headers", None)
        )

    def within_limits(text_field: str, text: str, count_field: str, count: int) -> None:
        """The operator's limits (QA_MAX_QUESTION_CHARS, QA_MAX_TOP_K), which may be
        stricter than the contract's 1000 characters and 20 passages."""
        if len(text.strip()) > settings.max_question_chars:
            raise HTTPException(422, f"{text_field}: at most {settings.max_question_chars} characters are allowed")
        if count > settings.max_top_k:
            raise HTTPException(422, f"{count_field}: at most {settings.max_top_k} passages are allowed")

    @app.post("/ask", response_model=AskResponse, summary="Answer a question with citations")
    def ask(body: AskRequest) -> dict[str, Any]:
        """Quote the best sentence(s) with [n] markers, or say the sources do not answer."""
        within_limits("question", body.question, "top_k", body.top_k)
        try:
            return ready_engine().ask(body.question, top_k=body.top_k).to_dict()
        except QuestionError as exc:
            raise HTTPException(422, str(exc)) from exc

    @app.get("/search", response_model=SearchResponse, summary="The best passages for a query")
    def search(
        q: Annotated[str, Query(min_length=1, max_length=1000, description="The query.")],
        k: Annotated[int, Query(ge=1, le=20, description="How many passages.")] = 5,
    ) -> SearchResponse:
        """Hybrid (dense + BM25) search over the passages."""
        within_limits("q", q, "k", k)
        engine = ready_engine()
        try:
            passages = engine.search(q, k=k)
        except QuestionError as exc:
            raise HTTPException(422, f"q: {exc}") from exc
        return SearchResponse(results=passages, index_version=engine.index_version)

    @app.get("/documents", response_model=DocumentList, summary="All documents")
    def documents() -> DocumentList:
        """Every document in the live index, without its text."""
        engine = ready_engine()
        return DocumentList(documents=[_summary(d) for d in engine.documents()], index_version=engine.index_version)

    @app.get("/documents/{doc_id}", response_model=DocumentOut, summary="One document with its text")
    def document(doc_id: str) -> DocumentOut:
        """The full text that citation offsets point into, and its headings."""
        try:
            doc = ready_engine().document(doc_id)
        except DocumentNotFoundError:
            raise HTTPException(404, f"no document with id {doc_id!r}: GET /documents lists them") from None
        headings = [
            HeadingOut(text=doc.block_text(b), level=b.level, start=b.start, end=b.end)
            for b in doc.blocks
            if b.kind == "heading"
        ]
        return DocumentOut(**_summary(doc).model_dump(), text=doc.text, headings=headings)

    @app.get("/healthz", response_model=Health, summary="The process is up")
    def healthz() -> Health:
        """Always 200 while the process serves requests."""
        return Health(status="ok")

    @app.get("/readyz", response_model=Health, summary="Model and index are loaded", responses={503: {"model": Health}})
    def readyz() -> Any:
        """200 with the index version once the model and index are loaded; 503 with the reason before."""
        engine: QAEngine | None = app.state.engine
        if engine is None:
            body = Health(status="not ready", detail=app.state.load_error or "loading")
            return JSONResponse(status_code=503, content=body.model_dump())
        return Health(
            status="ready", index_version=engine.index_version, model=str(engine.embedder.identity.get("name"))
        )

    # Compresses the widget script (about 26 kB, 9 kB gzipped) and long answers.
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    install_widget(app, settings)
    return app


app = create_app()
