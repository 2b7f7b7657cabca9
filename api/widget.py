"""The embeddable help widget: its script, the demo page, feedback, CORS and a body limit.

`install_widget(app, settings)` is the one call `create_app` makes. It adds

- a request-body limit of ``settings.max_body_bytes`` answered with 413 and a JSON body;
- ``GET /`` (demo page, strict Content-Security-Policy), ``GET /widget.js``,
  ``GET /demo.css`` (each also answers HEAD) and ``POST /feedback``;
- creation of the feedback table when the app starts. A store that cannot be opened
  then (QA_FEEDBACK_DB unwritable) is logged once and ``/feedback`` answers 503 until it
  can be (each request tries again); the questions are answered all the same.

The store is ``app.state.feedback_store``. CORS is ``create_app``'s (outside every answer).
"""

from __future__ import annotations

import hashlib
import logging
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape
from importlib import resources
from importlib.resources.abc import Traversable
from string import Template
from typing import Literal

from fastapi import APIRouter, FastAPI, Request, Response
from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.routing import answer_head
from api.schemas import TEXT_SCHEMA, JsonInt, check_text
from qa.feedback import CitedSpan, FeedbackStore
from qa.settings import Settings

__all__ = ["Asset", "BodySizeLimitMiddleware", "FeedbackIn", "install_widget"]

logger = logging.getLogger(__name__)

DEMO_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
COMMON_HEADERS = {"X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer"}
"""Headers of every page and file the app serves itself."""


def install_widget(app: FastAPI, settings: Settings) -> None:
    """Add the widget's routes, the body limit and the feedback table to ``app``."""
    store = FeedbackStore(
        settings.feedback_db,
        retention_days=settings.feedback_retention_days,
        max_bytes=settings.feedback_max_mb * 2**20,
    )
    app.state.feedback_store = store
    app.include_router(_router(store))
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)


# --- request-body limit -----------------------------------------------------------------


class _BodyTooLarge(HTTPException):
    def __init__(self, max_bytes: int) -> None:
        super().__init__(413, f"Request body larger than {max_bytes} bytes.")


class BodySizeLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413 ``{"detail": ...}``.

    A declared ``Content-Length`` over the limit is refused before the app runs; a body
    without one (chunked) is counted as it streams in, and refused as soon as it passes
    the limit.
    """

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None:
            if not declared.isdigit():
                await _json_error(400, "Invalid Content-Length header.", scope, receive, send)
                return
            if int(declared) > self.max_bytes:
                error = _BodyTooLarge(self.max_bytes)
                await _json_error(413, error.detail, scope, receive, send)
                return

        received = 0
        response_started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise _BodyTooLarge(self.max_bytes)
            return message

        async def watching_send(message: Message) -> None:
            nonlocal response_started
            response_started = response_started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except _BodyTooLarge as error:
            if response_started:
                raise
            await _json_error(413, error.detail, scope, receive, send)


async def _json_error(status: int, detail: str, scope: Scope, receive: Receive, send: Send) -> None:
    await JSONResponse({"detail": detail}, status_code=status)(scope, receive, send)


# --- static assets and the demo page ------------------------------------------------------


@dataclass(frozen=True)
class Asset:
    """A static file served with an ETag, a short cache lifetime and ``nosniff``."""

    body: bytes
    media_type: str
    etag: str

    @classmethod
    def load(cls, name: str, media_type: str) -> Asset:
        """The file ``name`` in ``api/static``."""
        return cls.from_path(resources.files("api").joinpath("static", name), media_type)

    @classmethod
    def from_path(cls, path: Traversable, media_type: str) -> Asset:
        """The file at ``path``, read now; its ETag is a hash of its bytes. Raises OSError."""
        body = path.read_bytes()
        return cls(body, media_type, '"' + hashlib.sha256(body).hexdigest()[:20] + '"')

    def response(self, request: Request) -> Response:
        headers = {
            **COMMON_HEADERS,
            "ETag": self.etag,
            # Short max-age so a new release reaches host pages soon; then revalidate.
            "Cache-Control": "public, max-age=300, must-revalidate",
            # Host pages on other origins load it with a plain <script src>.
            "Cross-Origin-Resource-Policy": "cross-origin",
        }
        if self.etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(self.body, media_type=self.media_type, headers=headers)


_DEMO_TEXT: dict[str, dict[str, str]] = {
    "da": {
        "title": "Spørg om offentlig digitalisering – hjælp",
        "skip": "Spring til indhold",
        "site": "Borgerhjælp",
        "site_tag": "demoside",
        "other_lang": "en",
        "other_lang_label": "English",
        "other_lang_name": "English version",
        "nav_label": "Sprog",
        "crumbs_label": "Brødkrummesti",
        "crumb_home": "Forside",
        "crumb_topic": "Digitalisering",
        "crumb_here": "Hjælp",
        "h1": "Spørg om offentlig digitalisering",
        "intro": "Her kan du stille spørgsmål om de fællesoffentlige digitale løsninger, "
        "fx Digital Post, NemID og NemKonto. Svarene er ordrette citater fra de officielle "
        "tekster, og hver kilde er nummereret, så du kan læse mere.",
        "widget_heading": "Spørg om digitale løsninger",
        "embed_h": "Sæt hjælpeboksen på din egen side",
        "embed_p": "Myndigheder kan indsætte boksen med to linjer HTML:",
        "footer": "Demoside for spørgetjenesten. Svarene er uddrag af kildeteksterne og er ikke personlig rådgivning.",
    },
    "en": {
        "title": "Ask about public digitalisation – help",
        "skip": "Skip to content",
        "site": "Citizen help",
        "site_tag": "demo page",
        "other_lang": "da",
        "other_lang_label": "Dansk",
        "other_lang_name": "Dansk udgave",
        "nav_label": "Language",
        "crumbs_label": "Breadcrumb",
        "crumb_home": "Home",
        "crumb_topic": "Digitalisation",
        "crumb_here": "Help",
        "h1": "Ask about public digitalisation",
        "intro": "Ask questions about Denmark's joint public digital services, such as "
        "Digital Post, NemID and NemKonto. Answers are word-for-word quotes from the official "
        "texts, and every source is numbered so that you can read more.",
        "widget_heading": "Ask about digital services",
        "embed_h": "Put the help box on your own page",
        "embed_p": "Authorities can embed the box with two lines of HTML:",
        "footer": "Demo page for the question service. Answers are extracts from the source "
        "texts and are not personal advice.",
    },
}


# --- feedback ------------------------------------------------------------------------------


class FeedbackCitation(BaseModel):
    """Where a cited quote came from; the quote itself is not stored."""

    model_config = ConfigDict(extra="ignore")

    n: JsonInt = Field(ge=1, le=100)
    doc_id: str = Field(min_length=1, max_length=300)
    start: JsonInt = Field(ge=0)
    end: JsonInt = Field(ge=0)


class FeedbackIn(BaseModel):
    """A reader's verdict on one answer, as the widget sends it."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=True)

    question: str = Field(json_schema_extra=TEXT_SCHEMA)
    answer: str | None = Field(None, max_length=10000)
    answered: StrictBool | None = None
    citations: list[FeedbackCitation] = Field(default_factory=list, max_length=20)
    verdict: Literal["yes", "no"]
    comment: str | None = Field(None, max_length=2000)
    index_version: str | None = Field(None, max_length=100, pattern=r"^[A-Za-z0-9._:+-]+$")
    language: Literal["da", "en"] | None = None

    @field_validator("question")
    @classmethod
    def _readable(cls, value: str) -> str:
        """The question as /ask reads it (`api.schemas.check_text`): 422 for "???" or an empty one."""
        return check_text("question", value)


class FeedbackOut(BaseModel):
    """The stored feedback's id and time (UTC)."""

    id: int
    created_at: datetime


