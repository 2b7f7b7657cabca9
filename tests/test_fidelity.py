"""Fidelity: the served text holds every word of the visible source text, in order, and no other.

Visible source text, computed independently of the readers' unit logic:
- Markdown: the text of markdown-it's rendered HTML (ordered-list numbers included, as a
  browser shows them);
- text: the file (after front matter);
- HTML: the DOM text of the main content (boilerplate removed, `<ol>` numbers shown);
- PDF: pdfplumber's page text; Word: python-docx's paragraph and table-cell text, a
  numbered paragraph after its number (counted per list and level from the level's start,
  deeper levels starting again under a shallower one, in decimal, letters or small roman
  numerals as its level says; a bullet has none), the text of each note a paragraph or
  table refers to after it (once), and the text of each paragraph's text boxes after that
  (in a cell, after the cell's text).

Word tokens are `\\w+` runs of the normalised text. The source's tokens must be a
subsequence of the served tokens (header labels repeated in table rows are extra), and
every served token must occur in the source.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import docx
import frontmatter
import pdfplumber
import pytest
from lxml import etree
from selectolax.lexbor import LexborHTMLParser, LexborNode

from qa.documents import read_document
from qa.normalise import normalise
from qa.readers.html import FORMATTING, is_footnote_mark, main_content
from qa.readers.markdown import markdown_parser
from tests.generated_documents import write_docx, write_pdf

TESTS = Path(__file__).parent
FILES = sorted(
    p
    for folder in (
        TESTS / "fixtures",
        TESTS / "cases",
        TESTS / "eval" / "dev" / "corpus",
        TESTS / "eval" / "html" / "corpus",
        TESTS.parent / "corpus",
    )
    for p in folder.rglob("*")
    if p.is_file()
    and p.suffix in {".md", ".txt", ".html", ".pdf", ".docx"}
    and p.name != "README.md"
    # LibreOffice's PDF: its page text holds a table of contents, footnote marks and a
    # running header and footer, left out by design; tests/test_pdf_contents.py checks
    # its every block.
    and not (p.parent.name == "office" and p.suffix == ".pdf")
)
_WORD = re.compile(r"\w+")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def tokens(text: str) -> list[str]:
    """The word tokens of a text, after the one normalisation."""
    return _WORD.findall(normalise(text))


def _number_ordered_items(root: LexborNode) -> None:
    for ol in root.css("ol"):
        start = ol.attributes.get("start") or "1"
        number = int(start) if start.isdigit() else 1
        for item in ol.iter():
            if item.tag == "li":
                if item.child is not None:
                    item.child.insert_before(f"{number}. ")
                else:
                    item.insert_child(f"{number}. ")
                number += 1


def _dom_text(root: LexborNode) -> str:
    _number_ordered_items(root)
    # Footnote marks are left out; text-level formatting joins its text to its neighbours'
    # ("m<sup>3</sup>" is "m3").
    for sup in root.css("sup"):
        before = sup.prev.text(deep=True) if sup.prev is not None else ""
        if is_footnote_mark(sup.text(separator=""), before):
            sup.decompose()
    root.unwrap_tags(sorted(FORMATTING))
    root.merge_text_nodes()
    return root.text(separator=" ")


_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_BOXES = etree.XPath(".//w:txbxContent[not(ancestor::mc:Fallback)]", namespaces={"w": W, "mc": _MC})
_BOX_WORDS = etree.XPath(".//w:t/text()", namespaces={"w": W})


def _text_box_texts(paragraph: etree._Element) -> list[str]:
    """The text of each text box anchored in a Word paragraph (a frame with a note), shown
    beside it: its `w:t` text, once (not the VML copy under `mc:Fallback`)."""
    return [" ".join(_BOX_WORDS(box)) for box in _BOXES(paragraph)]


_NOTE_REFERENCES = etree.XPath(
    ".//w:footnoteReference[not(ancestor::w:del)] | .//w:endnoteReference[not(ancestor::w:del)]",
    namespaces={"w": W},
)
_ROMAN = ["", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]


class _WordVisible:
    """What Word shows of a document's paragraphs and tables, independently of the reader:
    list numbers from the numbering part as `w:lvlText` with each %N as level N's count
    (python-docx reads no numbering), and the notes referred to."""

    def __init__(self, document: docx.document.Document) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}
        numbering = document.part.numbering_part.element
        abstracts = {a.get(f"{{{W}}}abstractNumId"): a for a in numbering.findall(f"{{{W}}}abstractNum")}
        for num in numbering.findall(f"{{{W}}}num"):
            abstract = abstracts[num.find(f"{{{W}}}abstractNumId").get(f"{{{W}}}val")]
            for lvl in abstract.findall(f"{{{W}}}lvl"):
                self.levels[(num.get(f"{{{W}}}numId"), int(lvl.get(f"{{{W}}}ilvl")))] = (
                    lvl.find(f"{{{W}}}numFmt").get(f"{{{W}}}val"),
                    lvl.find(f"{{{W}}}lvlText").get(f"{{{W}}}val"),
                    int(lvl.find(f"{{{W}}}start").get(f"{{{W}}}val")),
                )
        self.counts: dict[str, list[int]] = {}
        self.notes: dict[str, str] = {}
        for rel in document.part.rels.values():
            if rel.reltype.endswith(("/footnotes", "/endnotes")):
                root = etree.fromstring(rel.target_part.blob)
                for note in root:
                    self.notes[f"{etree.QName(note).localname}:{note.get(f'{{{W}}}id')}"] = " ".join(_BOX_WORDS(note))

    def number(self, paragraph: docx.text.paragraph.Paragraph) -> str:
        """The number before a paragraph numbered on it or through its style ("List Number")."""
        num_pr = paragraph._p.find(f"{{{W}}}pPr/{{{W}}}numPr")
        style = paragraph.style
        while num_pr is None and style is not None:
            num_pr = style.element.find(f"{{{W}}}pPr/{{{W}}}numPr")
            style = style.base_style
        if num_pr is None or num_pr.find(f"{{{W}}}numId") is None:
            return ""
        num_id = num_pr.find(f"{{{W}}}numId").get(f"{{{W}}}val")
        ilvl = num_pr.find(f"{{{W}}}ilvl")
        level = 0 if ilvl is None else int(ilvl.get(f"{{{W}}}val"))
        if (num_id, level) not in self.levels:
            return ""
        counts = self.counts.setdefault(num_id, [0] * 9)
        counts[level] += 1
        counts[level + 1 :] = [0] * (8 - level)
        number_format, text, _ = self.levels[(num_id, level)]
        if number_format == "bullet":
            return ""
        for n in range(1, level + 2):
            shown_format, _, start = self.levels[(num_id, n - 1)]
            value = counts[n - 1] + start - 1
            shown = {"decimal": str(value), "lowerLetter": chr(96 + value), "lowerRoman": _ROMAN[value]}
            text = text.replace(f"%{n}", shown[shown_format])
        return text

    def notes_of(self, element: etree._Element, seen: set[str]) -> list[str]:
        texts = []
        for reference in _NOTE_REFERENCES(element):
            key = f"{etree.QName(reference).localname.removesuffix('Reference')}:{reference.get(f'{{{W}}}id')}"
            if key not in seen:
                seen.add(key)
                texts.append(self.notes[key])
        return texts


def visible_text(path: Path) -> str:
    """The visible source text of a fixture (see the module docstring)."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            return "\n".join(page.extract_text() or "" for page in pdf.pages)
    if path.suffix == ".docx":
        document = docx.Document(io.BytesIO(data))
        word = _WordVisible(document)
        parts: list[str] = []
        seen: set[str] = set()
        for block in document.iter_inner_content():
            if isinstance(block, docx.table.Table):
                # a merged cell once, though python-docx gives it for each column it spans
                for row in block.rows:
                    for i, cell in enumerate(row.cells):
                        if i == 0 or cell._tc is not row.cells[i - 1]._tc:
                            parts.append(cell.text)
                            parts += [text for p in cell.paragraphs for text in _text_box_texts(p._p)]
                parts += word.notes_of(block._tbl, seen)
            else:
                parts.append(f"{word.number(block)} {block.text}")
                parts += word.notes_of(block._p, seen)
                parts += _text_box_texts(block._p)
        return "\n".join(parts)
    text = normalise(data.decode("utf-8-sig"))
    if path.suffix == ".html":
        return " ".join(_dom_text(root) for root in main_content(text))
    body = frontmatter.loads(text).content
    if path.suffix == ".txt":
        return body
    tree = LexborHTMLParser(f"<body>{markdown_parser().render(body)}</body>")
    assert tree.body is not None
    return _dom_text(tree.body)


