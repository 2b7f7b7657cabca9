"""Every setting is documented in the README (as datasette does for its settings)."""

from __future__ import annotations

import re

from qa.settings import Settings
from tests.conftest import ROOT


def test_every_setting_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `(QA_[A-Z_]+)` \|", readme, flags=re.M))
    expected = {f"QA_{name.upper()}" for name in Settings.model_fields}
    assert documented == expected


def test_cors_origins_are_read_as_a_comma_separated_list(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("QA_CORS_ORIGINS", "https://www.borger.dk, http://127.0.0.1:9000/")
    assert Settings().cors_origins == ["https://www.borger.dk", "http://127.0.0.1:9000"]
