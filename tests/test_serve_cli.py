"""`qa serve`: the uvicorn options it passes (workers, limits, logging), without serving."""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import qa.cli
from qa.settings import get_settings


@pytest.fixture()
def uvicorn_calls(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    from api import supervisor

    calls: list[dict[str, Any]] = []

    def fake_run(app: str, **options: Any) -> None:
        calls.append({"app": app, "metrics_dir": os.environ.get("PROMETHEUS_MULTIPROC_DIR"), **options})

    monkeypatch.setattr(supervisor, "serve", fake_run)  # uvicorn.run, or its supervisor over workers
    monkeypatch.setattr(qa.cli, "port_problem", lambda host, port: None)  # no real port is bound here
    monkeypatch.delenv("PROMETHEUS_MULTIPROC_DIR", raising=False)
    monkeypatch.setenv("QA_ALLOWED_HOSTS", "hjaelp.example")
    monkeypatch.setenv("QA_FORWARDED_ALLOW_IPS", "10.0.0.1")
    get_settings.cache_clear()
    yield calls
    get_settings.cache_clear()


def test_serve_starts_the_workers_asked_for_with_the_limits_and_logging(uvicorn_calls: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(qa.cli.app, ["serve", "--workers", "3", "--port", "8107"])
    assert result.exit_code == 0, result.output
    (call,) = uvicorn_calls
    assert call["app"] == "api.app:app"
    assert (call["workers"], call["port"], call["host"]) == (3, 8107, "127.0.0.1")
    assert call["access_log"] is False
    assert call["http"] == "api.server:HeaderTimeoutH11Protocol"
    # The app answers an oversized head with a JSON 431 (api.limits); h11 stops twice that.
    assert call["h11_max_incomplete_event_size"] == 2 * 16384
    assert (call["timeout_keep_alive"], call["limit_concurrency"]) == (10, 200)
    assert call["proxy_headers"] is True and call["forwarded_allow_ips"] == "10.0.0.1"
    assert call["timeout_worker_healthcheck"] == 120
    handler = call["log_config"]["handlers"]["default"]
    assert handler["filters"] == ["context", "redact"]
    # Several workers share their metrics through a folder that is removed afterwards.
    assert call["metrics_dir"] is not None and not Path(call["metrics_dir"]).exists()
    assert "PROMETHEUS_MULTIPROC_DIR" not in os.environ


def test_serve_defaults_to_one_worker_per_core(uvicorn_calls: list[dict[str, Any]]) -> None:
    assert CliRunner().invoke(qa.cli.app, ["serve"]).exit_code == 0
    assert uvicorn_calls[0]["workers"] == max(1, (os.cpu_count() or 1) // 2)


def test_serve_refuses_zero_workers(uvicorn_calls: list[dict[str, Any]]) -> None:
    result = CliRunner().invoke(qa.cli.app, ["serve", "--workers", "0"])
    assert result.exit_code == 2 and uvicorn_calls == []


@pytest.mark.parametrize(
    ("variable", "value", "line"),
    [
        (
            "QA_PORT",
            "abc",
            "error: QA_PORT='abc': Input should be a valid integer, unable to parse string as an integer "
            "(see the settings table in README)",
        ),
        (
            "QA_EVAL_TOLERANCE",
            "5",
            "error: QA_EVAL_TOLERANCE='5': Input should be less than or equal to 1 (see the settings table in README)",
        ),
    ],
)
def test_a_bad_setting_is_one_line_naming_the_variable_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, line: str
) -> None:
    monkeypatch.setenv(variable, value)
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(qa.cli.app, ["index", "list"])
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 2
    assert result.output.strip() == line
    assert result.exception is None or isinstance(result.exception, SystemExit)


TOP_K_RANGE = (
    "Value error, must be 5 to 20: at least 5, the default top_k and what the help widget asks, and at most 20, the "
    "HTTP contract's largest top_k, which this setting may only lower (see the settings table in README)"
)
QUESTION_RANGE = (
    "Value error, must be 1 to 1000: the HTTP contract takes questions of up to 1000 characters, and this setting "
    "may only lower that (see the settings table in README)"
)


@pytest.mark.parametrize(
    ("variable", "value", "line"),
    [
        (
            "QA_MAX_TOP_K",
            "3",
            "error: QA_MAX_TOP_K='3': " + TOP_K_RANGE,
        ),
        (
            "QA_MAX_TOP_K",
            "21",
            "error: QA_MAX_TOP_K='21': " + TOP_K_RANGE,
        ),
        (
            "QA_MAX_QUESTION_CHARS",
            "1001",
            "error: QA_MAX_QUESTION_CHARS='1001': " + QUESTION_RANGE,
        ),
        (
            "QA_MAX_QUESTION_CHARS",
            "0",
            "error: QA_MAX_QUESTION_CHARS='0': " + QUESTION_RANGE,
        ),
        (
            "QA_LOG_LEVEL",
            "bogus",
            "error: QA_LOG_LEVEL='BOGUS': Input should be 'CRITICAL', 'ERROR', 'WARNING', 'INFO' or 'DEBUG' "
            "(see the settings table in README)",
        ),
    ],
)
def test_a_setting_that_would_break_serving_is_refused_before_it_starts(
    monkeypatch: pytest.MonkeyPatch, uvicorn_calls: list[dict[str, Any]], variable: str, value: str, line: str
) -> None:
    # Below 5 every request without top_k, and every question of the help widget, got 422;
    # above the contract's 20 passages or 1000 characters the setting was taken but /ask
    # refused what it allowed; a bad level crashed `qa serve` alone, in uvicorn's logging set-up.
    monkeypatch.setenv(variable, value)
    get_settings.cache_clear()
    result = CliRunner().invoke(qa.cli.app, ["serve"])
    assert result.exit_code == 2 and uvicorn_calls == []
    assert result.output.strip() == line


def test_the_log_level_is_read_in_any_case(
    monkeypatch: pytest.MonkeyPatch, uvicorn_calls: list[dict[str, Any]]
) -> None:
    monkeypatch.setenv("QA_LOG_LEVEL", " warning")
    get_settings.cache_clear()
    assert CliRunner().invoke(qa.cli.app, ["serve"]).exit_code == 0
    assert uvicorn_calls[0]["log_level"] == "warning"


@pytest.mark.parametrize("port", ["70000", "99999"])
def test_an_option_is_checked_as_its_setting_is_and_named_as_the_option(
    uvicorn_calls: list[dict[str, Any]], port: str
) -> None:
    # `--port 70000` went past the check QA_PORT gets, and uvicorn served on another port;
    # then the refusal named QA_PORT, which the user had not set.
    result = CliRunner().invoke(qa.cli.app, ["serve", "--port", port])
    assert result.exit_code == 2 and uvicorn_calls == []
    assert result.output == f"error: --port {port}: Input should be less than or equal to 65535\n"


def test_serve_on_a_port_in_use_ends_with_one_error_line_before_loading_anything(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from api import supervisor

    monkeypatch.setattr(supervisor, "serve", lambda *args, **kwargs: pytest.fail("uvicorn started"))
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        get_settings.cache_clear()
        result = CliRunner().invoke(qa.cli.app, ["serve", "--port", str(port)])
    get_settings.cache_clear()
    assert (result.exit_code, result.output) == (
        1,
        f"error: cannot listen on 127.0.0.1:{port} (Address already in use): stop what listens there, "
        "or give another --port (QA_PORT)\n",
    )
