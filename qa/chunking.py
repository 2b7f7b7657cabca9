"""Sentences and chunks of a document, each with exact offsets and provenance."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from qa.documents import Document
from qa.readers.common import reads_as_label
from qa.sentences import MAX_SENTENCE_CHARS, split_sentences


@dataclass(frozen=True)
class Sentence:
    """One sentence: `document.text[start:end]` is its text."""

    sentence_id: int
    doc_id: str
    chunk_index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Chunk:
    """A few consecutive sentences within one section, with the section heading.

    `heading` is the text of the nearest heading above the chunk, at any level (the
    document's level-1 title heading for the text right under it), or the document title
    when no heading stands above it: never empty.
    """

    chunk_id: str
    doc_id: str
    title: str
    heading: str
    start: int
    end: int
    text: str
    sentence_ids: tuple[int, ...]

    def head(self) -> str:
        """Title and heading ("Title. Heading"), or the title alone where the heading only
        repeats it."""
        return f"{self.title}. {self.heading}" if self.heading and self.heading != self.title else self.title

    def context(self) -> str:
        """Title, heading and text (`head`, a newline, `text`): what is embedded and
        matched for this chunk."""
        return f"{self.head()}\n{self.text}"


@dataclass(frozen=True)
class ChunkingOptions:
    """How sentences are grouped, in characters: at most `max_chars` per chunk; a new
    block (paragraph, list item, table row) starts a new chunk once the chunk holds
    `min_chars`; no sentence is longer than `max_sentence_chars` (or `max_chars`, if
    smaller), longer ones are cut at clause boundaries (`qa.sentences.split_sentences`).

    Raises ValueError unless 0 < min_chars <= max_chars and max_sentence_chars > 0.
    """

    max_chars: int = 600
    min_chars: int = 200
    max_sentence_chars: int = MAX_SENTENCE_CHARS

    def __post_init__(self) -> None:
        if not 0 < self.min_chars <= self.max_chars:
            raise ValueError(
                f"chunking needs 0 < min_chars <= max_chars, got min_chars={self.min_chars}, max_chars={self.max_chars}"
            )
        if self.max_sentence_chars < 1:
            raise ValueError(f"chunking needs max_sentence_chars >= 1, got {self.max_sentence_chars}")

    @property
    def sentence_limit(self) -> int:
        """The longest sentence allowed: the smaller of max_sentence_chars and max_chars."""
        return min(self.max_sentence_chars, self.max_chars)


def chunk_id_for(doc_id: str, text: str, start: int) -> str:
    """A content-hash id: the same text at the same place always gets the same id."""
    digest = hashlib.sha256(f"{doc_id}\x00{start}\x00{text}".encode()).hexdigest()
    return digest[:16]


def chunk_document(
    document: Document,
    options: ChunkingOptions | None = None,
    first_sentence_id: int = 0,
    first_chunk_index: int = 0,
) -> tuple[list[Chunk], list[Sentence]]:
    """Split a document into chunks and sentences; chunks never cross a heading.

    Every block that is not a heading ("paragraph", "list_item", "table_row", "table_header", any other
    kind) is text, split into sentences of at most `options.sentence_limit` characters.
    Each chunk is at most `options.max_chars` characters and carries the nearest heading
    above it (see `Chunk.heading`). Sentence ids and chunk indexes are numbered from the given firsts, so that the
    chunks and sentences of a whole corpus can be numbered in one sequence.
    """
    options = options or ChunkingOptions()
    text = document.text
    # Each group is a list of paragraphs, each paragraph a list of sentence spans.
    sections: list[tuple[str, list[list[tuple[int, int]]], list[str]]] = []
    for block in document.blocks:
        if block.kind == "heading":
            sections.append((document.block_text(block), [], []))
            continue
        if not sections:
            sections.append((document.title, [], []))
        spans = split_sentences(text, block.start, block.end, options.sentence_limit, document.language)
        if spans:
            sections[-1][1].append(spans)
            sections[-1][2].append(block.kind)

    chunks: list[Chunk] = []
    sentences: list[Sentence] = []
    for heading, paragraphs, kinds in sections:
        following = kinds[1:] + [None]  # the kind of the block after each
        leads = [
            leads_in(text[spans[0][0] : spans[-1][1]], kind, after)
            for spans, kind, after in zip(paragraphs, kinds, following, strict=False)
        ]
        for spans in _pack(paragraphs, options, leads):
            start, end = spans[0][0], spans[-1][1]
            chunk_text = text[start:end]
            chunk_index = first_chunk_index + len(chunks)
            ids: list[int] = []
            for s, e in spans:
                sentence_id = first_sentence_id + len(sentences)
                sentences.append(Sentence(sentence_id, document.doc_id, chunk_index, s, e, text[s:e]))
                ids.append(sentence_id)
            chunks.append(
                Chunk(
                    chunk_id=chunk_id_for(document.doc_id, chunk_text, start),
                    doc_id=document.doc_id,
                    title=document.title,
                    heading=heading,
                    start=start,
                    end=end,
                    text=chunk_text,
                    sentence_ids=tuple(ids),
                )
            )
    return chunks, sentences


# The longest caption of a table, in characters: a title line over the table ("Takster for
# hjemmehjælp 2026", "Child support per child per month, 2026"), not a paragraph of the text.
CAPTION_CHARS = 120


def leads_in(paragraph: str, kind: str, next_kind: str | None) -> bool:
    """Whether a paragraph (its text, its block `kind`) leads in to the block after it
    (`next_kind`, None at a section's end), and so stays in one chunk with it (`_pack`): a
    paragraph ending in ":", a table's header row, a table's marked caption (a
    `table_caption` block), and a paragraph right above a header row that reads as its
    caption (`is_table_caption`: "Child support per child per month, 2026"), whose words
    (a year, a period) the rows are read under. A longer paragraph above a table is text,
    and the chunk may end after it."""
    if kind in ("table_header", "table_caption"):
        return next_kind is not None
    if kind == "paragraph" and next_kind == "table_header" and is_table_caption(paragraph):
        return True
    return paragraph.rstrip().endswith(":")


def is_table_caption(paragraph: str) -> bool:
    """Whether a paragraph right above a table reads as its caption: at most
    `CAPTION_CHARS` characters on one line, not ending as a sentence or a lead-in does
    (".", "!", "?", ";", ":"), and naming rather than stating (`reads_as_label`: no
    common finite verb, no figure but a year; "Borgerservice holder lukket i uge 29 og 30"
    is a sentence without its full stop)."""
    line = paragraph.strip()
    if not 0 < len(line) <= CAPTION_CHARS or "\n" in line or line.endswith((".", "!", "?", ";", ":")):
        return False
    return reads_as_label(line)


def _pack(
    paragraphs: list[list[tuple[int, int]]], options: ChunkingOptions, leads: list[bool] | None = None
) -> list[list[tuple[int, int]]]:
    """Group sentence spans greedily, preferring to break at paragraph ends once a chunk
    holds `min_chars`. A paragraph that leads in to what follows (`leads[i]`: it ends with
    ":", "Opening hours at ICS Aarhus:" before a table) stays with it: the break falls
    before the lead-in when what precedes it fills a chunk, else nowhere, and no paragraph
    end breaks the chunk it opens until `max_chars` does, so that a list or a table is
    chunked, embedded and found with its lead-in."""
    groups: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    last_start = 0  # where in `current` the last paragraph begins
    held = False  # `current` holds a lead-in with what it leads in to
    leads = leads or [False] * len(paragraphs)

    def size(spans: list[tuple[int, int]]) -> int:
        return spans[-1][1] - spans[0][0] if spans else 0

    for i, paragraph in enumerate(paragraphs):
        if current and not held and size(current) >= options.min_chars:
            if i > 0 and leads[i - 1]:
                if last_start > 0 and size(current[:last_start]) >= options.min_chars:
                    groups.append(current[:last_start])
                    current = current[last_start:]
                held = True
            else:
                groups.append(current)
                current = []
        last_start = len(current)
        for span in paragraph:
            if current and size(current + [span]) > options.max_chars:
                groups.append(current)
                current = []
                last_start = 0
                held = False
            current.append(span)
    if current:
        groups.append(current)
    return groups
