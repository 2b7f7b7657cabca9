"""Source documents: reading Markdown, text, HTML, PDF and Word into normalised text with blocks.

Every file goes through `qa.normalise.normalise` first, then through its format's reader
(`qa.readers`), which gives units: headings, paragraphs, list items and table rows. The
document text is the units joined by blank lines, and each block keeps its exact
character offsets into that text, so that later stages can cite `text[start:end]`.
"""

from __future__ import annotations

import bisect
import codecs
import errno
import hashlib
import logging
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import frontmatter
import yaml
from frontmatter.default_handlers import YAMLHandler

from qa.language import declared_language, guess_language
from qa.normalise import has_letter_or_digit, normalise
from qa.readers.common import BlockKind, Piece, ReaderError, iso_date
from qa.readers.docx import docx_document
from qa.readers.html import html_document
from qa.readers.markdown import markdown_pieces
from qa.readers.pdf import pdf_document
from qa.readers.text import text_pieces

log = logging.getLogger(__name__)

__all__ = [
    "Block",
    "BlockKind",
    "CorpusReport",
    "Document",
    "DocumentError",
    "DocumentIdCollision",
    "DocumentWarning",
    "Duplicate",
    "assemble",
    "doc_id_for",
    "normalise_text",
    "read_corpus",
    "read_document",
    "read_document_warned",
]

MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
PDF_SUFFIXES = {".pdf"}
DOCX_SUFFIXES = {".docx"}
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES | PDF_SUFFIXES | DOCX_SUFFIXES
# The usual suffix of each format read, in the order messages name them.
FORMAT_SUFFIXES = (".md", ".txt", ".html", ".pdf", ".docx")


def formats_read() -> str:
    """The formats a corpus may hold, for messages: ".md, .txt, .html, .pdf or .docx"."""
    return f"{', '.join(FORMAT_SUFFIXES[:-1])} or {FORMAT_SUFFIXES[-1]}"


# Characters of a document the language identifier reads when the file declares no
# language: a few paragraphs decide it, and py3langid's time grows with the length. On the
# development and seed corpora the guess from this sample matched every declared language
# (45 of 45 documents, 7 of them English) at 1.1 ms a document.
LANGUAGE_SAMPLE = 5000
_SPACES = re.compile(r"\s+")
# C0 and C1 control characters other than tab and line feed (NUL, BEL, ESC, form feed, ...):
# no text, and no reader gives them a meaning. Removed from a file's text before Markdown
# reads it (which would turn NUL into U+FFFD) and from every unit.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Letters with no decomposition to ASCII: the Danish ones by their standard
# transliteration (Retskrivningsordbogen: æ → ae, ø → oe, å → aa), the others of Latin
# script a Danish authority's file names hold (a German street, an Icelandic or Polish
# name) as Unicode CLDR's Latin-ASCII transform writes them (ß → ss, ð → d, þ → th).
_TRANSLITERATION = str.maketrans(
    {
        "æ": "ae",
        "ø": "oe",
        "å": "aa",
        "Æ": "Ae",
        "Ø": "Oe",
        "Å": "Aa",
        "ß": "ss",
        "ẞ": "SS",
        "ð": "d",
        "Ð": "D",
        "þ": "th",
        "Þ": "Th",
        "œ": "oe",
        "Œ": "OE",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
        "Đ": "D",
        "ı": "i",
    }
)
_DOC_ID_UNSAFE = re.compile(r"[^a-z0-9._]+")
# python-frontmatter's own reader of `---` front matter, to tell one that is never closed.
_FRONT_MATTER = YAMLHandler()


def shown_path(path: Path) -> str:
    """A path as printable text: bytes of a name that are not UTF-8 (which Python keeps as
    lone surrogates) shown as \\xNN escapes, `b\\xf8rnepasning.md`."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


class DocumentError(Exception):
    """A document that cannot be read; the message names the file (`shown_path`) and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{shown_path(path)}: {reason}")
        self.path = path
        self.reason = reason


class DocumentIdCollision(ValueError):
    """Two files of one corpus map to the same document id; the message names both."""

    def __init__(self, doc_id: str, first: Path, second: Path) -> None:
        super().__init__(
            f"{first} and {second} both get the document id {doc_id!r}: rename one of them "
            "(ids come from the path relative to the corpus folder, with æ, ø, å as ae, oe, aa)"
        )
        self.doc_id = doc_id
        self.paths = (first, second)


