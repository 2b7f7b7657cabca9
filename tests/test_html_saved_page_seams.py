"""Saved Danish public pages where markup alone says where one unit or word ends: lines an
author broke with `<br>`, words in elements of their own, copies of a heading for another
screen width, bold questions over their answers, Bootstrap tabs, share bars and footnotes."""

from __future__ import annotations

from pathlib import Path

from qa.documents import read_document
from tests.html_pages import saved_page, units


def _read(tmp_path: Path, body: str) -> list[tuple[str, int, str]]:
    return units(read_document(saved_page(tmp_path, body)))


def test_lines_broken_with_br_are_entries_where_a_sentence_cannot_run_on(tmp_path: Path) -> None:
    # A kommune's opening hours and contact lines, each after a <br>, some starting in lower
    # case; a label splits only after a label or a sentence's end. Lines of hours in lower
    # case after no label run on (a date and its time, "1. juli 2025<br>kl. 12", too).
    assert _read(
        tmp_path,
        "<main><h1>Borgerservice</h1>"
        "<p>Mandag-torsdag: 10-15<br>fredag: 10-13</p>"
        "<p>man.-ons. kl. 10-14<br>tors. kl. 14-17.30<br>Tlf. 46 31 30 00<br>e-mail: post@roskilde.dk</p>"
        "<p>Ring til os.<br>tlf.: 46 31 30 00</p>"
        "<p>Du kan søge om fritagelse, hvis du<br>har en kognitiv funktionsnedsættelse.</p>"
        "<p>Vi har åbent fra kl. 10<br>til kl. 15.</p></main>",
    ) == [
        ("heading", 1, "Borgerservice"),
        ("paragraph", 0, "Mandag-torsdag: 10-15"),
        ("paragraph", 0, "fredag: 10-13"),
        ("paragraph", 0, "man.-ons. kl. 10-14 tors. kl. 14-17.30"),
        ("paragraph", 0, "Tlf. 46 31 30 00 e-mail: post@roskilde.dk"),
        ("paragraph", 0, "Ring til os."),
        ("paragraph", 0, "tlf.: 46 31 30 00"),
        ("paragraph", 0, "Du kan søge om fritagelse, hvis du har en kognitiv funktionsnedsættelse."),
        ("paragraph", 0, "Vi har åbent fra kl. 10 til kl. 15."),
    ]


def test_a_sentence_broken_with_br_before_a_time_or_a_label_stays_one_unit(tmp_path: Path) -> None:
    assert _read(
        tmp_path,
        "<main><h1>T</h1><p>Ansøgningen skal være modtaget senest 1. juli 2025<br>kl. 12</p>"
        "<p>Det er vigtigt at du husker<br>følgende: pas, kørekort og sygesikringskort.</p>"
        "<p>Prisen er 627 kr. for voksne fra 1. januar 2025<br>og 150 kr. for børn under 12</p>"
        "<ul><li>Senest 1. juli 2025<br>kl. 12</li></ul>"
        "<dl><dt>Frist</dt><dd>Senest 1. juli 2025<br>kl. 12</dd></dl></main>",
    ) == [
        ("heading", 1, "T"),
        ("paragraph", 0, "Ansøgningen skal være modtaget senest 1. juli 2025 kl. 12"),
        ("paragraph", 0, "Det er vigtigt at du husker følgende: pas, kørekort og sygesikringskort."),
        ("paragraph", 0, "Prisen er 627 kr. for voksne fra 1. januar 2025 og 150 kr. for børn under 12"),
        ("list_item", 0, "Senest 1. juli 2025 kl. 12"),
        ("table_row", 0, "Frist: Senest 1. juli 2025 kl. 12"),
    ]


def test_two_words_in_elements_of_their_own_are_read_apart_but_a_word_cut_by_markup_is_not(tmp_path: Path) -> None:
    # A heading with its date in a <small> right after the last word, a lower-case word
    # and a capital in two elements with no white space between them.
    assert _read(
        tmp_path,
        "<main><h2>Ansøg om boligstøtte<small>Opdateret 2024</small></h2>"
        "<p>Log på med<b>MitID</b> og se din <b>Nem</b>Konto i <b>e</b>Boks.</p>"
        '<p><span style="font-size:11pt">Ansøgnings</span><span>fristen er 1. juli.</span> '
        '<a href="/nk">NemKonto</a>en</p></main>',
    ) == [
        ("heading", 2, "Ansøg om boligstøtte Opdateret 2024"),
        ("paragraph", 0, "Log på med MitID og se din NemKonto i eBoks."),
        ("paragraph", 0, "Ansøgningsfristen er 1. juli. NemKontoen"),
    ]


