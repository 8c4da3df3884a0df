"""The build object without any generator: ``SiteBuild`` loads and checks the content,
gives the nav and the pages it writes as plain data, expands a widget page's Markdown and
finishes (part of) a site folder, with no generator (it imports none:
tests/unit/test_import_layers.py). A fault stops it with the very text the editors' check
prints for the same fault."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from decision_logic import ContentError
from decision_logic.toolchain.content import editor_message
from site_config.build.site_build import BuildStopped, SiteBuild, site_url_for
from site_config.content.load import page_source
from site_config.content.manifest import load_manifest
from site_config.editors.command import main as check_command
from tests.conftest import ROOT, copy_project

URL = "https://example.org/kb/"


@pytest.fixture(scope="module")
def build() -> SiteBuild:
    warnings: list[str] = []
    site = SiteBuild(ROOT, site_url=URL, site_name="Kronobarnsmodellen", warn=warnings.append)
    site.load()
    # The placeholder report address of mkdocs.yml is a warning, not a stop.
    assert any("report_error_address" in w for w in warnings), warnings
    return site


def _docs_pages() -> list[str]:
    return sorted(p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md"))


def test_the_nav_is_the_manifest_s_as_plain_data(build):
    manifest = load_manifest()
    nav = build.nav()
    assert nav[0] == "index.md"
    sections = {title: pages for item in nav if isinstance(item, dict)
                for title, pages in item.items()}
    assert "beslutsstod/ansvarig.md" in [p for pages in sections.values() for p in pages]
    flat = [p for item in nav for p in ([item] if isinstance(item, str)
                                        else next(iter(item.values())))]
    assert flat == [p.src for p in manifest.pages if p not in manifest.footer]
    assert build.footer_sources() == ["om-webbplatsen/index.md",
                                      "om-webbplatsen/tillganglighet.md"]
    extra = build.config_extra()
    assert extra["report_error_address"] == "rapportera-fel@example.org"
    assert len(extra["content_version"]) == 8
    assert set(extra["status"]) == {"utkast", "andrad"}


def test_the_generated_pages_and_the_titles(build, catalog):
    pages = {page.src: page.markdown for page in build.generated_pages(_docs_pages())}
    table = catalog.table("ansvarig")
    assert pages["beslutsstod/ansvarig.md"].startswith(f"# {table.title}\n")
    assert "<!-- kb:widget ansvarig -->" in pages["beslutsstod/ansvarig.md"]
    assert "<!-- kb:kort ansvarig -->" in pages["beslutsstod/ansvarig/kort.md"]
    # A page written by hand (docs/beslutsstod/skicka-inbjudan.md) is not written again.
    assert "beslutsstod/skicka-inbjudan.md" not in pages
    assert build.page_titles["beslutsstod/ansvarig/"] == table.title
    assert build.page_titles["rutiner/samverkan/"] == (
        "Förtydligande kring samverkan inom Kronobarnsmodellen")
    # A heading's attribute list ("Titel { #ankare }") is not part of its title.
    assert not any("{" in title for title in build.page_titles.values())


def test_a_page_outside_the_manifest_stops_the_build(build):
    with pytest.raises(BuildStopped) as stop:
        build.generated_pages([*_docs_pages(), "extra.md"])
    assert stop.value.messages[0].startswith("site_config/site.yaml:")
    assert "docs/extra.md finns inte i menyn" in stop.value.messages[0]
    assert "\n  Tips: " in stop.value.messages[0]


def test_a_widget_page_expands_into_its_form_and_meta(build, catalog):
    markdown = next(page.markdown for page in build.generated_pages(_docs_pages())
                    if page.src == "beslutsstod/ansvarig.md")
    page = build.expand_page(markdown, "beslutsstod/ansvarig.md")
    assert "<!-- kb:" not in page.markdown
    assert re.search(r'<form [^>]*data-widget="ansvarig"', page.markdown)
    first_question = catalog.table("ansvarig").questions[0]
    assert f'name="{first_question.id}"' in page.markdown
    # The runtime's files, relative to the page.
    assert 'data-worker="../../assets/widget/worker.mjs"' in page.markdown
    assert page.meta["kb_assets"].first == ("widget/widget.js",)
    assert page.meta.get("status") in {"utkast", "andrad", None}
    plain = build.expand_page("# Ordlista\n\n<!-- kb:ordlista -->\n", "ordlista.md")
    assert plain.meta["kb_assets"].scripts == () and "<dl" in plain.markdown


def test_finishing_a_site_folder_writes_the_redirects_scripts_and_search(build, tmp_path):
    site = tmp_path / "site"
    (site / "search").mkdir(parents=True)
    # The generator's search index: here one document per page search_keywords.yaml names.
    locations = sorted({p.location for p in build.content.keywords.pages}  # type: ignore[union-attr]
                       | {"beslutsstod/ansvarig/"})
    (site / "search" / "search_index.json").write_text(json.dumps({
        "config": {"lang": ["sv"]},
        "docs": [{"location": loc, "title": loc or "Start", "text": ""} for loc in locations]}),
        encoding="utf-8")
    manifest = load_manifest()
    for redirect in manifest.redirects:  # the pages the generator wrote
        (site / redirect.new).mkdir(parents=True, exist_ok=True)
        (site / redirect.new / "index.html").write_text("<!doctype html>", encoding="utf-8")
    build.write_redirects(site)
    build.write_browser_files(site)
    build.enrich_search(site)
    for redirect in manifest.redirects:
        page = (site / redirect.old / "index.html").read_text(encoding="utf-8")
        assert '<meta name="robots" content="noindex">' in page
    assert '<a href="../ansvarig/">' in (
        site / "beslutsstod/bba/index.html").read_text(encoding="utf-8")
    assert "export const TEXT" in (site / "assets/widget/ui.js").read_text(encoding="utf-8")
    assert (site / build.context.assets.app_dir / "tables.json").is_file()
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    (doc,) = [d for d in index["docs"] if d["location"] == "beslutsstod/ansvarig/"]
    assert doc.get("keywords"), doc  # search_keywords.yaml's words for the page
    assert doc["boost"] > 1  # a decision support page weighs more than a plain page
    assert index["config"]["kb_terms"]  # the glossary's everyday names


def test_a_wrong_site_url_stops_with_the_swedish_message():
    with pytest.raises(BuildStopped) as stop:
        site_url_for("http://127.0.0.1:8000/", serving=False,
                     environ={"SITE_URL": "ftp://example.org/"})
    assert "SITE_URL" in stop.value.messages[0]
    assert site_url_for("http://127.0.0.1:8000/", serving=True,
                        environ={"SITE_URL": "ftp://example.org/"}) == "http://127.0.0.1:8000/"
    assert site_url_for("http://127.0.0.1:8000", False, {}) == "http://127.0.0.1:8000/"


def _check_output(project: Path, capsys) -> str:
    capsys.readouterr()
    assert check_command(["check", str(project / "decision_logic")]) == 1
    return capsys.readouterr().out


def test_the_build_stops_with_the_check_s_own_line_for_a_broken_table(tmp_path, capsys):
    """One formatter: the build's stop message for a misspelt outcome is, to the letter,
    the line the editors' check prints for it (file:line: key: message, then Tips)."""
    project = copy_project(tmp_path / "project")
    table = project / "decision_logic/tables/ansvarig.yaml"
    text = table.read_text(encoding="utf-8")
    assert "outcome: rektor-skolan\n" in text
    table.write_text(text.replace("outcome: rektor-skolan\n", "outcome: rektor-skola\n", 1),
                     encoding="utf-8")
    with pytest.raises(BuildStopped) as stop:
        SiteBuild(project, site_url=URL, warn=lambda line: None).load()
    (message,) = stop.value.messages
    assert "decision_logic/tables/ansvarig.yaml:" in message.partition(": ")[0]
    assert ": rules[" in message and "rektor-skola" in message
    assert "\n  Tips: " in message
    # The check prints its faults first, then its summary.
    assert _check_output(project, capsys).startswith(f"{message}\n")


