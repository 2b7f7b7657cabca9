"""The Dockerfile cannot be built here (no Docker engine), so it runs the Makefile's own
targets; these checks keep the two from drifting apart."""

from __future__ import annotations

import re

import pytest

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


def test_make_test_runs_every_test_once_over_its_two_passes() -> None:
    """`make test` runs `-m "not crash and not load"` on two processes, then `-m "crash or
    load"` alone: together every test, none twice (a third marker would fall in the first)."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\ntest: ", 1)[1].split("\n\n", 1)[0]
    passes = re.findall(r"pytest -q (.*)", recipe)
    assert passes == ['-n 2 --dist loadfile -m "not crash and not load"', '-m "crash or load"']


def test_tests_sharing_a_node_id_stop_a_run_on_two_processes_naming_them() -> None:
    from tests.conftest import pytest_xdist_node_collection_finished

    pytest_xdist_node_collection_finished(None, ["tests/a.py::one", "tests/a.py::two"])
    with pytest.raises(pytest.UsageError, match=r"pytest-xdist runs one: \['tests/a.py::one'\]; mark them `load`"):
        pytest_xdist_node_collection_finished(None, ["tests/a.py::one", "tests/a.py::two", "tests/a.py::one"])
