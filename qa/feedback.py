"""Readers' feedback on answers, kept in one SQLite file.

Every free text (question, answer, comment, document ids, the index version) is passed
through :func:`qa.redaction.redact` before it is written, and again when it is exported,
so neither the file nor an export holds CPR numbers, e-mail addresses or phone numbers
that a reader typed. Rows older than ``retention_days`` are deleted (at start and with
every new row), and the file cannot grow past ``max_bytes`` (SQLite's ``max_page_count``):
a full store, or a full disk, refuses new rows with :class:`FeedbackFullError`, and a file
that cannot be written (read-only) with :class:`FeedbackUnwritableError`.
"""

from __future__ import annotations

import csv
import json
import logging
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal, TextIO

from qa.redaction import redact

__all__ = [
    "COLUMNS",
    "CitedSpan",
    "ExportFormat",
    "FeedbackFullError",
    "FeedbackStore",
    "FeedbackStoreError",
    "FeedbackUnwritableError",
    "Verdict",
]

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
);
CREATE INDEX IF NOT EXISTS feedback_created_at ON feedback (created_at)
"""

# What an index version looks like (qa.index.new_build_id: "20261201T153333123456Z-1a2b3c4d");
# anything else a client sends is redacted and cut to this length.
_VERSION = re.compile(r"[A-Za-z0-9._:+-]{1,100}")
_VERSION_MAX = 100


# Room an insert may need besides its row (B-tree page splits of the table and its index):
# a store whose file is this close to its cap when SQLite says "full" is full, not the disk.
_INSERT_ROOM_BYTES = 32768


class FeedbackStoreError(Exception):
    """The feedback store cannot take a row now; the message says why and what the
    operator can do. ``retry_after_s``: seconds after which a client may try again (None:
    not known)."""

    retry_after_s: int | None = None


class FeedbackFullError(FeedbackStoreError):
    """The feedback database has reached its size cap (QA_FEEDBACK_MAX_MB), or the disk
    holding it is full; the message says which and what to do."""

    retry_after_s = 3600


class FeedbackUnwritableError(FeedbackStoreError):
    """The feedback database cannot be written (a read-only file, folder or file system,
    an I/O error, a lock held too long); the message gives SQLite's reason."""


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
    table (idempotent) and is called once when the service starts. ``retention_days``
    (None: keep for ever) and ``max_bytes`` (None: no cap; at least 64 KiB) bound what
    is kept.
    """

    def __init__(self, path: Path, retention_days: int | None = None, max_bytes: int | None = None) -> None:
        if retention_days is not None and retention_days < 1:
            raise ValueError(f"retention_days must be at least 1, not {retention_days}")
        if max_bytes is not None and max_bytes < 65536:
            raise ValueError(f"max_bytes must be at least 65536, not {max_bytes}")
        self.path = Path(path)
        self.retention_days = retention_days
        self.max_bytes = max_bytes

    def create(self) -> None:
        """Create the folder and the table if they do not exist yet; drop expired rows."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as conn:
            conn.executescript(_SCHEMA)
        self.purge()

    def purge(self, now: datetime | None = None) -> int:
        """Delete rows older than ``retention_days`` before ``now``; return how many."""
        if self.retention_days is None:
            return 0
        with self._connect() as conn:
            return self._purge(conn, now)

    def _purge(self, conn: sqlite3.Connection, now: datetime | None = None) -> int:
        """`purge` on an open connection (`add` deletes and inserts in one transaction)."""
        if self.retention_days is None:
            return 0
        cutoff = (now or datetime.now(UTC)).astimezone(UTC) - timedelta(days=self.retention_days)
        deleted = conn.execute(
            "DELETE FROM feedback WHERE created_at < ?", (cutoff.isoformat(timespec="seconds"),)
        ).rowcount
        if deleted:
            logger.info("%d feedback row(s) older than %d days deleted", deleted, self.retention_days)
        return int(deleted)

    def clear(self, before: datetime | None = None) -> int:
        """Delete the rows stored before ``before`` (every row when None) and give their
        space back to the file (SQLite's VACUUM); return how many were deleted. Raises
        FileNotFoundError when there is no database at ``path``."""
        if not self.path.exists():
            raise FileNotFoundError(f"no feedback database at {self.path}")
        with self._connect() as conn:
            if before is None:
                deleted = conn.execute("DELETE FROM feedback").rowcount
            else:
                cutoff = before.astimezone(UTC).isoformat(timespec="seconds")
                deleted = conn.execute("DELETE FROM feedback WHERE created_at < ?", (cutoff,)).rowcount
        with closing(sqlite3.connect(self.path, timeout=10)) as conn:
            conn.execute("VACUUM")
        logger.info("%d feedback row(s) cleared", deleted)
        return int(deleted)

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
        """Store one piece of feedback, with personal data redacted; return its id.

        Raises ValueError for a verdict other than yes/no, FeedbackFullError when the
        database has reached ``max_bytes`` or its disk is full, FeedbackUnwritableError
        when SQLite cannot write it (sqlite3.OperationalError) or it is no SQLite database.
        A file removed while the service runs is made again, with its table.
        """
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
            _version(index_version),
            None if language is None else redact(language)[:10],
        )
        try:
            row_id = self._insert(row)
        except sqlite3.OperationalError as exc:
            raise self._write_error(exc, sum(len(str(v).encode()) for v in row)) from None
        except sqlite3.DatabaseError as exc:  # "file is not a database"
            logger.error("feedback not stored: %s is not a feedback database (%s)", self.path, exc)
            raise FeedbackUnwritableError(
                f"The feedback store is damaged ({exc}): feedback is not accepted until the operator moves the "
                "file in QA_FEEDBACK_DB away (a new one is made). Questions are answered as usual."
            ) from None
        logger.info("feedback %d stored (verdict=%s)", row_id, verdict)
        return row_id

    def _insert(self, row: tuple[object, ...]) -> int:
        """Insert one redacted row (after dropping expired ones) and return its id; a file
        removed since the store was created (SQLite made an empty one) gets its table
        again first. Raises what SQLite raises (sqlite3.Error)."""
        try:
            return self._insert_once(row)
        except sqlite3.OperationalError as exc:
            if not str(exc).startswith("no such table"):
                raise
        logger.warning("feedback table missing in %s: made again", self.path)
        self.create()
        return self._insert_once(row)

    def _insert_once(self, row: tuple[object, ...]) -> int:
        """`_insert` on the table as it is."""
        with self._connect() as conn:
            self._purge(conn)
            cursor = conn.execute(
                "INSERT INTO feedback (created_at, verdict, question, answer, answered,"
                " comment, citations, index_version, language)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                row,
            )
            row_id = cursor.lastrowid
        assert row_id is not None
        return row_id

    def _write_error(self, exc: sqlite3.OperationalError, row_bytes: int) -> FeedbackStoreError:
        """What a failed write of a row of ``row_bytes`` bytes means, logged (ERROR, with
        the path) and worded for the client: SQLite says "database or disk is full" both
        when the file reaches ``max_bytes`` and when the disk is full, so the file's size
        tells the two apart."""
        if not _is_full(exc):
            logger.error("feedback not stored: %s cannot be written (%s)", self.path, exc)
            return FeedbackUnwritableError(
                f"The feedback store cannot be written ({exc}): feedback is not accepted until the "
                "operator makes the file in QA_FEEDBACK_DB and its folder writable. Questions are answered as usual."
            )
        if self._at_cap(row_bytes):
            return FeedbackFullError(
                f"The feedback store is full ({self.max_bytes} bytes, QA_FEEDBACK_MAX_MB): feedback is "
                "not accepted until old rows expire (QA_FEEDBACK_RETENTION_DAYS) or the operator exports "
                "it (`qa feedback export`) and clears it (`qa feedback clear --all`)."
            )
        logger.error("feedback not stored: the disk holding %s is full (%s)", self.path, exc)
        return FeedbackFullError(
            "The disk holding the feedback store is full: free space on it. Feedback is not accepted "
            "until then; questions are answered as usual."
        )

    def _at_cap(self, row_bytes: int) -> bool:
        """Whether the file is too close to ``max_bytes`` for a row of ``row_bytes`` bytes."""
        if self.max_bytes is None:
            return False
        try:
            size = self.path.stat().st_size
        except OSError:
            return False
        return size + row_bytes + _INSERT_ROOM_BYTES >= self.max_bytes

    def rows(self) -> Iterator[dict[str, Any]]:
        """All rows, oldest first, with ``citations`` decoded and ``answered`` as a bool."""
        if not self.path.exists():
            raise FileNotFoundError(f"no feedback database at {self.path}")
        with self._connect(read_only=True) as conn:
            conn.row_factory = sqlite3.Row
            for record in conn.execute(f"SELECT {', '.join(COLUMNS)} FROM feedback ORDER BY id"):
                row = {k: redact(v) if isinstance(v, str) and k != "citations" else v for k, v in dict(record).items()}
                row["citations"] = [{**c, "doc_id": redact(str(c.get("doc_id")))} for c in json.loads(row["citations"])]
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
            if self.max_bytes is not None:  # per connection in SQLite, so set on each
                page_size = conn.execute("PRAGMA page_size").fetchone()[0]
                conn.execute(f"PRAGMA max_page_count = {max(16, self.max_bytes // page_size)}")
        with closing(conn), conn:
            yield conn


def _is_full(exc: sqlite3.Error) -> bool:
    """Whether SQLite refused a write as SQLITE_FULL ("database or disk is full")."""
    code = getattr(exc, "sqlite_errorcode", None)
    return (code is not None and code & 0xFF == sqlite3.SQLITE_FULL) or "database or disk is full" in str(exc)


def _version(value: str | None) -> str | None:
    """An index version as sent: kept when it looks like one, else redacted and cut short."""
    if value is None or _VERSION.fullmatch(value):
        return value
    return redact(value)[:_VERSION_MAX]


def _csv_cell(value: object) -> object:
    """Neutralise text that a spreadsheet would run as a formula (CSV injection)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value