def test_a_fault_met_while_expanding_is_printed_as_the_check_prints_it(build, tmp_path, capsys):
    """A marker the check refuses in a page stops the build's expansion of that page with
    the same text (the build's guard used to print it its own way, without the hint)."""
    text = (ROOT / "docs/ordlista.md").read_text(encoding="utf-8")
    text += "\n<!-- kb:widget finns-inte -->\n"
    source = page_source("ordlista.md", text)
    with pytest.raises(BuildStopped) as stop:
        build.expand_page(source.markdown, "ordlista.md", meta=source.meta)
    (message,) = stop.value.messages
    assert "finns-inte" in message and "\n  Tips: " in message
    project = copy_project(tmp_path / "project")
    (project / "docs/ordlista.md").write_text(text, encoding="utf-8")
    assert _check_output(project, capsys).startswith(f"{message}\n")


def test_the_one_formatter():
    error = ContentError("docs/x.md", "nav", 3, "fel", hint="gör så här")
    assert editor_message(error) == "docs/x.md:3: nav: fel\n  Tips: gör så här"


def test_the_mkdocs_adapter_starts_every_build_from_nothing(monkeypatch, capsys):
    """``mkdocs serve`` keeps the plugin between rebuilds: each ``on_config`` makes a new
    build, and one that stops leaves nothing of the last behind."""
    from mkdocs.exceptions import Abort

    from site_config.build.mkdocs_plugin import SitePlugin

    plugin = SitePlugin(ROOT)
    plugin.on_startup(command="build", dirty=False)
    config = {"site_url": "http://127.0.0.1:8000/", "site_name": "Kronobarnsmodellen",
              "extra": {"report_error_address": "x@example.org"}}
    monkeypatch.setenv("SITE_URL", URL.removesuffix("/"))
    plugin.on_config(config)
    first = plugin.build
    assert config["site_url"] == URL and first.site_url == URL and not first.serving
    assert config["nav"] == first.nav()
    assert config["extra"]["report_error_address"] == "rapportera-fel@example.org"
    monkeypatch.setenv("SITE_URL", "ftp://example.org/")
    with pytest.raises(Abort, match="Bygget avbröts: 1 fel"):
        plugin.on_config(config)
    assert "SITE_URL" in capsys.readouterr().err
    assert plugin.site is None
