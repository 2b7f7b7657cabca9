"""Request and response bodies of the HTTP API (see the contract in the design note)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator
from pydantic.json_schema import JsonDict

from qa.engine import Citation, Passage
from qa.normalise import MAX_TEXT_CHARS, checked_text, lone_surrogate
from qa.settings import DEFAULT_TOP_K, MAX_TOP_K


def check_unicode(field: str, value: str) -> str:
    """``value`` unchanged, or ValueError when it holds a lone surrogate (invalid Unicode
    that JSON's ``\\ud800`` escapes can carry, and no encoder or tokeniser accepts) or the
    replacement character U+FFFD (what a query string with invalid UTF-8, such as
    ``%FF``, decodes to)."""
    if lone_surrogate(value) is not None or "\ufffd" in value:
        raise ValueError(invalid_unicode(field))
    return value


def invalid_unicode(field: str) -> str:
    """The message for a text field (``"question"``) that is not valid Unicode: the one
    wording of `check_unicode` and of pydantic's refusal of such a string in any field."""
    return (
        f"the {field} contains invalid Unicode (a lone surrogate such as \\ud800, or bytes that are not UTF-8): "
        "send text that is valid UTF-8"
    )


TEXT_SCHEMA: JsonDict = {"minLength": 1, "maxLength": MAX_TEXT_CHARS, "pattern": r"[^\W_]"}
"""What the OpenAPI document says of a question or query. The pattern (a letter or digit
in Python's regex dialect) accepts the same characters as `has_letter_or_digit`; the
lengths are the contract's (`MAX_TEXT_CHARS`), which `check_text` counts after normalising and trimming."""


def check_text(field: str, value: str) -> str:
    """The text as the engine reads it (`qa.normalise.normalise`, trimmed), after
    `check_unicode`: the one check of a question or query on every route. Raises
    ValueError when nothing readable is left, or when more than the contract's
    `MAX_TEXT_CHARS` characters are (`qa.normalise.checked_text`)."""
    return checked_text(field, check_unicode(field, value))


def json_integer(value: object) -> object:
    """A JSON number only (``5`` or ``5.0``, as JSON Schema's integer), never ``"5"`` nor ``true``;
    pydantic then refuses fractions. Raises ValueError otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("Input should be a valid integer")
    return value


JsonInt = Annotated[int, BeforeValidator(json_integer)]
"""An int field that takes JSON numbers only (strict about strings and booleans)."""


LANGUAGE_DESCRIPTION = (
    ' Each has its document\'s `language` ("da" or "en", as the index stores it, as GET /documents gives it), '
    "for marking the quoted text's language (HTML `lang`)."
)
PASSAGES_DESCRIPTION = (
    "The best passages in the passage reranker's order (at most two of the first five from one "
    "document); `score` is the fused dense + BM25 retrieval score, so it need not fall in this order."
    + LANGUAGE_DESCRIPTION
)
ANSWER_PASSAGES_DESCRIPTION = (
    PASSAGES_DESCRIPTION + " When the question is answered, the passages the answer is quoted from come first."
)


class AskRequest(BaseModel):
    """`POST /ask`: a question of 1 to 1000 characters after trimming, and top_k 1 to 20."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(
        description="The question, in Danish or English: 1 to 1000 characters after trimming, with at least "
        "one letter or digit.",
        examples=["Hvornår blev Digital Post obligatorisk?"],
        json_schema_extra=TEXT_SCHEMA,
    )
    top_k: JsonInt = Field(
        DEFAULT_TOP_K, ge=1, le=MAX_TOP_K, description="How many passages to return (a JSON integer)."
    )

    @field_validator("question")
    @classmethod
    def _trimmed(cls, value: str) -> str:
        return check_text("question", value)


class AskResponse(BaseModel):
    """The answer with [n] markers and its citations, or `answered: false` and the closest passages."""

    question: str
    language: Literal["da", "en"]
    answered: bool
    answer: str | None
    message: str | None = Field(description="Why there is no answer, in the question's language.")
    citations: list[Citation] = Field(
        description="The quoted sentences; `score` is the reader's score, comparable only within one answer."
        + LANGUAGE_DESCRIPTION
    )
    passages: list[Passage] = Field(description=ANSWER_PASSAGES_DESCRIPTION)
    index_version: str
    took_ms: float
    evidence: float = Field(
        description="The abstention model's probability (0-1) that the quoted answer is right (the sources "
        "answer the question and these sentences do); "
        "0 when there is no candidate answer, when the message names nothing to look up, or when a "
        "rule withholds the answer: a question asking what something costs, or for a phone number, an "
        "e-mail address, a percentage, a weight or an address, finds none in the passages the reader read."
    )
    threshold: float = Field(
        description="The operating point the evidence is compared with (one for both languages); "
        "answered when evidence >= threshold."
    )


class SearchResponse(BaseModel):
    """`GET /search`: the best passages."""

    results: list[Passage] = Field(description=PASSAGES_DESCRIPTION)
    index_version: str


class DocumentSummary(BaseModel):
    """A document without its text."""

    doc_id: str
    title: str
    source: str | None
    date: str | None
    language: str
    length: int


class DocumentList(BaseModel):
    """`GET /documents`."""

    documents: list[DocumentSummary]
    index_version: str


class HeadingOut(BaseModel):
    """A heading and where it stands in the text."""

    text: str
    level: int
    start: int
    end: int


class DocumentOut(DocumentSummary):
    """`GET /documents/{doc_id}`: the full text that citation offsets point into."""

    text: str = Field(
        description="The document's full text, which citation offsets point into; with the query "
        "parameters `start`/`end`, only `text[start:end]` (`length` is still the whole text's)."
    )
    headings: list[HeadingOut] = Field(description="Every heading, with its offsets in the whole text.")


class ErrorBody(BaseModel):
    """Every 4xx and 5xx: what went wrong, and field errors where there are any."""

    detail: str
    errors: list[dict[str, object]] | None = None


class Health(BaseModel):
    """`GET /healthz` and `GET /readyz`."""

    status: str
    index_version: str | None = None
    model: str | None = None
    detail: str | None = None
