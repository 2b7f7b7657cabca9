"""`GET /documents` as bytes built once per index version.

A listing of thousands of documents costs tens of milliseconds to validate, encode and
compress (about 1.2 MB of JSON at 6,000 documents), and the list only changes when a new
index version goes live. :class:`DocumentListing` holds one version's body, as the same
bytes FastAPI would send (`api.schemas.DocumentList`, compact JSON, UTF-8), its gzip
compression, and each document's JSON for pages of the list. :class:`ListingCache` keeps
one listing per engine, weakly: when `api.reload.EngineHolder` swaps in a new engine,
the next request builds the new version's listing and the old one goes with its engine.
"""

from __future__ import annotations

import gzip
import json
import threading
import weakref
from collections.abc import Sequence
from typing import Any

from api.schemas import DocumentSummary
from qa.documents import Document
from qa.engine import QAEngine

__all__ = ["DocumentListing", "ListingCache", "summary"]

GZIP_LEVEL = 6
"""Compression level of the cached gzip body (built once per version: 9 saves little more)."""


def summary(doc: Document) -> DocumentSummary:
    """A document without its text, as `GET /documents` and `GET /documents/{doc_id}` give it."""
    return DocumentSummary(
        doc_id=doc.doc_id,
        title=doc.title,
        source=doc.source,
        date=doc.date,
        language=doc.language,
        length=len(doc.text),
    )


def _json(value: Any) -> bytes:
    """``value`` as Starlette's JSONResponse renders it: compact, UTF-8, no NaN."""
    return json.dumps(value, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":")).encode()


class DocumentListing:
    """The `GET /documents` body of one index version: ``documents`` in the order given,
    ``index_version`` the version's id. Building costs one pass over the documents."""

    def __init__(self, documents: Sequence[Document], index_version: str) -> None:
        self.index_version = index_version
        self.parts = [_json(summary(doc).model_dump(mode="json")) for doc in documents]
        self._tail = b'],"index_version":' + _json(index_version) + b"}"
        self.body = self._join(self.parts)
        self.gzipped = gzip.compress(self.body, compresslevel=GZIP_LEVEL, mtime=0)

    @property
    def total(self) -> int:
        """How many documents the version holds."""
        return len(self.parts)

    def _join(self, parts: list[bytes]) -> bytes:
        return b'{"documents":[' + b",".join(parts) + self._tail

    def page(self, offset: int, limit: int | None) -> bytes:
        """The body listing documents ``offset`` .. ``offset + limit`` (to the end without
        ``limit``; empty past the end), in the shape of the whole list."""
        end = None if limit is None else offset + limit
        return self._join(self.parts[offset:end])


class ListingCache:
    """One :class:`DocumentListing` per engine, kept as long as the engine is alive."""

    def __init__(self) -> None:
        self._listings: weakref.WeakKeyDictionary[QAEngine, DocumentListing] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def cached(self, engine: QAEngine) -> DocumentListing | None:
        """The engine's listing when it is built, else None (then :meth:`listing`, off the event loop)."""
        return self._listings.get(engine)

    def listing(self, engine: QAEngine) -> DocumentListing:
        """The engine's listing, built on the first call (one build at a time: callers
        that arrive meanwhile wait for it and share it)."""
        with self._lock:
            listing = self._listings.get(engine)
            if listing is None:
                listing = DocumentListing(engine.documents(), engine.index_version)
                self._listings[engine] = listing
            return listing