@dataclass(frozen=True)
class Block:
    """One unit of a document with its offsets into the document text.

    `kind` is "heading" (with `level` 1-6), "paragraph", "list_item", "table_row",
    "table_header" (a table's header row: its column labels) or "table_caption" (the
    title a page's markup gives a table, `<caption>`: it names the rows under it and
    answers nothing alone);
    `page` is the 1-based page of a PDF the block starts on, None for other formats;
    `page_starts` holds (document offset, page) for each later page a block broken over
    a page break runs onto, in order (empty for a block on one page).
    """

    kind: BlockKind
    start: int
    end: int
    level: int = 0
    page: int | None = None
    page_starts: tuple[tuple[int, int], ...] = ()

    def page_of(self, offset: int) -> int | None:
        """The page of the character at a document offset inside this block: the last of
        `page_starts` at or before it, else `page`."""
        i = bisect.bisect_right(self.page_starts, offset, key=lambda start: start[0]) - 1
        return self.page_starts[i][1] if i >= 0 else self.page


@dataclass(frozen=True)
class Document:
    """A normalised source document: plain text plus its blocks."""

    doc_id: str
    title: str
    text: str
    blocks: tuple[Block, ...]
    language: str = "da"
    source: str | None = None
    date: str | None = None
    path: str = ""

    def block_text(self, block: Block) -> str:
        """The text of one block."""
        return self.text[block.start : block.end]

    def block_at(self, offset: int) -> Block | None:
        """The block whose [start, end) holds a character offset, or None (between blocks)."""
        i = bisect.bisect_right(self.blocks, offset, key=lambda b: b.start) - 1
        if i >= 0 and self.blocks[i].start <= offset < self.blocks[i].end:
            return self.blocks[i]
        return None

    def page_at(self, offset: int) -> int | None:
        """The 1-based PDF page of the character at an offset (`Block.page_of` of the
        block holding it; a block may run over a page break); None for other formats and
        for offsets between blocks."""
        block = self.block_at(offset)
        return block.page_of(offset) if block is not None else None


@dataclass(frozen=True)
class Duplicate:
    """A file left out because its normalised text equals that of a document kept."""

    path: Path
    doc_id: str
    same_as: Path
    kept_id: str


@dataclass(frozen=True)
class DocumentWarning:
    """A document read with part of it left out, and why: "page 3 has no text layer ..."."""

    path: Path
    message: str


@dataclass
class CorpusReport:
    """What reading a corpus folder produced.

    `documents`: the documents to index; `errors`: files skipped, each with its reason;
    `duplicates`: files left out as text-identical to a kept document; `warnings`: files
    read with part of their text left out (a scanned page of a PDF); `formats`: the
    number of documents read per suffix (".md": 3).
    """

    documents: list[Document] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    warnings: list[DocumentWarning] = field(default_factory=list)
    formats: dict[str, int] = field(default_factory=dict)

    def largest_block(self) -> tuple[Document, Block] | None:
        """The longest block (in characters) over all documents, or None without documents."""
        candidates = [(b.end - b.start, d, b) for d in self.documents for b in d.blocks]
        if not candidates:
            return None
        _, document, block = max(candidates, key=lambda c: c[0])
        return document, block

    def skipped_lines(self) -> list[str]:
        """Each file left out, with its reason: "skipped corpus/bad.md: not UTF-8 text (...)"."""
        return [f"skipped {shown_path(error.path)}: {error.reason}" for error in self.errors]

    def summary_lines(self) -> list[str]:
        """The build report: documents per format, skipped files with reasons, files read
        with a warning, duplicates, and the largest block."""
        per_format = ", ".join(f"{n} {suffix}" for suffix, n in sorted(self.formats.items()))
        count = f"{len(self.documents)} document" + ("" if len(self.documents) == 1 else "s")
        lines = [f"read {count}" + (f" ({per_format})" if per_format else ""), *self.skipped_lines()]
        lines += [f"warning: {shown_path(w.path)}: {w.message}" for w in self.warnings]
        lines += [
            f"duplicate {d.path} has the same text as {d.same_as}: indexed once, as {d.kept_id!r}"
            for d in self.duplicates
        ]
        largest = self.largest_block()
        if largest is not None:
            document, block = largest
            lines.append(
                f"largest unit: {block.end - block.start} characters, a {block.kind} of "
                f"{document.doc_id!r} at {block.start}-{block.end}"
            )
        return lines


