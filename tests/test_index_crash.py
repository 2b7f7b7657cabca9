"""Crash safety and one writer, with real processes: `qa build` (fake embedder) killed with
SIGKILL at random moments, and pairs of builds started at once. Afterwards the live index
always loads and verifies, and the next build succeeds."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from qa.index import live_version, load_live_index
from qa.pipeline import run_build
from qa.versions import list_versions
from tests.fakes import FakeEmbedder

pytestmark = pytest.mark.crash

ROOT = Path(__file__).resolve().parent.parent
COPIES = 10


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus 10 times over (distinct document ids): 70 chunks, 200 sentences."""
    folder = tmp_path_factory.mktemp("big-corpus")
    for source in sorted((ROOT / "corpus").glob("*.md")):
        for n in range(COPIES):
            shutil.copy(source, folder / f"{source.stem}-{n:02d}.md")
    return folder


@pytest.fixture(scope="module")
def template_root(tmp_path_factory: pytest.TempPathFactory, big_corpus: Path) -> Path:
    root = tmp_path_factory.mktemp("crash-template") / "index"
    run_build(big_corpus, FakeEmbedder(), root)
    return root


def _trial_copy(template: Path, corpus: Path, where: Path, trial: int) -> tuple[Path, Path]:
    """A copy of the live index and a corpus with one document changed (so a build has
    passages to embed and a cache segment to write)."""
    root = where / "index"
    shutil.copytree(template, root, ignore=shutil.ignore_patterns(".lock*"))
    changed = where / "corpus"
    shutil.copytree(corpus, changed)
    first = sorted(changed.glob("*.md"))[0]
    first.write_text(first.read_text() + f"\nTilføjet i forsøg {trial}.\n")
    return root, changed


def _spawn(corpus: Path, root: Path, lock_timeout: float = 0.0) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "tests.fake_build", str(corpus), str(root), str(lock_timeout)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _live_loads_and_next_build_succeeds(root: Path, corpus: Path) -> str:
    """Load and verify the live index, then build again; returns the version that was live."""
    version = load_live_index(root, FakeEmbedder().identity).version
    after = run_build(corpus, FakeEmbedder(), root)
    assert load_live_index(root, FakeEmbedder().identity).version == after.data.version
    assert not [p.name for p in root.iterdir() if p.name.startswith((".building-", ".removing-"))]
    return version


def test_sigkill_at_20_random_moments_never_damages_the_live_index(
    template_root: Path, big_corpus: Path, tmp_path: Path
) -> None:
    template_version = live_version(template_root)
    # One build to completion, to learn how long a build runs after start-up.
    root, corpus = _trial_copy(template_root, big_corpus, tmp_path / "measure", 0)
    process = _spawn(corpus, root)
    assert process.stdout is not None and process.stdout.readline() == "ready\n"
    started = time.perf_counter()
    assert process.wait(timeout=120) == 0
    duration = time.perf_counter() - started
    rng = random.Random(20)
    delays = [rng.uniform(0, duration) for _ in range(20)]

    def trial(n: int) -> tuple[str, str | None]:
        root, corpus = _trial_copy(template_root, big_corpus, tmp_path / f"kill-{n}", n)
        process = _spawn(corpus, root)
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
        time.sleep(delays[n])
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        live = _live_loads_and_next_build_succeeds(root, corpus)
        return ("old" if live == template_version else "new"), (process.stderr.read() if process.stderr else None)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(trial, range(20)))
    live_after_kill = [r[0] for r in results]
    print(
        f"\nbuild after start-up {duration:.2f} s; 20 SIGKILLs at 0-{duration:.2f} s: "
        f"old version live {live_after_kill.count('old')}, new version live {live_after_kill.count('new')}, damaged 0"
    )
    assert len(live_after_kill) == 20
    assert all("Traceback" not in (stderr or "") for _, stderr in results)


def test_pairs_of_concurrent_builds_never_damage_the_live_index(
    template_root: Path, big_corpus: Path, tmp_path: Path
) -> None:
    refused = 0
    for n in range(10):
        waiting = n % 2 == 1  # odd trials wait for the lock, even ones fail at once
        root, corpus = _trial_copy(template_root, big_corpus, tmp_path / f"pair-{n}", n)
        before = {v.version for v in list_versions(root)}
        pair = [_spawn(corpus, root, 60.0 if waiting else 0.0) for _ in range(2)]
        outputs = [p.communicate(timeout=120) for p in pair]
        codes = [p.returncode for p in pair]
        for (_, stderr), code in zip(outputs, codes, strict=True):
            assert "Traceback" not in stderr
            if code == 1:
                assert stderr.startswith(f"error: {root} is locked by build (pid ")
        if waiting:
            assert codes == [0, 0]
        else:
            assert sorted(codes) in ([0, 0], [0, 1])
            refused += codes.count(1)
        new_versions = {v.version for v in list_versions(root)} - before
        assert len(new_versions) == codes.count(0)
        assert live_version(root) == max(new_versions)
        _live_loads_and_next_build_succeeds(root, corpus)
    print(f"\n10 pairs of concurrent builds: {refused} refused at once by the lock, damaged 0")
