"""Readers: one module per file format, each turning a file into `Piece`s.

`qa.documents` picks the reader by suffix and assembles the pieces into a `Document`.
"""

from qa.readers.common import BlockKind, Piece, ReaderError

__all__ = ["BlockKind", "Piece", "ReaderError"]
