"""The CLI's log output keeps to the chosen level, whatever a library sets its logger to."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import logging, sys
from qa.cli import app
try:
    app(["index", "list", "--index", sys.argv[1]], standalone_mode=False)
except SystemExit:
    pass
noisy = logging.getLogger("bm25s")  # bm25s sets its logger to DEBUG when it is imported
noisy.setLevel(logging.DEBUG)
noisy.debug("a debug line")
noisy.warning("a warning line")
"""


def test_a_library_logger_set_to_debug_prints_only_what_the_cli_level_allows(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, timeout=120, check=True
    )
    assert "WARNING bm25s: a warning line" in done.stderr
    assert "a debug line" not in done.stderr
