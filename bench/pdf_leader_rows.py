"""What reading a PDF costs with leader lines read as rows, side by side with a revision before.

Usage:
    python bench/pdf_leader_rows.py [PDF ...] [--before main] [--rounds 3]

Without PDFs, writes a 184-page price list of dot-leader lines ("Ydelse nr. 12 for voksne
........ 443", 48 a page under a heading, as LibreOffice sets them) to a temporary folder
and reads that. Reads each PDF `--rounds` times with `qa.readers.pdf.pdf_document` as it
stands in the work tree and as it stood at `--before` (a git revision; its pdf.py is
loaded beside the current one, with the current `qa.readers.common`), alternating the
two after one warm-up reading each, and prints the median CPU seconds of each
(`time.process_time`: the reading is single-threaded, and on a shared machine its wall
time counts other processes' turns too), the median wall seconds, the ratio of the CPU
medians, and how many pieces of each kind each made. Figures, not pass/fail: run it on an
idle machine and compare the columns of one run.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402
from fpdf import FPDF  # noqa: E402

import qa.readers.pdf as pdf_after  # noqa: E402

PAGES = 184
LINES_PER_PAGE = 48


def write_price_list(path: Path) -> Path:
    """A `PAGES`-page price list: per page a 14 pt bold heading over `LINES_PER_PAGE`
    lines "Ydelse nr. N for voksne <dot leader> price" in 11 pt Helvetica."""
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for page in range(1, PAGES + 1):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 14)
        pdf.cell(0, 8, f"Takster, afsnit {page}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", "", 11)
        for line in range(LINES_PER_PAGE):
            number = (page - 1) * LINES_PER_PAGE + line + 1
            pdf.cell(0, 5.5, f"Ydelse nr. {number} for voksne {'.' * 70} {100 + 7 * number}", new_x="LMARGIN")
            pdf.ln(5.5)
    pdf.output(str(path))
    return path


def reader_at(revision: str) -> ModuleType:
    """qa/readers/pdf.py as it stood at git `revision`, loaded as a module of its own."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{revision}:qa/readers/pdf.py"], capture_output=True, text=True, check=True
    ).stdout
    folder = Path(tempfile.mkdtemp(prefix="pdf-before-"))
    (folder / "pdf_before.py").write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("pdf_before", folder / "pdf_before.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def seconds(read: Callable[[bytes], Any], data: bytes) -> tuple[float, float, Any]:
    """CPU and wall seconds of `read(data)`, and its result."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = read(data)
    return time.process_time() - cpu, time.perf_counter() - wall, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pdfs", nargs="*", type=Path)
    parser.add_argument("--before", default="main", help="git revision to compare with (default: main)")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    before = reader_at(args.before)
    pdfs = args.pdfs or [write_price_list(Path(tempfile.mkdtemp(prefix="pdf-leaders-")) / "takster.pdf")]
    print(
        f"{'file':<16} {'pages':>5} {'cpu s ' + args.before:>12} {'cpu s now':>10} {'now/before':>10} "
        f"{'wall s ' + args.before:>12} {'wall s now':>10}  pieces before -> now"
    )
    for path in pdfs:
        data = path.read_bytes()
        readers = {"before": before.pdf_document, "now": pdf_after.pdf_document}
        cpu: dict[str, list[float]] = {name: [] for name in readers}
        wall: dict[str, list[float]] = {name: [] for name in readers}
        kinds: dict[str, Counter[str]] = {}
        for name, read in readers.items():  # warm-up
            _, _, (_, pieces, _) = seconds(read, data)
            kinds[name] = Counter(piece.kind for piece in pieces)
        for _ in range(args.rounds):
            for name, read in readers.items():
                used, took, _ = seconds(read, data)
                cpu[name].append(used)
                wall[name].append(took)
        old, new = statistics.median(cpu["before"]), statistics.median(cpu["now"])
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        print(
            f"{path.name:<16} {pages:>5} {old:>12.2f} {new:>10.2f} {new / old:>10.3f} "
            f"{statistics.median(wall['before']):>12.2f} {statistics.median(wall['now']):>10.2f}  "
            f"{dict(kinds['before'])} -> {dict(kinds['now'])}"
        )


if __name__ == "__main__":
    main()