def normalise_text(text: str) -> str:
    """`qa.normalise.normalise`, then control characters removed (`_CONTROL`) and white
    space folded to single spaces and trimmed: the text of one block."""
    return _SPACES.sub(" ", _CONTROL.sub("", normalise(text))).strip()


def _normalised_offset(raw: str, offset: int) -> int:
    """Where the character at `offset` of a piece's raw text lands in its normalised text
    (`normalise_text`): the length of the normalised text before it, plus the one space
    that white space between them folds to. `offset` must point at a character that is
    not white space (the start of a line, as readers give page starts)."""
    before = normalise_text(raw[:offset])
    return len(before) + (1 if before and raw[:offset] != raw[:offset].rstrip() else 0)


def assemble(
    doc_id: str,
    pieces: Iterable[Piece | tuple[BlockKind, int, str]],
    **meta: str | None,
) -> Document:
    """Join pieces (or (kind, level, text) tuples) into a Document with exact block offsets.

    Each piece's text is normalised and folded to one line (`normalise_text`); empty
    pieces are left out; blocks are separated by a blank line ("\\n\\n"). The title is
    `meta["title"]`, else the first heading, else the id.
    """
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for item in pieces:
        piece = item if isinstance(item, Piece) else Piece(*item)
        text = normalise_text(piece.text)
        if not text:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        page_starts = tuple((pos + _normalised_offset(piece.text, at), page) for at, page in piece.page_starts)
        end = pos + len(text)
        blocks.append(Block(piece.kind, pos, end, level=piece.level, page=piece.page, page_starts=page_starts))
        parts.append(text)
        pos += len(text)
    body = "".join(parts)
    title = meta.pop("title", None) or next((body[b.start : b.end] for b in blocks if b.kind == "heading"), doc_id)
    language = meta.pop("language", None) or "da"
    return Document(
        doc_id=doc_id,
        title=normalise_text(title),
        text=body,
        blocks=tuple(blocks),
        language=language,
        source=meta.get("source"),
        date=meta.get("date"),
        path=meta.get("path") or "",
    )


def doc_id_for(path: Path, root: Path | None = None) -> str:
    """A readable, URL-safe document id from a path relative to the corpus folder `root`.

    NFC first, Danish letters transliterated (æ → ae, ø → oe, å → aa), other accents
    dropped, lower case, the suffix left out, "/" and any other character outside
    [a-z0-9._] as "-": `borger/Faq.md` → "borger-faq", `Ældre/Åbning.md` →
    "aeldre-aabning". Without `root`, only the file name counts.
    """
    relative = path.relative_to(root) if root is not None else Path(path.name)
    return _id_of_name("/".join([*relative.parts[:-1], relative.stem]))


def folder_id_for(folder: Path, root: Path) -> str:
    """The id prefix of the documents below `folder` (a folder, or a link to one, inside
    the corpus folder `root`): its path below `root` as `doc_id_for` spells it, but whole,
    as a folder has no suffix: `vejl.2024` → "vejl.2024", `Ældre/Råd` → "aeldre-raad".
    Raises ValueError when `folder` is not below `root`."""
    return _id_of_name("/".join(folder.relative_to(root).parts))


def _id_of_name(name: str) -> str:
    """`name` (a path below the corpus folder, "/"-separated) as a document id (`doc_id_for`)."""
    name = unicodedata.normalize("NFC", name).translate(_TRANSLITERATION)
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    doc_id = _DOC_ID_UNSAFE.sub("-", name.lower()).strip("-.")
    return re.sub(r"-{2,}", "-", doc_id) or "document"


def _meta_date(value: str | None, path: Path) -> str | None:
    """A front-matter `date` (text, `_meta_str`) as it is when it is a date
    (`qa.readers.common.iso_date`), None when there is none. Raises DocumentError naming
    the key, the value and the form to write it in otherwise ("not-a-date", "2024", "1.
    maj 2024", "2025-18-11" in quotes, an offset of 24 hours or more), as for a field
    that is no text."""
    if value is None or iso_date(value):
        return value
    raise DocumentError(
        path,
        "front matter field 'date' must be a date written YYYY-MM-DD (2024-05-01), "
        f"a time may follow (2024-05-01 10:30), got {value!r}",
    )