def _is_subsequence(needle: list[str], haystack: list[str]) -> bool:
    rest = iter(haystack)
    return all(any(word == other for other in rest) for word in needle)


def _check(path: Path) -> None:
    source = tokens(visible_text(path))
    served = tokens(read_document(path).text)
    assert source, f"{path} has no visible text"
    missing = sorted(set(source) - set(served))
    extra = sorted(set(served) - set(source))
    assert (missing, extra) == ([], []), path
    assert _is_subsequence(source, served), path


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(TESTS.parent)))
def test_served_text_holds_the_visible_source_words_in_order_and_no_others(path: Path) -> None:
    _check(path)


def test_generated_pdf_and_docx_are_faithful(tmp_path: Path) -> None:
    _check(write_pdf(tmp_path / "sygesikring.pdf"))
    _check(write_docx(tmp_path / "pas.docx"))


def test_fidelity_check_catches_a_lost_word(tmp_path: Path) -> None:
    path = tmp_path / "side.html"
    path.write_text("<html><body><main><p>Et</p><div>To <span>tre</span></div></main></body></html>", encoding="utf-8")
    assert tokens(visible_text(path)) == ["Et", "To", "tre"]
    assert not _is_subsequence(["Et", "To", "tre"], ["Et", "tre", "To"])
    assert _is_subsequence(["Kort", "Pris", "A", "1"], ["Kort", "Pris", "Kort", "A", "Pris", "1"])
