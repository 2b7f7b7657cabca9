"""A page's frame stays out of its text: <noscript> (in <head> or <body>), the site's
logo, a footer built of <div>s with its link list; and a title loses the site's name
after " | ", " – " or " - " (review finding 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.documents import Document, read_document
from qa.readers.html import page_title
from tests.html_pages import units

# A borger.dk page as it was saved before <main>: the whole body is read, so nothing but
# its structure tells the frame from the text.
BORGER_PAGE = """<!DOCTYPE html>
<html lang="da">
<head>
<meta charset="utf-8">
<title>Pas (side) | borger.dk</title>
<noscript><p class="noscript-warning">Du skal aktivere JavaScript for at bruge siden.</p>
<img src="https://track.example/p.gif" alt=""></noscript>
<link rel="canonical" href="https://www.borger.dk/familie-og-boern/pas">
<meta property="og:site_name" content="borger.dk">
</head>
<body>
<noscript><div class="alert">Din browser understøtter ikke JavaScript.</div></noscript>
<div class="site-header">
  <a class="site-header__logo" href="/"><span>borger.dk</span></a>
  <span id="logo-tagline">Din indgang til det offentlige</span>
</div>
<div class="content">
  <h1>Pas</h1>
  <p>Du kan bestille pas i din kommunes borgerservice.</p>
  <h2>Pris</h2>
  <p>Et pas til voksne koster 745 kr.</p>
</div>
<div class="site-footer">
  <ul class="site-footer__links">
    <li><a href="/om/tilgaengelighed">Tilgængelighedserklæring</a></li>
    <li><a href="/om/privatliv">Privatlivspolitik</a></li>
  </ul>
  <p>borger.dk drives af Digitaliseringsstyrelsen.</p>
</div>
</body>
</html>
"""

# A municipal page as older CMSs render it: no <main>, no <article>, everything in <div>s.
MUNICIPAL_PAGE = """<!DOCTYPE html>
<html lang="da">
<head><title>Storskrald – Eksempel Kommune</title>
<meta property="og:site_name" content="Eksempel Kommune"></head>
<body>
<div id="logo"><a href="/"><img src="/logo.png" alt="">Eksempel Kommune</a></div>
<div id="content">
  <h1>Storskrald</h1>
  <p>Storskrald hentes hver anden uge. Du skal tilmelde det senest fredagen før kl. 12.</p>
</div>
<div id="footer">
  <p>Tilgængelighedserklæring Privatlivspolitik</p>
  <p>Eksempel Kommune, Rådhuspladsen 1, 8000 Aarhus C</p>
</div>
<div role="contentinfo"><p>Cookies og statistik</p></div>
</body>
</html>
"""


def _read(path: Path, html: str) -> Document:
    path.write_text(html, encoding="utf-8")
    return read_document(path)


def test_noscript_logo_and_a_div_footer_stay_out_of_a_borger_page(tmp_path: Path) -> None:
    document = _read(tmp_path / "pas.html", BORGER_PAGE)
    assert units(document) == [
        ("heading", 1, "Pas"),
        ("paragraph", 0, "Du kan bestille pas i din kommunes borgerservice."),
        ("heading", 2, "Pris"),
        ("paragraph", 0, "Et pas til voksne koster 745 kr."),
    ]
    assert (document.title, document.source) == ("Pas (side)", "https://www.borger.dk/familie-og-boern/pas")


def test_a_municipal_page_without_main_loses_its_logo_and_footer(tmp_path: Path) -> None:
    document = _read(tmp_path / "storskrald.html", MUNICIPAL_PAGE)
    assert units(document) == [
        ("heading", 1, "Storskrald"),
        ("paragraph", 0, "Storskrald hentes hver anden uge. Du skal tilmelde det senest fredagen før kl. 12."),
    ]
    assert document.title == "Storskrald"


def test_a_footer_class_inside_main_is_the_content_s_own_footer(tmp_path: Path) -> None:
    document = _read(
        tmp_path / "side.html",
        '<html lang="da"><head><title>Side</title></head><body><main><h1>Boligstøtte</h1>'
        "<p>Du søger boligstøtte på borger.dk.</p>"
        '<div class="article-footer"><p>Senest opdateret 1. maj 2026</p></div></main>'
        '<div class="page-footer"><a href="/kontakt">Kontakt</a></div></body></html>',
    )
    assert units(document) == [
        ("heading", 1, "Boligstøtte"),
        ("paragraph", 0, "Du søger boligstøtte på borger.dk."),
        ("paragraph", 0, "Senest opdateret 1. maj 2026"),
    ]


def test_a_heading_anchored_logo_and_a_section_about_a_logo_inside_main_are_content(tmp_path: Path) -> None:
    # CMS table-of-contents plugins give headings ids made of their text.
    document = _read(
        tmp_path / "guide.html",
        '<html lang="da"><head><title>Designguide | nordby.dk</title></head><body><main><h1>Designguide</h1>'
        '<p>Her er reglerne.</p><h2 id="logo">Logo</h2><p>Logoet skal altid stå i øverste venstre hjørne.</p>'
        '<div class="logo-regler"><p>Logoet må ikke strækkes.</p></div></main></body></html>',
    )
    assert units(document) == [
        ("heading", 1, "Designguide"),
        ("paragraph", 0, "Her er reglerne."),
        ("heading", 2, "Logo"),
        ("paragraph", 0, "Logoet skal altid stå i øverste venstre hjørne."),
        ("paragraph", 0, "Logoet må ikke strækkes."),
    ]


@pytest.mark.parametrize(
    ("title", "site_name", "expected"),
    [
        ("Pas (side) | borger.dk", None, "Pas (side)"),
        ("Pas – ansøgning og fornyelse | borger.dk", None, "Pas – ansøgning og fornyelse"),
        ("Pas - www.borger.dk", None, "Pas"),
        ("Storskrald – Eksempel Kommune", "Eksempel Kommune", "Storskrald"),
        ("Storskrald - eksempel  kommune", "Eksempel Kommune", "Storskrald"),
        ("Moms – frister | Virk", "Virk", "Moms – frister"),
        ("Storskrald | Syddjurs Kommune", None, "Storskrald | Syddjurs Kommune"),
        ("Kontakt | Skattestyrelsen", "skat.dk", "Kontakt | Skattestyrelsen"),
        ("Ret og pligt - børn og unge", None, "Ret og pligt - børn og unge"),
        ("Frister 2025-2026", None, "Frister 2025-2026"),
        ("borger.dk", "borger.dk", "borger.dk"),
    ],
)
def test_a_title_loses_a_site_name_suffix_only_when_it_is_the_site_s_name_or_host(
    title: str, site_name: str | None, expected: str
) -> None:
    assert page_title(title, site_name) == expected