def _meta_str(value: object, path: Path, key: str) -> str | None:
    """A front-matter value as text; YAML turns `date: 2024-05-01` into a date object."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return normalise_text(str(value))
    raise DocumentError(path, f"front matter field {key!r} must be text, got {type(value).__name__}")


# A page's declared encoding, as the HTML Living Standard's prescan finds it in the first
# 1024 bytes: `<meta charset="...">` or `<meta http-equiv="Content-Type" content="...;
# charset=...">`.
_DECLARED_CHARSET = re.compile(rb"<meta[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", re.IGNORECASE)
# The WHATWG Encoding Standard reads these labels as windows-1252.
_WINDOWS_1252_LABELS = {"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp819"}


_UTF_8_LABELS = {"utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"}
_STRAY_BYTES = "qa-windows-1252-bytes"


def _stray_bytes_as_windows_1252(error: UnicodeError) -> tuple[str, int]:
    """A codec error handler: the bytes UTF-8 could not decode, read as windows-1252 (a byte
    it leaves undefined, such as 0x81, as U+FFFD)."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error(_STRAY_BYTES, _stray_bytes_as_windows_1252)


def _file_text(decoded: str, keep_tabs: bool = False) -> str:
    """A decoded file's text as the readers get it: normalised (which reads a tab as one
    space, unless `keep_tabs`: the plain-text reader reads a tab as the end of a table's
    cell, `qa.readers.text.aligned_table`), control characters removed."""
    if keep_tabs:
        return "\t".join(_CONTROL.sub("", normalise(part)) for part in decoded.split("\t"))
    return _CONTROL.sub("", normalise(decoded))


# The bytes `_looks_binary` judges a file by, and the share of them that may be control
# characters in text (a stray form feed or NUL from an export); random bytes hold about 11 %.
_BINARY_SAMPLE = 8192
_BINARY_CONTROL_SHARE = 0.05
_TEXT_CONTROLS = frozenset(b"\t\n\r\x0c")
# A byte order mark names its encoding, and it wins over any declaration (the WHATWG
# Encoding Standard's "BOM sniff", which browsers follow): Notepad's "Unicode" and Word's
# "Unicode text" save UTF-16 LE with one. UTF-32's marks come first, as the UTF-32 LE mark
# begins with the UTF-16 LE one. Python's "utf-16" / "utf-32" codecs drop the mark.
_UNICODE_BOM_ENCODINGS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_UNICODE_BOMS = tuple(mark for mark, _ in _UNICODE_BOM_ENCODINGS)


def _looks_binary(data: bytes) -> bool:
    """Whether bytes that are not UTF-8 are binary data rather than text in another
    encoding: in their first `_BINARY_SAMPLE` bytes a NUL byte, or control characters
    (other than tab, line ends and form feed) making up more than `_BINARY_CONTROL_SHARE`.
    UTF-16 and UTF-32 text is not binary: with a byte order mark, or with its NUL bytes
    (at least a quarter of them) all at even or all at odd offsets."""
    if data.startswith(_UNICODE_BOMS):
        return False
    sample = data[:_BINARY_SAMPLE]
    nuls = [i for i, byte in enumerate(sample) if byte == 0]
    if nuls and len(nuls) * 4 >= len(sample) and len({i % 2 for i in nuls}) == 1:
        return False
    controls = sum(1 for byte in sample if (byte < 0x20 and byte not in _TEXT_CONTROLS) or byte == 0x7F)
    return bool(nuls) or controls > _BINARY_CONTROL_SHARE * len(sample)


