"""Side boxes titled by a visit or the hours that are no content of their page, in a stop
63 reviewer's pages (`tests/fixtures/visit_boxes/`: International House, municipal and
library pages in WordPress, Bootstrap, Drupal and older table layouts). A change that read
such a box when it named the page's own site (its `og:site_name` or its title's suffix)
and held a digit, to read three testers' International House "Visit us" widgets (held-out
t150 and t153, page set zzzzd), read instead the site's own events ("Visit us at the Expat
Fair 2025"), a news teaser, a Facebook feed, a job ad ("Walk-in jobsamtaler"), holiday and
stale summer hours, a zoo's and a swimming bath's adverts on a site named by its town, and
a bare aside's news under "Besøg os", and answered questions from them that were withheld
before; it was taken out. The reader reads the page's main content and none of them."""

from __future__ import annotations

import pytest

from qa.documents import read_document
from tests.conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "visit_boxes"


@pytest.mark.parametrize(
    ("page", "title", "not_read"),
    [
        ("p01_ih_wp_events.html", "Tax card and tax return", ("Tax return workshop", "Expat Fair")),
        ("p02_kommune_bootstrap_news.html", "Pas", ("Indfødsretsudvalg", "julen")),
        ("p03_kommune_facebook_feed.html", "Storskrald", ("vandskade",)),
        ("p04_town_sitename_zoo.html", "Parkering i midtbyen", ("Zoo", "Svømmeland")),
        ("p05b_library_sidebar_div.html", "Lån e-bøger og lydbøger", ("Kulturnatten",)),
        ("p06_job_walkin.html", "Ledighedsydelse", ("sommerafløser",)),
        ("p07_ih_stale_summer.html", "Registration certificate for EU citizens", ("2023",)),
        ("p08_aside_no_wrappers.html", "Tolkebistand", ("Byrådet", "byrådet")),
    ],
)
def test_a_side_box_titled_by_a_visit_that_is_an_event_news_an_advert_or_stale_hours_is_not_read(
    page: str, title: str, not_read: tuple[str, ...]
) -> None:
    document = read_document(PAGES / page)
    assert document.title == title
    assert [text for text in not_read if text in document.text] == []