def test_two_one_word_elements_meeting_without_space_are_one_word(tmp_path: Path) -> None:
    # Pieces of one word in elements of their own, as editors and Word exports write them.
    assert _read(
        tmp_path,
        "<main><h1>T</h1><p><span>Ansøgnings</span><span>fristen</span> er 1. juli.</p>"
        "<p><span>CPR</span><span>-nummer</span> på <span>borger</span><span>.dk</span></p>"
        "<p class=MsoNormal><span lang=DA>Du skal søge om </span><span class=SpellE><span lang=DA>bolig</span></span>"
        "<span lang=DA>støtte</span><span lang=DA> i tide.</span></p></main>",
    ) == [
        ("heading", 1, "T"),
        ("paragraph", 0, "Ansøgningsfristen er 1. juli."),
        ("paragraph", 0, "CPR-nummer på borger.dk"),
        ("paragraph", 0, "Du skal søge om boligstøtte i tide."),
    ]


def test_a_copy_of_a_heading_for_another_screen_width_is_read_once_but_lines_alike_are_kept(tmp_path: Path) -> None:
    # Bootstrap's display classes show one copy on phones and the other on wider screens.
    assert _read(
        tmp_path,
        '<main><h1 class="d-md-none">Pas</h1><h1 class="d-none d-md-block">Pas</h1>'
        '<p>Et pas koster 818 kr.</p><p class="d-md-none">Ring på 7020 0000.</p>'
        '<p class="d-none d-md-block">Ring på  7020 0000.</p>'
        "<table><tr><th>Gebyr</th></tr><tr><td>100 kr.</td></tr><tr><td>100 kr.</td></tr></table></main>",
    ) == [
        ("heading", 1, "Pas"),
        ("paragraph", 0, "Et pas koster 818 kr."),
        ("paragraph", 0, "Ring på 7020 0000."),
        ("paragraph", 0, "Ring på 7020 0000."),
        ("table_header", 0, "Gebyr"),
        ("table_row", 0, "Gebyr: 100 kr."),
        ("table_row", 0, "Gebyr: 100 kr."),
    ]


def test_repeated_answers_in_a_grid_and_repeated_steps_are_all_read(tmp_path: Path) -> None:
    assert _read(
        tmp_path,
        "<main><h1>Sammenlign</h1><div class=row><div>Log på</div><div>Ja</div><div>Ja</div></div>"
        "<ul><li>Udfyld siden</li><li>Klik på Næste</li><li>Klik på Næste</li><li>Godkend</li></ul></main>",
    ) == [
        ("heading", 1, "Sammenlign"),
        ("paragraph", 0, "Log på"),
        ("paragraph", 0, "Ja"),
        ("paragraph", 0, "Ja"),
        ("list_item", 0, "Udfyld siden"),
        ("list_item", 0, "Klik på Næste"),
        ("list_item", 0, "Klik på Næste"),
        ("list_item", 0, "Godkend"),
    ]


