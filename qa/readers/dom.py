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


BOLD = ("strong", "b")


def all_bold(node: LexborNode, text: str) -> bool:
    """Whether the whole text of an element (`text`, its text as read) sits in `<strong>`
    or `<b>` elements inside it; False for an element without text."""
    if not text:
        return False
    outermost = [n for n in node.css(", ".join(BOLD)) if not _has_bold_ancestor(n, node)]
    bold = "".join(n.text(separator=" ") for n in outermost)
    return WHITE.sub("", bold) == WHITE.sub("", text)


def _has_bold_ancestor(node: LexborNode, element: LexborNode) -> bool:
    for parent in ancestors(node):
        if parent.mem_id == element.mem_id:
            return False
        if parent.tag in BOLD:
            return True
    return False