def _open_error(exc: OSError | sqlite3.Error) -> str:
    """Why a store could not be opened, without the path (it goes into a response body)."""
    return (exc.strerror or type(exc).__name__) if isinstance(exc, OSError) else str(exc)


def _closed_detail(reason: str) -> str:
    """The 503 body of ``POST /feedback`` while the store cannot be opened."""
    return (
        f"Feedback is not accepted: the feedback store (QA_FEEDBACK_DB) cannot be opened ({reason}): "
        "the operator must make it writable by the service or set QA_FEEDBACK_DB to a writable file. "
        "Questions are answered as usual."
    )


class _Opener:
    """Opens ``store`` (:meth:`FeedbackStore.create`) and remembers why it could not."""

    def __init__(self, store: FeedbackStore) -> None:
        self.store = store
        self.error: str | None = "not opened yet"

    def open(self, at_start: bool) -> str | None:
        """Try to open the store; return None, or the reason it cannot be opened. At
        start, either outcome is logged (a failure as an ERROR naming the path); later,
        only a success."""
        try:
            self.store.create()
        except (OSError, sqlite3.Error) as exc:
            self.error = _open_error(exc)
            if at_start:
                logger.error(
                    "feedback is not stored: QA_FEEDBACK_DB=%s cannot be opened (%s): make it and its folder "
                    "writable by the service, or set QA_FEEDBACK_DB to a writable file; questions are answered "
                    "as usual, POST /feedback answers 503 until then",
                    self.store.path,
                    self.error,
                )
            return self.error
        if self.error is not None:
            logger.info("feedback is stored in %s", self.store.path)
        self.error = None
        return None


def _router(store: FeedbackStore) -> APIRouter:
    opener = _Opener(store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        opener.open(at_start=True)
        yield

    router = APIRouter(lifespan=lifespan)
    widget_js = Asset.load("widget.js", "text/javascript; charset=utf-8")
    demo_css = Asset.load("demo.css", "text/css; charset=utf-8")
    template = Template(resources.files("api").joinpath("static", "demo.html").read_text("utf-8"))
    demo_pages = {
        lang: template.substitute(lang=lang, **{key: escape(value) for key, value in text.items()})
        for lang, text in _DEMO_TEXT.items()
    }

    @router.get("/", include_in_schema=False)
    def demo(lang: str = "da") -> Response:
        """The demo page, in Danish or (``?lang=en``) English."""
        headers = {**COMMON_HEADERS, "Content-Security-Policy": DEMO_CSP}
        return Response(demo_pages.get(lang, demo_pages["da"]), media_type="text/html; charset=utf-8", headers=headers)

    @router.get("/widget.js", include_in_schema=False)
    def widget(request: Request) -> Response:
        return widget_js.response(request)

    @router.get("/demo.css", include_in_schema=False)
    def demo_stylesheet(request: Request) -> Response:
        return demo_css.response(request)

    answer_head(router, ("/", "/widget.js", "/demo.css"))

    @router.post("/feedback", status_code=201, response_model=FeedbackOut, tags=["feedback"])
    def feedback(body: FeedbackIn) -> FeedbackOut:
        """Store a reader's verdict on an answer; CPR numbers, e-mail addresses and phone
        numbers in the question, answer and comment are redacted before storing."""
        if opener.error is not None and (reason := opener.open(at_start=False)) is not None:
            raise HTTPException(503, _closed_detail(reason))
        created_at = datetime.now(UTC).replace(microsecond=0)
        row_id = store.add(
            question=body.question,
            verdict=body.verdict,
            answer=body.answer,
            answered=body.answered,
            comment=body.comment,
            citations=[CitedSpan(c.n, c.doc_id, c.start, c.end) for c in body.citations],
            index_version=body.index_version,
            language=body.language,
            created_at=created_at,
        )
        return FeedbackOut(id=row_id, created_at=created_at)

    return router
