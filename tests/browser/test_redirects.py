"""Old addresses keep working: each redirect is followed in the browser, with the query
(the widget's answers) and the anchor kept."""

from __future__ import annotations

import pytest

from site_config.content.manifest import load_manifest

REDIRECTS = load_manifest().redirects


@pytest.mark.parametrize("redirect", REDIRECTS, ids=[r.old for r in REDIRECTS])
def test_an_old_address_leads_to_the_new_page_keeping_query_and_anchor(page, site_url,
                                                                      redirect):
    page.goto(f"{site_url}{redirect.old}?fran=gammal-lank#r1")
    page.wait_for_url(f"{site_url}{redirect.new}?fran=gammal-lank#r1")
    assert page.locator("h1").first.is_visible()


def test_an_old_widget_link_still_opens_the_widget_with_its_answers(page, site_url):
    page.goto(f"{site_url}beslutsstod/bba/?skede=skola")
    page.wait_for_selector('form[data-widget="ansvarig"][data-state]')
    assert page.get_attribute('[data-role="result"]', "data-outcome") == "rektor-skolan"
