"""``make release``: each placeholder stops it with its own Swedish message before anything
is built; with real values (fixtures, never the region's data) it builds the site, and
the region's details reach Om webbplatsen and the accessibility statement."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, copy_project

#: stand-ins for what the region fills in (the .test domain is reserved for tests)
REAL = {
    "site_url": "https://vard.fixtur.test/kronobarnsmodellen/",
    "publisher": "Fixturförvaltningen (testdata)",
    "report_error_address": "webbredaktion@fixtur.test",
    "assessed": "2027-01-15",
    "updated": "2027-01-20",
}
PLACEHOLDER_ADDRESS = "rapportera-fel@example.org"


def write_settings(project: Path, **values: str) -> None:
    """The project's mkdocs.yml with the region's details set to ``values`` (each empty
    unless given, the report address the placeholder unless given)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"report_error_address: {PLACEHOLDER_ADDRESS}\n" in text
    address = values.get("report_error_address", PLACEHOLDER_ADDRESS)
    text = text.replace(f"report_error_address: {PLACEHOLDER_ADDRESS}\n",
                        f"report_error_address: {address}\n")
    for key in ("publisher", "assessed", "updated"):
        line = re.search(rf"^(\s*){key}: \"\"$", text, re.M)
        assert line, f"mkdocs.yml har ingen rad '{key}: \"\"'"
        text = text.replace(line[0], f'{line[1]}{key}: "{values.get(key, "")}"')
    (project / "mkdocs.yml").write_text(text, encoding="utf-8")


def release(project: Path, site_url: str | None) -> subprocess.CompletedProcess[str]:
    """The command `make release` runs, in the copied project, with ``SITE_URL`` as given
    (None: not set at all)."""
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run(
        [sys.executable, "-m", "site_config.deploy.release"], cwd=project, capture_output=True,
        text=True, check=False, timeout=600,
        env={**env, "PYTHONPATH": str(project), "NO_MKDOCS_2_WARNING": "1"})


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_project(tmp_path_factory.mktemp("release"))


def test_make_release_sets_up_first_and_runs_the_release_command():
    # As from a shell: under `make test` the outer make's variables would make this one
    # say which directory it enters.
    outer = {"MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES"}
    steps = subprocess.run(["make", "-n", "--no-print-directory", "release"], cwd=ROOT,
                           capture_output=True, text=True, check=True,
                           env={k: v for k, v in os.environ.items() if k not in outer}
                           ).stdout.splitlines()
    assert steps == ["scripts/setup.sh", ".venv/bin/python -m site_config.deploy.release"]


#: (what is wrong, SITE_URL, the settings changed from the real ones, words of its message)
PLACEHOLDERS = [
    ("no SITE_URL", None, {}, "SITE_URL saknas"),
    ("empty SITE_URL", "", {}, "SITE_URL saknas"),
    ("localhost", "http://localhost:8000/", {}, "SITE_URL pekar på den egna datorn"),
    ("127.0.0.1", "http://127.0.0.1:8000/", {}, "SITE_URL pekar på den egna datorn"),
    ("placeholder address", REAL["site_url"], {"report_error_address": PLACEHOLDER_ADDRESS},
     f"extra.report_error_address är fortfarande platshållaren {PLACEHOLDER_ADDRESS}"),
    ("no publisher", REAL["site_url"], {"publisher": ""}, "extra.publisher är inte ifylld"),
    ("no assessment date", REAL["site_url"], {"assessed": ""},
     "extra.accessibility_statement.assessed är inte ifylld"),
    ("no update date", REAL["site_url"], {"updated": ""},
     "extra.accessibility_statement.updated är inte ifylld"),
]


@pytest.mark.parametrize(("case", "site_url", "changed", "message"), PLACEHOLDERS,
                         ids=[case[0] for case in PLACEHOLDERS])
def test_release_refuses_each_placeholder_with_its_message_and_builds_nothing(
        project, case, site_url, changed, message):
    settings = {k: v for k, v in REAL.items() if k != "site_url"}
    write_settings(project, **{**settings, **changed})
    result = release(project, site_url)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Webbplatsen byggdes inte för publicering: 1 problem." in result.stderr
    assert message in result.stderr
    assert not (project / "site").exists()


def test_release_names_every_problem_at_once(project):
    write_settings(project)
    result = release(project, None)
    assert result.returncode == 1
    assert "5 problem" in result.stderr
    for _, _, _, message in [PLACEHOLDERS[0], *PLACEHOLDERS[4:]]:
        assert message in result.stderr
    assert not (project / "site").exists()


def test_release_builds_with_real_values_and_says_where_the_nginx_config_comes_from(project):
    write_settings(project, **{k: v for k, v in REAL.items() if k != "site_url"})
    result = release(project, REAL["site_url"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "python -m site_config.deploy.nginx" in result.stdout
    assert "site_config/deploy/nginx/snippet.conf.in" in result.stdout
    assert "VARNING" not in result.stderr
    site = project / "site"
    statement = (site / "om-webbplatsen" / "tillganglighet" / "index.html").read_text("utf-8")
    about = (site / "om-webbplatsen" / "index.html").read_text("utf-8")
    for html in (statement, about):
        assert "uppgift saknas" not in html and "kb-region-missing" not in html
        assert REAL["publisher"] in html
        assert f'<a href="mailto:{REAL["report_error_address"]}">' in html
    assert f"gjordes {REAL['assessed']}." in statement
    assert f"senast {REAL['updated']}." in statement
    # The public address, not the builder's, in the link catalogue and on the cards.
    links = (site / "beslutsstod" / "lankar" / "index.html").read_text("utf-8")
    assert "kb-links__local" not in links and "127.0.0.1" not in links
    assert f"{REAL['site_url']}beslutsstod/ansvarig/?" in links
    card = (site / "beslutsstod" / "ansvarig" / "kort" / "index.html").read_text("utf-8")
    assert f'data-url="{REAL["site_url"]}beslutsstod/ansvarig/"' in card


def test_a_build_without_site_url_warns_above_the_link_catalogue(site_dir):
    """As the wall cards do: on screen and on paper (print.css hides no such paragraph),
    above the first list, and not in the search index. The release build above has none."""
    html = (site_dir / "beslutsstod" / "lankar" / "index.html").read_text("utf-8")
    warning = html.index('<p class="kb-card__local kb-links__local" data-search-exclude>')
    assert warning < html.index('class="kb-link-table"')
    assert "byggdes utan sin publika adress (SITE_URL)" in html[warning:warning + 400]
    print_css = (site_dir / "assets" / "site-print.css").read_text("utf-8")
    # Styled for paper (cards.css), never left out of it.
    rules = re.findall(r"([^{}]*)\{([^{}]*)\}", print_css)
    assert any("kb-card__local" in selector for selector, _ in rules)
    for selector, body in rules:
        if "kb-card__local" in selector or "kb-links__local" in selector:
            assert not re.search(r"display:\s*none|visibility:\s*hidden", body), selector