def _decode(path: Path, data: bytes, html: bool = False, keep_tabs: bool = False) -> str:
    """The text of a file (`_file_text`): UTF-16 or UTF-32 when it starts with their byte
    order mark (`_UNICODE_BOM_ENCODINGS`), else UTF-8 (a BOM allowed), or for a page (`html`) that
    is not, the encoding it declares (`_DECLARED_CHARSET`; Latin-1 read as windows-1252, as
    browsers do). A page that declares UTF-8 but holds bytes that are not (a template's
    "K\\xf8benhavn" pasted in from an older system) has each such byte read as
    windows-1252, where a browser would show a replacement mark. Raises DocumentError when
    none of these decodes it, saying it is no text at all when it looks binary (`_looks_binary`:
    a file of another format given a text extension). With `keep_tabs` its tabs stay
    (`_file_text`)."""
    bom = next((encoding for mark, encoding in _UNICODE_BOM_ENCODINGS if data.startswith(mark)), None)
    if bom is not None:
        try:
            return _file_text(data.decode(bom), keep_tabs)
        except UnicodeDecodeError as exc:
            raise DocumentError(
                path, f"starts with a {bom.upper()} byte order mark but is not {bom.upper()} text; save it as UTF-8"
            ) from exc
    try:
        return _file_text(data.decode("utf-8-sig"), keep_tabs)
    except UnicodeDecodeError as exc:
        if _looks_binary(data):
            raise DocumentError(
                path, "is not text (binary data): remove it from the corpus or give it the extension of its format"
            ) from exc
        declared = _DECLARED_CHARSET.search(data[:1024]) if html else None
        if declared is not None:
            label = declared.group(1).decode("ascii").lower()
            encoding = "cp1252" if label in _WINDOWS_1252_LABELS else label
            try:
                if label in _UTF_8_LABELS:
                    return _file_text(data.decode("utf-8-sig", errors=_STRAY_BYTES), keep_tabs)
                return _file_text(data.decode(encoding), keep_tabs)
            except (LookupError, UnicodeDecodeError):
                pass
        raise DocumentError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8") from exc


def _front_matter(path: Path, raw: str) -> tuple[dict[str, str | None], str]:
    """(title, language, source and date; the body) of a Markdown or text file's decoded
    text. Raises DocumentError when its front matter is never closed, is not valid YAML,
    holds a date that does not exist, or a `date` that is no date (`_meta_date`)."""
    text = raw.strip()  # as python-frontmatter reads it
    # A "---" line followed by a blank line is a Markdown thematic break, not front matter.
    if _FRONT_MATTER.detect(text) and not re.match(r"---[ \t]*\n[ \t]*(\n|$)", text):
        try:
            _FRONT_MATTER.split(text)
        except ValueError:  # python-frontmatter would take it all for the body
            raise DocumentError(
                path,
                "front matter opened with --- is never closed: add a line --- after it, "
                "or remove the first line if it is not front matter",
            ) from None
    try:
        post = frontmatter.loads(raw)
    except yaml.YAMLError as exc:
        raise DocumentError(path, f"front matter is not valid YAML: {exc}") from exc
    except (AttributeError, TypeError) as exc:  # a YAML tag given a value it cannot build: `!!timestamp foo`
        raise DocumentError(path, f"front matter is not valid YAML: {exc}") from exc
    except ValueError as exc:  # the YAML timestamp constructor's datetime: `date: 2025-18-11`
        raise DocumentError(
            path, f"front matter is not valid: a date in it does not exist ({exc}); write dates as YYYY-MM-DD"
        ) from exc
    meta = {k: _meta_str(post.metadata.get(k), path, k) for k in ("title", "language", "source", "date")}
    meta["date"] = _meta_date(meta["date"], path)
    return meta, post.content


def _check_name(path: Path) -> None:
    """Raise DocumentError when a part of the path is not valid UTF-8 (a name unpacked from
    a Windows zip keeps its cp1252 or cp850 bytes): such a name can be neither stored in
    the index nor printed."""
    for part in reversed(path.parts):
        try:
            part.encode("utf-8")
        except UnicodeEncodeError:
            what = "the file name" if part == path.name else f"the folder name '{shown_path(Path(part))}'"
            raise DocumentError(
                path,
                f"{what} is not UTF-8 text (\\xNN marks each byte that is not): rename it, typing any æ, ø and å again",
            ) from None


def _remedy(exc: OSError, what: str) -> str:
    """What the operator can do about an OSError met while `qa build` reads a corpus `what`
    ("file" or "folder"), as ": ..." to follow its reason; empty when there is nothing to say."""
    if exc.errno in (errno.EACCES, errno.EPERM):
        mode = "a+r" if what == "file" else "a+rx"
        return (
            f": give the user running `qa build` read access to the {what} (chmod {mode}), or move it out of the corpus"
        )
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return (
            f": it was removed or renamed while the build read the corpus; run `qa build` again to index the {what} "
            "as it is now"
        )
    return ""


def read_document(path: Path, root: Path | None = None) -> Document:
    """Read one document file: `read_document_warned` without its warnings."""
    return read_document_warned(path, root)[0]