def test_a_bold_question_over_its_answer_is_a_heading_but_bold_text_in_a_sentence_is_not(tmp_path: Path) -> None:
    # A kommune's FAQ written in the editor as bold paragraphs, not as headings.
    assert _read(
        tmp_path,
        "<main><h1>Hjemmehjælp</h1><h2>Spørgsmål og svar</h2>"
        "<p><strong>Hvem kan få hjemmehjælp?</strong></p><p>Alle, der ikke kan klare sig selv.</p>"
        "<p><b>Hvad koster det?</b></p><ul><li>Det er gratis.</li></ul>"
        "<p>Kan du <strong>altid klage?</strong> Ja, skriv til os.</p>"
        "<p><strong>Har du spørgsmål?</strong></p><p><strong>Ring til os.</strong></p>"
        "<p><strong>Er du i tvivl?</strong></p><p>Hvad gør jeg så?</p></main>",
    ) == [
        ("heading", 1, "Hjemmehjælp"),
        ("heading", 2, "Spørgsmål og svar"),
        ("heading", 3, "Hvem kan få hjemmehjælp?"),
        ("paragraph", 0, "Alle, der ikke kan klare sig selv."),
        ("heading", 3, "Hvad koster det?"),
        ("list_item", 0, "Det er gratis."),
        ("paragraph", 0, "Kan du altid klage? Ja, skriv til os."),
        ("heading", 3, "Har du spørgsmål?"),
        ("paragraph", 0, "Ring til os."),
        ("paragraph", 0, "Er du i tvivl?"),
        ("paragraph", 0, "Hvad gør jeg så?"),
    ]


def test_bootstrap_tabs_and_collapses_without_aria_label_the_panes_their_links_name(tmp_path: Path) -> None:
    # Bootstrap 3 and 5 markup as a CMS writes it: no role or aria-controls, a pane
    # hidden with an inline style until its tab is clicked.
    assert _read(
        tmp_path,
        '<main><h1>Pas</h1><ul class="nav nav-tabs">'
        '<li class="active"><a href="#a1" data-toggle="tab">Priser</a></li>'
        '<li><a href="#a2" data-bs-toggle="pill">Frister</a></li></ul>'
        '<div class="tab-content"><div class="tab-pane active" id="a1"><p>Et pas koster 818 kr.</p></div>'
        '<div class="tab-pane" id="a2" style="display:none"><p>Fristen er 1. maj.</p></div></div>'
        '<h2 class="panel-title"><a data-toggle="collapse" href="#c1">Hvad med børn?</a></h2>'
        '<div id="c1" class="collapse" style="display: none"><p>Børn betaler 150 kr.</p></div>'
        '<p>Se <a href="#a1">priserne</a>.</p></main>',
    ) == [
        ("heading", 1, "Pas"),
        ("heading", 2, "Priser"),
        ("paragraph", 0, "Et pas koster 818 kr."),
        ("heading", 2, "Frister"),
        ("paragraph", 0, "Fristen er 1. maj."),
        ("heading", 2, "Hvad med børn?"),
        ("paragraph", 0, "Børn betaler 150 kr."),
        ("paragraph", 0, "Se priserne."),
    ]


def test_a_share_bar_of_links_to_social_networks_share_endpoints_stays_out(tmp_path: Path) -> None:
    # No class names it: only the links' targets say it shares the page.
    assert _read(
        tmp_path,
        "<main><h1>Affald</h1><p>Tøm skraldespanden hver uge.</p>"
        '<div><span>Del:</span><a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a> '
        '<a href="https://www.linkedin.com/shareArticle?mini=true&url=x">LinkedIn</a></div>'
        '<p>Følg os på <a href="https://www.facebook.com/kommunen">Facebook</a>.</p></main>',
    ) == [
        ("heading", 1, "Affald"),
        ("paragraph", 0, "Tøm skraldespanden hver uge."),
        ("paragraph", 0, "Følg os på Facebook."),
    ]


def test_whatsapp_click_to_chat_links_are_contact_not_a_share_bar(tmp_path: Path) -> None:
    assert _read(
        tmp_path,
        '<main><h1>Kontakt</h1><p>Skriv til os på WhatsApp: <a href="https://wa.me/4512345678">12 34 56 78</a></p>'
        '<div><h3>WhatsApp</h3><a href="https://api.whatsapp.com/send?phone=4512345678">+45 12 34 56 78</a></div>'
        '<div><span>Del:</span><a href="https://wa.me/?text=https%3A%2F%2Fx.dk">WhatsApp</a></div>'
        "<p>Åbent alle dage</p></main>",
    ) == [
        ("heading", 1, "Kontakt"),
        ("paragraph", 0, "Skriv til os på WhatsApp: 12 34 56 78"),
        ("heading", 3, "WhatsApp"),
        ("paragraph", 0, "+45 12 34 56 78"),
        ("paragraph", 0, "Åbent alle dage"),
    ]
