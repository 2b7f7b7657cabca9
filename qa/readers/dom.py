"""Small walks over a parsed HTML tree (selectolax's lexbor nodes) that the HTML readers share."""

from __future__ import annotations

import re
from collections.abc import Callable

from selectolax.lexbor import LexborNode

WHITE = re.compile(r"\s+")


def ancestors(node: LexborNode) -> list[LexborNode]:
    """The ancestors of a node, nearest first, up to the document."""
    found = []
    parent = node.parent
    while parent is not None:
        found.append(parent)
        parent = parent.parent
    return found


def closest(node: LexborNode, matches: Callable[[LexborNode], bool]) -> LexborNode | None:
    """The nearest ancestor of a node (not the node itself) that `matches`, else None."""
    return next((a for a in ancestors(node) if matches(a)), None)