def read_document_warned(path: Path, root: Path | None = None) -> tuple[Document, list[str]]:
    """Read one document file (.md, .markdown, .txt, .html, .htm, .pdf, .docx), and the
    warnings about text of it that was left out (a PDF's scanned or damaged pages,
    `qa.readers.pdf.pdf_document`).

    The id comes from the path relative to `root` (`doc_id_for`). The language is the
    one the file declares (front matter `language`, `<html lang>`), read by
    `qa.language.declared_language` ("EN-gb" is English, Norwegian and Swedish count as
    Danish); a file that declares none (PDF and Word files never do here, nor does a
    special code such as "und") gets the language identifier's guess from its first
    `LANGUAGE_SAMPLE` characters (`qa.language.guess_language`), since the reader, the
    reranker and the retriever correct the model's preference for text in the
    question's language by it. Raises DocumentError
    naming the file and the reason when it cannot be read.
    """
    _check_name(path)
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(path, f"unsupported file type {suffix or '(none)'}; use {formats_read()}")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror})") from exc
    doc_id = doc_id_for(path, root)
    meta: dict[str, str | None] = {}
    warnings: list[str] = []
    try:
        if suffix in PDF_SUFFIXES:
            meta, pieces, warnings = pdf_document(data, path.name)
        elif suffix in DOCX_SUFFIXES:
            meta, pieces = docx_document(data, path.name)
        elif suffix in HTML_SUFFIXES:
            raw = _decode(path, data, html=True)
            meta, pieces = html_document(raw, path.name)
        else:
            markdown = suffix in MARKDOWN_SUFFIXES
            meta, body = _front_matter(path, _decode(path, data, keep_tabs=not markdown))
            pieces = markdown_pieces(body) if markdown else text_pieces(body)
    except ReaderError as exc:
        raise DocumentError(path, str(exc)) from exc
    document = assemble(doc_id, pieces, path=str(path), **meta)
    if not has_letter_or_digit(document.text):
        detail = ": no letter or digit in it (a damaged file?)" if document.text else ""
        raise DocumentError(path, f"has no text{detail}")
    try:
        declared = declared_language(meta.get("language"))
    except ValueError as exc:
        raise DocumentError(path, str(exc)) from None
    language = declared or guess_language(document.text[:LANGUAGE_SAMPLE]).language
    return replace(document, language=language), warnings


def _link_problem(entry: Path, ancestors: tuple[str, ...]) -> str | None:
    """Why a symbolic link in the corpus is not followed: it is broken, a loop of links, or
    it leads to a folder that holds it (`ancestors`: their real paths), whose files would
    be read again and again. None for a link that can be followed and for anything else."""
    if not entry.is_symlink():
        return None
    try:
        entry.stat()
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "is a link that leads back to itself (a loop of links): fix or remove the link"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            target = shown_path(Path(os.readlink(entry)))
            return f"is a broken link: {target} does not exist; fix or remove the link"
        return f"is a link that cannot be followed ({exc.strerror}): fix or remove the link"
    real = os.path.realpath(entry)
    if entry.is_dir() and real in ancestors:
        holder = shown_path(Path(real))
        return f"links to {holder}, a folder that holds it, which would be read forever: remove the link"
    return None


def link_problem_on_the_way(path: Path) -> DocumentError | None:
    """The first symbolic link on the way to `path` (its folders from the root down, then
    `path` itself) that cannot be followed (broken or a loop of links, `_link_problem`), as
    a DocumentError naming that link with the reason `qa build` gives; None when every
    link on the way can be followed, or when an entry on the way cannot be looked at (the
    read then says why)."""
    on_the_way = path.absolute()
    for entry in (*reversed(on_the_way.parents), on_the_way):
        try:
            problem = _link_problem(entry, ())
        except OSError:
            return None
        if problem is not None:
            return DocumentError(entry, problem)
    return None


def editor_leftover(name: str) -> bool:
    """Whether a file name is one editors leave beside the document being edited, never a
    document: Word's owner file while a document is open (`~$nemid.docx`, a few bytes
    whose name would take the id of `nemid.docx`), a backup (`nemid.md~`) or an Emacs
    auto-save file (`#nemid.md#`). Lock files starting with "." are hidden anyway."""
    return name.startswith("~$") or name.endswith("~") or (len(name) > 1 and name[0] == name[-1] == "#")


