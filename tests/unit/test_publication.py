"""What only the region fills in (mkdocs.yml, extra) and what a public build may not carry:
read and checked without a build (site_config.content.load, site_config.content.publication)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from decision_logic import ContentError
from site_config.content.load import Settings, load_settings
from site_config.content.manifest import parse_manifest
from site_config.content.publication import (
    ASSESSED,
    PUBLISHER,
    REPORT_ADDRESS,
    UPDATED,
    missing_region_data,
    site_url_problem,
)

REAL = Settings(report_error_address="webbredaktion@fixtur.test", publisher="Fixturförvaltningen",
                statement_assessed=dt.date(2027, 1, 15), statement_updated=dt.date(2027, 1, 20))


def settings_file(tmp_path, extra: str):
    path = tmp_path / "mkdocs.yml"
    path.write_text("site_name: x\nsite_url: !ENV [SITE_URL, \"http://127.0.0.1:8000/\"]\n"
                    f"extra:\n  report_error_address: a@fixtur.test\n{extra}", encoding="utf-8")
    return path


def test_the_details_are_read_from_mkdocs_yml(tmp_path):
    settings = load_settings(settings_file(
        tmp_path, '  publisher: " Fixturförvaltningen "\n  accessibility_statement:\n'
                  "    assessed: 2027-01-15\n    updated: \"2027-01-20\"\n"))
    assert settings.publisher == "Fixturförvaltningen"
    assert settings.statement_assessed == dt.date(2027, 1, 15)
    assert settings.statement_updated == dt.date(2027, 1, 20)
    assert missing_region_data(settings) == []


def test_empty_details_are_missing_not_errors(tmp_path):
    settings = load_settings(settings_file(
        tmp_path, '  publisher: ""\n  accessibility_statement:\n    assessed: ""\n'
                  "    updated:\n"))
    assert missing_region_data(settings) == [PUBLISHER, ASSESSED, UPDATED]


def test_a_date_that_is_not_a_date_names_the_key(tmp_path):
    with pytest.raises(ContentError) as error:
        load_settings(settings_file(tmp_path, "  accessibility_statement:\n"
                                              "    assessed: i januari\n"))
    assert "extra.accessibility_statement.assessed" in str(error.value)
    assert "2027-01-15" in str(error.value)


@pytest.mark.parametrize("address", ["rapportera-fel@example.org", "x@example.com",
                                     "fel@region.invalid"])
def test_a_placeholder_report_address_is_missing(address):
    settings = dataclasses.replace(REAL, report_error_address=address)
    assert missing_region_data(settings) == [REPORT_ADDRESS]


@pytest.mark.parametrize("site_url", [None, "", "  ", "http://127.0.0.1:8000/",
                                      "http://localhost/", "http://127.0.1.1/x/"])
def test_no_public_address_is_a_problem(site_url):
    assert site_url_problem(site_url)


def test_a_public_address_is_not_a_problem():
    assert site_url_problem("https://vard.fixtur.test/kronobarnsmodellen/") is None


def test_the_footer_holds_ordinary_pages_only():
    nav = [{"page": "index.md"}]
    manifest = parse_manifest({"nav": nav, "rule_map": "index.md",
                               "footer": [{"page": "om/index.md"}]}, "site.yaml", lambda _: None)
    assert [p.src for p in manifest.footer] == ["om/index.md"]
    assert [p.src for p in manifest.pages] == ["index.md", "om/index.md"]
    assert manifest.mkdocs_nav() == ["index.md"]
    with pytest.raises(ContentError, match="sidfoten länkar bara till vanliga sidor"):
        parse_manifest({"nav": nav, "rule_map": "index.md", "footer": [{"table": "ansvarig"}]},
                       "site.yaml", lambda _: None)
    with pytest.raises(ContentError, match="står redan"):
        parse_manifest({"nav": nav, "rule_map": "index.md", "footer": [{"page": "index.md"}]},
                       "site.yaml", lambda _: None)
