"""Benchmark: how much of a loaded index two processes share (memory-mapped arrays).

    python bench/shared_pages.py [COPIES]

Builds (fake 384-dimensional embedder, no model) an index of the corpus folder repeated
COPIES times (default 300), then loads it in two processes at once and prints, from
/proc/PID/smaps, each process's resident and proportional (Pss) memory in the index's
mapped files, and its whole resident set.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.pipeline import run_build  # noqa: E402
from qa.settings import get_settings  # noqa: E402
from tests.fakes import FakeEmbedder  # noqa: E402

CHILD = """
import sys, time
from pathlib import Path
from qa.index import load_live_index
from tests.fakes import FakeEmbedder
data = load_live_index(Path(sys.argv[1]), FakeEmbedder(384).identity)
data.sentence_vectors.sum(); data.faiss_index.reconstruct_n(0, data.faiss_index.ntotal)
print("loaded", flush=True)
time.sleep(30)
"""


def mapped(pid: int, folder: str) -> tuple[int, int, int]:
    """(Rss, Pss of the index's mapped files, whole-process Rss), in KiB."""
    rss = pss = 0
    inside = False
    for line in Path(f"/proc/{pid}/smaps").read_text().splitlines():
        fields = line.split()
        if len(fields) >= 5 and "-" in fields[0] and ":" in fields[3]:
            inside = folder in line
        elif inside and fields[0] == "Rss:":
            rss += int(fields[1])
        elif inside and fields[0] == "Pss:":
            pss += int(fields[1])
    total = next(
        int(x.split()[1]) for x in Path(f"/proc/{pid}/status").read_text().splitlines() if x.startswith("VmRSS")
    )
    return rss, pss, total


def main() -> None:
    """Build, load twice, print the shares."""
    copies = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    root_dir = Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for path in get_settings().corpus_dir.glob("*.md"):
            for n in range(copies):
                shutil.copy(path, corpus / f"{path.stem}-{n}.md")
        report = run_build(corpus, FakeEmbedder(384), Path(tmp) / "index")
        folder = str(Path(tmp) / "index" / report.data.version)
        c = report.manifest.counts
        size = sum(f.size for f in report.manifest.files) // 1024
        print(f"index: {c.chunks} chunks, {c.sentences} sentences, 384 dimensions, {size} KiB of files")
        children = [
            subprocess.Popen(
                [sys.executable, "-c", CHILD, str(Path(tmp) / "index")], cwd=root_dir, stdout=subprocess.PIPE, text=True
            )
            for _ in range(2)
        ]
        for child in children:
            assert child.stdout is not None and child.stdout.readline() == "loaded\n"
        for n, child in enumerate(children, start=1):
            rss, pss, total = mapped(child.pid, folder)
            print(
                f"process {n}: index files mapped {rss} KiB resident, {pss} KiB proportional (Pss); "
                f"whole process {total} KiB"
            )
        for child in children:
            child.kill()


if __name__ == "__main__":
    main()