def _corpus_files(folder: Path) -> tuple[list[Path], list[DocumentError]]:
    """The files below `folder` to read, in path order, and the entries left out with a reason.

    Links to folders are followed (`corpus/borger -> /srv/borger`), and links to files
    read; a hidden entry (name starting with "."), an editor's leftover (`editor_leftover`)
    and README.md files are left out silently; a link that cannot be followed
    (`_link_problem`) and a folder that cannot be listed are left out as DocumentErrors."""
    files: list[Path] = []
    errors: list[DocumentError] = []
    pending: list[tuple[Path, tuple[str, ...]]] = [(folder, (os.path.realpath(folder),))]
    while pending:
        directory, ancestors = pending.pop()
        try:
            entries = sorted(directory.iterdir())
        except OSError as exc:
            errors.append(
                DocumentError(directory, f"the folder cannot be read ({exc.strerror}){_remedy(exc, 'folder')}")
            )
            continue
        for entry in entries:
            if entry.name.startswith(".") or editor_leftover(entry.name):
                continue
            problem = _link_problem(entry, ancestors)
            if problem is not None:
                errors.append(DocumentError(entry, problem))
            elif entry.is_dir():
                pending.append((entry, (*ancestors, os.path.realpath(entry))))
            elif entry.is_file() and entry.name.lower() != "readme.md":
                files.append(entry)
    return sorted(files), errors


def read_corpus(folder: Path, live_ids: Collection[str] = ()) -> CorpusReport:
    """Read every supported document under a folder and its sub-folders (links to folders
    followed, `_corpus_files`).

    Unreadable files, and links that cannot be followed, are collected in `errors` in path
    order (the rest still reads); documents whose
    normalised text equals another's are kept once (the id the live index serves, among
    `live_ids`, so that a copy added beside a document does not change its id; else the
    shortest id, then the first by path) and listed in `duplicates`. Raises FileNotFoundError when the folder does not
    exist, NotADirectoryError when it is a file, and DocumentIdCollision when two files
    map to one id.
    """
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(
            f"corpus folder {folder} is a file, not a folder: give the folder that holds the documents "
            f"(QA_CORPUS_DIR or --corpus), e.g. {folder.parent}"
        )
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder {folder} does not exist: create it and add documents")
    report = CorpusReport()
    read: list[tuple[Path, Document]] = []
    ids: dict[str, Path] = {}
    files, report.errors = _corpus_files(folder)
    for error in report.errors:
        log.warning("skipping %s", error)
    for path in files:
        try:
            _check_name(path)  # before its id is taken: the file is left out
            if path.suffix.lower() in SUPPORTED_SUFFIXES:  # other files are skipped below, with the reason
                doc_id = doc_id_for(path, folder)
                if doc_id in ids:
                    raise DocumentIdCollision(doc_id, ids[doc_id], path)
                ids[doc_id] = path
            document, warnings = read_document_warned(path, folder)
        except DocumentError as exc:
            if isinstance(exc.__cause__, OSError) and (remedy := _remedy(exc.__cause__, "file")):
                exc = DocumentError(path, exc.reason + remedy)
            log.warning("skipping %s", exc)
            report.errors.append(exc)
            continue
        for warning in warnings:
            log.warning("%s: %s", shown_path(path), warning)
            report.warnings.append(DocumentWarning(path, warning))
        read.append((path, document))
    kept: dict[str, tuple[Path, Document]] = {}
    served = set(live_ids)
    for path, document in sorted(read, key=lambda r: (r[1].doc_id not in served, len(r[1].doc_id), str(r[0]))):
        digest = hashlib.sha256(document.text.encode("utf-8")).hexdigest()
        if digest in kept:
            same_path, same = kept[digest]
            log.warning("%s has the same text as %s: indexed once, as %r", path, same_path, same.doc_id)
            report.duplicates.append(Duplicate(path, document.doc_id, same_path, same.doc_id))
            continue
        kept[digest] = (path, document)
    kept_ids = {d.doc_id for _, d in kept.values()}
    report.documents = [d for _, d in read if d.doc_id in kept_ids]
    report.errors.sort(key=lambda e: e.path)
    report.duplicates.sort(key=lambda d: str(d.path))
    report.formats = dict(Counter(Path(d.path).suffix.lower() for d in report.documents))
    return report
