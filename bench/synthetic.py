"""Synthetic Danish corpora of a chosen size, for the benchmark only.

Paragraphs of the development set's Danish help pages (`tests/eval/dev/corpus`, the
seed corpus as well) are recombined into new pages, and in each sentence about a third
of the longer words are swapped for other words of the same pages (or of simplemma's
Danish word list when it is installed), so that chunks are distinct but read like the
help pages they come from. Deterministic for a seed.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

from qa.chunking import chunk_document
from qa.documents import read_corpus, read_document

WORD = re.compile(r"\b[^\W\d_]{5,}\b")
SWAP_SHARE = 0.35


def danish_paragraphs(folders: list[Path]) -> list[str]:
    """Body paragraphs (at least 80 characters, no headings) of the Danish documents in `folders`."""
    paragraphs: list[str] = []
    for folder in folders:
        for document in read_corpus(folder).documents:
            if document.language != "da":
                continue
            for block in document.blocks:
                text = document.text[block.start : block.end].strip()
                if block.kind != "heading" and len(text) >= 80:
                    paragraphs.append(" ".join(text.split()))
    if not paragraphs:
        raise ValueError(f"no Danish paragraph of 80 characters or more in {', '.join(map(str, folders))}")
    return paragraphs


def vocabulary(paragraphs: list[str], limit: int = 60_000) -> list[str]:
    """Danish words to swap in: simplemma's Danish forms when installed, else the paragraphs' own words."""
    words = sorted({w.lower() for p in paragraphs for w in WORD.findall(p)})
    try:
        from simplemma.strategies.dictionaries import DefaultDictionaryFactory

        forms = DefaultDictionaryFactory().get_dictionary("da").keys()
        extra = [w for w in forms if 5 <= len(w) <= 14 and w.isalpha() and w.islower()]
        random.Random(0).shuffle(extra)
        words += extra[:limit]
    except (ImportError, ValueError):
        pass
    return words


def _vary(paragraph: str, words: list[str], rng: random.Random) -> str:
    return WORD.sub(lambda m: rng.choice(words) if rng.random() < SWAP_SHARE else m.group(0), paragraph)


def write_corpus(target: Path, paragraphs: list[str], chunks_wanted: int, seed: int = 0) -> tuple[int, int]:
    """Write Markdown pages into `target` until they hold at least `chunks_wanted` chunks.

    Each page has a title and 8 sections of 2 paragraphs (about 12 chunks with the default
    ChunkingOptions); pages are chunked as written to count. Returns (pages, chunks).
    """
    rng = random.Random(seed)
    words = vocabulary(paragraphs)
    target.mkdir(parents=True, exist_ok=True)
    page = chunks = 0
    while chunks < chunks_wanted:
        title = " ".join(rng.choice(words) for _ in range(3)).capitalize()
        lines = ["---", f"title: {title}", "language: da", "test_data: true", "---", f"# {title}", ""]
        for _ in range(8):
            lines += [f"## {' '.join(rng.choice(words) for _ in range(2)).capitalize()}", ""]
            for _ in range(2):
                lines += [_vary(rng.choice(paragraphs), words, rng), ""]
        path = target / f"side-{page:06d}.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        chunks += len(chunk_document(read_document(path))[0])
        page += 1
    return page, chunks
