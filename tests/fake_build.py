"""`qa build` with the fake embedder, for subprocess tests (SIGKILL, concurrent builds).

    python -m tests.fake_build CORPUS INDEX [LOCK_TIMEOUT]

Prints "ready" once imported, then builds; a refused build prints `error: ...` on stderr
and exits 1, and one not promoted (GateError) `not promoted: ...` and exits 3, as `qa build` does.
"""

from __future__ import annotations

import sys
from pathlib import Path

from qa.index_errors import GateError, IndexBusyError, IndexLoadError
from qa.pipeline import BuildOptions, run_build
from tests.fakes import FakeEmbedder


def main(argv: list[str]) -> int:
    corpus, index = Path(argv[0]), Path(argv[1])
    timeout = float(argv[2]) if len(argv) > 2 else 0.0
    print("ready", flush=True)
    try:
        report = run_build(corpus, FakeEmbedder(), index, BuildOptions(keep=3, lock_timeout=timeout))
    except GateError as exc:
        print(f"not promoted: {exc}", file=sys.stderr)
        return 3
    except (IndexBusyError, IndexLoadError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"live {report.data.version}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
