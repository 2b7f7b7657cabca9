"""Property-based fuzzing of the whole HTTP API from its OpenAPI document (schemathesis).

Every operation, positive and negative data, all of schemathesis' built-in checks (no
server errors, status codes and headers and bodies as documented, invalid data refused,
valid data accepted). Bounded: a fixed number of examples per operation, no shrinking
deadline, the fake embedder.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from api.app import create_app
from qa.documents import read_corpus
from qa.engine import QAEngine
from qa.index import build, load_live_index
from tests.conftest import CORPUS
from tests.fakes import FakeEmbedder, app_settings


def _app():  # type: ignore[no-untyped-def]
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="qa-schemathesis-"))
    embedder = FakeEmbedder()
    build(read_corpus(CORPUS).documents, embedder, root / "index")
    engine = QAEngine(load_live_index(root / "index", embedder.identity), embedder)
    app_config = app_settings(
        root / "index",
        root / "feedback.sqlite3",
        # Generated bodies can exceed the 16 kB limit; its 413 has tests of its own, and here
        # every oversized invalid body must still meet the validation layer's 422.
        max_body_bytes=10_000_000,
    )
    return create_app(app_config, engine=engine)


schema = schemathesis.openapi.from_asgi("/openapi.json", _app())


@pytest.mark.load
@schema.parametrize()
@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True, database=None)
def test_the_api_holds_against_generated_requests(case: schemathesis.Case) -> None:
    case.call_and_validate()
