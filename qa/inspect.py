"""How one file is read: its metadata, blocks, sentences and chunks, with offsets.

`qa inspect PATH` prints `render_text(inspect_file(...))`, or with `--json` the dict of
`inspect_file` as JSON, so an operator can see where a unit or an answer is cut.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from qa.chunking import ChunkingOptions, chunk_document
from qa.documents import DocumentError, formats_read, link_problem_on_the_way, read_document_warned

FOLDER_REASON = (
    "is a folder, not a file: `qa inspect` shows how one document file is read; "
    f"name one of the files in it ({formats_read()})"
)


def _in_corpus(path: Path, corpus: Path | None) -> tuple[Path, Path | None]:
    """(the path to read, the corpus folder) when `path` lies inside `corpus` (ids are
    relative to it), as given (through a linked sub-folder, as `qa build` reads it) or
    once links are resolved; else (`path`, None). A link that cannot be resolved (a loop
    of links) is left as it is, so a corpus folder that is a loop holds no file."""
    if corpus is None:
        return path, None
    if path.absolute().is_relative_to(corpus.absolute()):
        return path.absolute(), corpus.absolute()
    file, folder = Path(os.path.realpath(path)), Path(os.path.realpath(corpus))
    if file.is_relative_to(folder):
        return file, folder
    return path, None


def inspect_file(path: Path, corpus: Path | None = None, options: ChunkingOptions | None = None) -> dict[str, Any]:
    """How `path` is read, as plain data.

    Keys: path, doc_id, title, language, source, date, warnings (text of the file left
    out and why, as `qa build` reports them: a PDF's scanned pages), headings (level, text), blocks
    (kind, level, page, start, end, text), sentences (start, end, chars, text) and chunks
    (chunk_id, heading, start, end, chars, sentences); offsets are characters into the
    normalised document text. The id is relative to `corpus` when the file lies inside
    it, else the file name alone. Raises qa.documents.DocumentError when the file cannot
    be read, naming the link when a link on the way to it is broken or a loop of links
    (as `qa build` reports it), and saying so when `path` is a folder (`FOLDER_REASON`).
    """
    problem = link_problem_on_the_way(path)
    if problem is not None:
        raise problem
    if path.is_dir():
        raise DocumentError(path, FOLDER_REASON)
    document, warnings = read_document_warned(*_in_corpus(path, corpus))
    chunks, sentences = chunk_document(document, options)
    return {
        "path": str(path),
        "doc_id": document.doc_id,
        "title": document.title,
        "language": document.language,
        "source": document.source,
        "date": document.date,
        "warnings": warnings,
        "headings": [
            {"level": b.level, "text": document.block_text(b)} for b in document.blocks if b.kind == "heading"
        ],
        "blocks": [
            {
                "kind": b.kind,
                "level": b.level,
                "page": b.page,
                "start": b.start,
                "end": b.end,
                "text": document.block_text(b),
            }
            for b in document.blocks
        ],
        "sentences": [{"start": s.start, "end": s.end, "chars": s.end - s.start, "text": s.text} for s in sentences],
        "chunks": [
            {
                "chunk_id": c.chunk_id,
                "heading": c.heading,
                "start": c.start,
                "end": c.end,
                "chars": c.end - c.start,
                "sentences": len(c.sentence_ids),
            }
            for c in chunks
        ],
    }


def render_text(report: dict[str, Any]) -> list[str]:
    """The lines `qa inspect` prints for a report of `inspect_file`."""
    lines = [
        f"file      {report['path']}",
        f"id        {report['doc_id']}",
        f"title     {report['title']}",
        f"language  {report['language']}",
    ]
    if report["source"]:
        lines.append(f"source    {report['source']}")
    lines += [f"warning   {w}" for w in report["warnings"]]
    lines.append(f"headings  {len(report['headings'])}")
    lines += [f"  {'#' * h['level']} {h['text']}" for h in report["headings"]]
    lines.append(f"blocks    {len(report['blocks'])}")
    for b in report["blocks"]:
        page = f" p.{b['page']}" if b["page"] is not None else ""
        lines.append(f"  {b['start']:>6}-{b['end']:<6} {b['kind']:<9}{page} {b['text']}")
    longest = max((s["chars"] for s in report["sentences"]), default=0)
    lines.append(f"sentences {len(report['sentences'])} (longest {longest} characters)")
    lines += [f"  {s['start']:>6}-{s['end']:<6} {s['text']}" for s in report["sentences"]]
    lines.append(f"chunks    {len(report['chunks'])}")
    lines += [
        f"  {c['start']:>6}-{c['end']:<6} {c['chars']:>4} characters, {c['sentences']} sentences"
        + (f", under {c['heading']!r}" if c["heading"] else "")
        for c in report["chunks"]
    ]
    return lines
