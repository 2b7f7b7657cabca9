"""The Dockerfile cannot be built here (no Docker engine), so it runs the Makefile's own
targets; these checks keep the two from drifting apart."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_dockerfile_runs_only_makefile_targets_that_exist() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", makefile, flags=re.M))
    used = re.findall(r"(?:RUN|&&)\s+make ([a-z-]+)", dockerfile)
    assert used == ["install", "model", "build"]
    assert set(used) <= targets


def test_dockerfile_runs_as_non_root_with_a_readiness_health_check() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert dockerfile.count("FROM ") == 2
    assert "USER qa" in dockerfile
    assert "HEALTHCHECK" in dockerfile and "/readyz" in dockerfile
    assert "whl/cpu" in dockerfile  # CPU-only torch


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test " in readme and "make test\n" in ci
