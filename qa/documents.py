"""Source documents: reading Markdown, plain text and HTML into normalised text with blocks.

Every reader produces the same shape: a list of blocks (headings and paragraphs). The
document text is the blocks joined by blank lines, and each block keeps its exact
character offsets into that text, so that later stages can cite `text[start:end]`.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

import frontmatter
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from selectolax.lexbor import LexborHTMLParser, LexborNode

log = logging.getLogger(__name__)

BlockKind = Literal["heading", "paragraph"]
MARKDOWN_SUFFIXES = {".md", ".markdown"}
TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = MARKDOWN_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES
LANGUAGES = ("da", "en")
_DOC_ID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SPACES = re.compile(r"\s+")


class DocumentError(Exception):
    """A document that cannot be read; the message names the file and the reason."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Block:
    """A heading or paragraph, with its offsets into the document text."""

    kind: BlockKind
    start: int
    end: int
    level: int = 0


@dataclass(frozen=True)
class Document:
    """A normalised source document: plain text plus its headings and paragraphs."""

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


@dataclass
class CorpusReport:
    """What reading a corpus folder produced: the documents and the files that failed."""

    documents: list[Document] = field(default_factory=list)
    errors: list[DocumentError] = field(default_factory=list)


def normalise_text(text: str) -> str:
    """Unicode NFC, one kind of newline, whitespace inside a line folded to single spaces."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _SPACES.sub(" ", text).strip()


def assemble(doc_id: str, pieces: Iterable[tuple[BlockKind, int, str]], **meta: str | None) -> Document:
    """Join (kind, level, text) pieces into a Document with exact block offsets."""
    parts: list[str] = []
    blocks: list[Block] = []
    pos = 0
    for kind, level, raw in pieces:
        text = normalise_text(raw)
        if not text:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        blocks.append(Block(kind=kind, start=pos, end=pos + len(text), level=level))
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


def doc_id_for(path: Path) -> str:
    """A URL-safe document id from a file name."""
    return _DOC_ID_UNSAFE.sub("-", path.stem).strip("-") or "document"


def _plain_inline(token: Token) -> str:
    """The visible text of a markdown-it inline token, markup removed."""
    out: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline", "text_special"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif child.type == "image":
            out.append(child.content)
    return "".join(out)


def markdown_blocks(body: str) -> list[tuple[BlockKind, int, str]]:
    """Headings and paragraphs of a Markdown text, as plain text (raw HTML kept as text)."""
    tokens = MarkdownIt("commonmark", {"html": False}).parse(body)
    pieces: list[tuple[BlockKind, int, str]] = []
    heading_level = 0
    for token in tokens:
        if token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "heading_close":
            heading_level = 0
        elif token.type == "inline":
            kind: BlockKind = "heading" if heading_level else "paragraph"
            pieces.append((kind, heading_level, _plain_inline(token)))
        elif token.type in ("code_block", "fence"):
            pieces.append(("paragraph", 0, token.content))
    return pieces


def _looks_like_heading(paragraph: str) -> bool:
    """A one-line paragraph, short, without closing punctuation, reads as a heading."""
    return (
        "\n" not in paragraph
        and len(paragraph) <= 100
        and not paragraph.rstrip().endswith((".", "!", "?", ":", ";", ","))
    )


def text_blocks(body: str) -> list[tuple[BlockKind, int, str]]:
    """Blocks of a plain text: paragraphs split on blank lines; short lone lines are headings."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body.replace("\r\n", "\n")) if p.strip()]
    pieces: list[tuple[BlockKind, int, str]] = []
    for i, paragraph in enumerate(paragraphs):
        is_last = i == len(paragraphs) - 1
        if not is_last and _looks_like_heading(paragraph):
            pieces.append(("heading", 1 if i == 0 else 2, paragraph))
        else:
            pieces.append(("paragraph", 0, paragraph))
    return pieces


_HTML_DROP = "script, style, noscript, nav, header, footer, aside, form, template, svg, iframe, button"
_HTML_BLOCKS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "li",
    "pre",
    "dt",
    "dd",
    "td",
    "th",
    "figcaption",
    "blockquote",
}


