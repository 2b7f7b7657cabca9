"""A table's caption right above its header row names the table and answers nothing: the
reader never offers it as an answer (`qa.reader.Reader.is_caption`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from qa.documents import read_corpus
from qa.engine import QAEngine
from qa.index import build, load_live_index

PAGE = """<!-- test data -->
<html lang="da"><head><title>Sygedagpenge</title></head><body><main>
<h1>Sygedagpenge</h1>
<p>Du kan få sygedagpenge, hvis du er syg og ikke kan arbejde.</p>
<h2>Satser og grænser</h2>
<table>
<caption>Satser for sygedagpenge fra 1. januar 2026</caption>
<thead><tr><th>Ydelse eller grænse</th><th>Beløb</th></tr></thead>
<tbody>
<tr><td>Højeste sygedagpengebeløb pr. uge (37 timer)</td><td>4.910 kr.</td></tr>
<tr><td>Højeste timesats</td><td>132,70 kr.</td></tr>
</tbody>
</table>
<p>Sygedagpengene beregnes ud fra din løn før sygdommen.</p>
</main></body></html>
"""


@pytest.mark.model
def test_a_caption_with_a_date_over_a_header_row_is_never_the_answer(tmp_path: Path, real_embedder: Any) -> None:
    # A stop 45 tester's page: "maximum sickness benefit per week 2026" was answered with
    # the table's `<caption>` "Satser for sygedagpenge fra 1. januar 2026" (a caption
    # with a figure other than a year was a unit of its own), not with the row under it.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sygedagpenge.html").write_text(PAGE, encoding="utf-8")
    build(read_corpus(corpus).documents, real_embedder, tmp_path / "index")
    engine = QAEngine(load_live_index(tmp_path / "index", real_embedder.identity), real_embedder)
    answer = engine.ask("maximum sickness benefit per week 2026", always_cite=True)
    assert answer.citations[0].quote == (
        "Ydelse eller grænse: Højeste sygedagpengebeløb pr. uge (37 timer); Beløb: 4.910 kr."
    )
