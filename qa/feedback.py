"""Readers' feedback on answers, kept in one SQLite file.

Every free text (question, answer, comment) is passed through :func:`qa.redaction.redact`
before it is written, so the file never holds CPR numbers, e-mail addresses or phone
numbers that a reader typed.
"""

from __future__ import annotations

import csv
import json
import logging
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal, TextIO

from qa.redaction import redact

__all__ = ["COLUMNS", "CitedSpan", "ExportFormat", "FeedbackStore", "Verdict"]

logger = logging.getLogger(__name__)

Verdict = Literal["yes", "no"]
ExportFormat = Literal["csv", "jsonl"]

COLUMNS = (
    "id",
    "created_at",
    "verdict",
    "question",
    "answer",
    "answered",
    "comment",
    "citations",
    "index_version",
    "language",
)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feedback (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at    TEXT    NOT NULL,
    verdict       TEXT    NOT NULL CHECK (verdict IN ('yes', 'no')),
    question      TEXT    NOT NULL,
    answer        TEXT,
    answered      INTEGER,
    comment       TEXT,
    citations     TEXT    NOT NULL DEFAULT '[]',
    index_version TEXT,
    language      TEXT
)
"""

# Spreadsheet programs run a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class CitedSpan:
    """Where a cited quote came from: enough to find it again in the document."""

    n: int
    doc_id: str
    start: int
    end: int


class FeedbackStore:
    """Feedback rows in a SQLite file at ``path``.

    Constructing a store touches nothing on disk; :meth:`create` makes the folder and the
    table (idempotent) and is called once when the service starts.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def create(self) -> None:
        """Create the folder and the table if they do not exist yet."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.execute(_SCHEMA)

    def add(
        self,
        *,
        question: str,
        verdict: Verdict,
        answer: str | None = None,
        answered: bool | None = None,
        comment: str | None = None,
        citations: Sequence[CitedSpan] = (),
        index_version: str | None = None,
        language: str | None = None,
        created_at: datetime | None = None,
    ) -> int:
        """Store one piece of feedback, with personal data redacted; return its id."""
        if verdict not in ("yes", "no"):
            raise ValueError(f"verdict must be 'yes' or 'no', not {verdict!r}")
        when = (created_at or datetime.now(UTC)).astimezone(UTC)
        row = (
            when.isoformat(timespec="seconds"),
            verdict,
            redact(question),
            None if answer is None else redact(answer),
            None if answered is None else int(answered),
            redact(comment) if comment else None,
            json.dumps(
                [{"n": c.n, "doc_id": redact(c.doc_id), "start": c.start, "end": c.end} for c in citations],
                ensure_ascii=False,
            ),
            index_version,
            language,
        )
        with self._connect() as conn:
            cursor = conn.execute(
                "INSERT INTO feedback (created_at, verdict, question, answer, answered,"
                " comment, citations, index_version, language)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            row_id = cursor.lastrowid
        assert row_id is not None
        logger.info("feedback %d stored (verdict=%s)", row_id, verdict)
        return row_id

    def rows(self) -> Iterator[dict[str, Any]]:
        """All rows, oldest first, with ``citations`` decoded and ``answered`` as a bool."""
        if not self.path.exists():
            raise FileNotFoundError(f"no feedback database at {self.path}")
        with self._connect(read_only=True) as conn:
            conn.row_factory = sqlite3.Row
            for record in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id"):
                row = dict(record)
                row["citations"] = json.loads(row["citations"])
                if row["answered"] is not None:
                    row["answered"] = bool(row["answered"])
                yield row

    def export(self, out: TextIO, fmt: ExportFormat) -> int:
        """Write every row to ``out`` as CSV (with a header) or JSON lines; return the count."""
        if fmt == "jsonl":
            count = 0
            for row in self.rows():
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                count += 1
            return count
        if fmt == "csv":
            writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
            writer.writeheader()
            count = 0
            for row in self.rows():
                row["citations"] = json.dumps(row["citations"], ensure_ascii=False)
                writer.writerow({key: _csv_cell(value) for key, value in row.items()})
                count += 1
            return count
        raise ValueError(f"format must be 'csv' or 'jsonl', not {fmt!r}")

    @contextmanager
    def _connect(self, read_only: bool = False) -> Iterator[sqlite3.Connection]:
        """A short-lived connection that commits on success (one per call: thread-safe)."""
        if read_only:
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True)
        else:
            conn = sqlite3.connect(self.path, timeout=10)
        with closing(conn), conn:
            yield conn


def _csv_cell(value: object) -> object:
    """Neutralise text that a spreadsheet would run as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