def _html_meta(tree: LexborHTMLParser, *names: str) -> str | None:
    for name in names:
        node = tree.css_first(f'meta[name="{name}"], meta[property="{name}"]')
        if node is not None and node.attributes.get("content"):
            return node.attributes["content"]
    return None


def html_document(doc_id: str, html: str, path: str) -> Document:
    """Main text and headings of an HTML page; navigation, scripts and forms left out."""
    tree = LexborHTMLParser(html)
    title_node = tree.css_first("title")
    html_node = tree.css_first("html")
    lang = (html_node.attributes.get("lang") or "") if html_node is not None else ""
    canonical = tree.css_first('link[rel="canonical"]')
    source = canonical.attributes.get("href") if canonical is not None else None
    source = source or _html_meta(tree, "og:url")
    date = _html_meta(tree, "date", "dcterms.date", "DC.date", "article:published_time")
    for node in tree.css(_HTML_DROP):
        node.decompose()
    root: LexborNode | None = tree.css_first("main, article, [role=main]") or tree.body
    pieces: list[tuple[BlockKind, int, str]] = []
    if root is not None:
        for node in root.traverse(include_text=False):
            if node.tag not in _HTML_BLOCKS or _inside_block(node, root):
                continue
            text = node.text(separator=" ", strip=False)
            if node.tag[0] == "h" and node.tag[1:].isdigit():
                pieces.append(("heading", int(node.tag[1]), text))
            else:
                pieces.append(("paragraph", 0, text))
    title = title_node.text(strip=True) if title_node is not None else None
    return assemble(
        doc_id, pieces, title=title, language=lang.split("-")[0].lower() or None, source=source, date=date, path=path
    )


def _inside_block(node: LexborNode, root: LexborNode) -> bool:
    parent = node.parent
    while parent is not None and parent is not root and parent.tag != "html":
        if parent.tag in _HTML_BLOCKS:
            return True
        parent = parent.parent
    return False


def _meta_str(value: object, path: Path, key: str) -> str | None:
    """A front-matter value as text; YAML turns `date: 2024-05-01` into a date object."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str | int | float):
        return str(value)
    raise DocumentError(path, f"front matter field {key!r} must be text, got {type(value).__name__}")


def read_document(path: Path) -> Document:
    """Read one document file; raises DocumentError naming the file when it cannot."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(path, f"unsupported file type {suffix or '(none)'}; use .md, .txt or .html")
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})") from exc
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror})") from exc
    doc_id = doc_id_for(path)
    if suffix in HTML_SUFFIXES:
        document = html_document(doc_id, raw, str(path))
    else:
        try:
            post = frontmatter.loads(raw)
        except yaml.YAMLError as exc:
            raise DocumentError(path, f"front matter is not valid YAML: {exc}") from exc
        meta = {k: _meta_str(post.metadata.get(k), path, k) for k in ("title", "language", "source", "date")}
        pieces = markdown_blocks(post.content) if suffix in MARKDOWN_SUFFIXES else text_blocks(post.content)
        document = assemble(doc_id, pieces, path=str(path), **meta)
    if not document.text:
        raise DocumentError(path, "has no text")
    if document.language not in LANGUAGES:
        raise DocumentError(path, f"language {document.language!r} is not one of {', '.join(LANGUAGES)}")
    return document


def read_corpus(folder: Path) -> CorpusReport:
    """Read every supported document under a folder; failures are collected, not raised."""
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder {folder} does not exist: create it and add documents")
    report = CorpusReport()
    seen: dict[str, Path] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if path.name.startswith(".") or path.name.lower() == "readme.md":
            continue
        try:
            document = read_document(path)
        except DocumentError as exc:
            log.warning("skipping %s", exc)
            report.errors.append(exc)
            continue
        if document.doc_id in seen:
            error = DocumentError(path, f"document id {document.doc_id!r} is already used by {seen[document.doc_id]}")
            log.warning("skipping %s", error)
            report.errors.append(error)
            continue
        seen[document.doc_id] = path
        report.documents.append(document)
    return report
