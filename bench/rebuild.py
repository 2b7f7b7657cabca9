"""Benchmark: a full `qa build` against a rebuild of the unchanged corpus (embedding cache).

    python bench/rebuild.py [COPIES]

Builds, with the real model and the configured evaluation set, into fresh temporary index
folders: (1) a copy of the corpus folder (QA_CORPUS_DIR), (2) the corpus plus COPIES
(default 20) copies whose titles and headings carry "(kopi n)", so every embedded passage
is distinct. Each is built from nothing, rebuilt unchanged, then rebuilt after one
sentence is appended to one document; prints wall seconds and seconds per step. Every
build is a fresh `build_index` call, so each loads the model when it needs it, as
`qa build` does.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.index_errors import GateError  # noqa: E402
from qa.pipeline import BuildReport  # noqa: E402
from qa.service import build_index  # noqa: E402
from qa.settings import get_settings  # noqa: E402

_HEADING = re.compile(r"^(#+ .*)$", re.MULTILINE)
_TITLE = re.compile(r"^title: (.*)$", re.MULTILINE)


def copy_corpus(source: Path, target: Path, copies: int) -> None:
    """The source documents plus `copies` renamed copies with distinct titles and headings."""
    target.mkdir(parents=True)
    for path in sorted(source.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        (target / path.name).write_text(text, encoding="utf-8")
        for n in range(1, copies + 1):
            copy = _TITLE.sub(lambda m, n=n: f"title: {m.group(1)} (kopi {n})", text)
            copy = _HEADING.sub(lambda m, n=n: f"{m.group(1)} (kopi {n})", copy)
            (target / f"{path.stem}-kopi-{n}.md").write_text(copy, encoding="utf-8")


def line(label: str, seconds: float, report: BuildReport) -> str:
    """One result line."""
    e = report.manifest.embedding
    c = report.manifest.counts
    steps = ", ".join(f"{k} {v:.1f}" for k, v in report.step_seconds.items())
    embedded = f"embedded {e.embedded}/{e.passages}" if e else ""
    return f"{label:<46}{seconds:7.1f} s  {c.documents:>3} docs {c.chunks:>4} chunks  {embedded:<20} [{steps}]"


def main() -> None:
    """Print full build vs unchanged rebuild for the corpus and a bigger one."""
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    settings = get_settings()
    print(f"machine: {os.cpu_count()} cores; evaluation set {settings.eval_set}")
    with tempfile.TemporaryDirectory() as tmp:
        small, big = Path(tmp) / "corpus", Path(tmp) / "big-corpus"
        copy_corpus(settings.corpus_dir, small, 0)
        copy_corpus(settings.corpus_dir, big, copies)
        for name, corpus in (("corpus", small), (f"corpus + {copies} copies", big)):
            index = Path(tmp) / f"index-{len(name)}"
            run = settings.model_copy(update={"corpus_dir": corpus, "index_dir": index})
            for label in ("full build", "rebuild, unchanged", "rebuild, 1 document changed"):
                if label == "rebuild, 1 document changed":
                    first = sorted(corpus.glob("*.md"))[0]
                    first.write_text(first.read_text(encoding="utf-8") + "\nDenne side er opdateret.\n")
                started = time.perf_counter()
                try:
                    report = build_index(run, show_progress=False)
                except GateError as exc:
                    seconds = time.perf_counter() - started
                    print(f"{name + ': ' + label:<46}{seconds:7.1f} s  not promoted by the evaluation gate:")
                    print("    " + "\n    ".join(str(exc).splitlines()[1:-1]), flush=True)
                    continue
                print(line(f"{name}: {label}", time.perf_counter() - started, report), flush=True)


if __name__ == "__main__":
    main()
