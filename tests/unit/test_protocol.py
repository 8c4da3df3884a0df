"""The protocol between pages, scripts, the Python worker and the service worker is
declared once, in site_config/protocol.yaml.

The scripts take it from the generated ``ui.js`` (``PROTOCOL``), the service worker has it
inlined, the renderers and the theme read it through ``site_config.content.protocol``.
These tests fail when a declared name is written out anywhere else, when a script uses a
name the file lacks, when a message is sent by one side and read by none (as
``store-failed`` once was), and when the file is broken.

What counts as written out: a name with a hyphen or another mark (``store-failed``,
``kb-python-snapshot``, ``data-widget``, ``?snapshot``) anywhere in a string of a script,
a Python module (docstrings and editors' messages aside, as in test_ui_text) or a theme
template; a plain word (``ready``, ``start``) only as a whole string in the scripts that
speak to a worker, since elsewhere the same words mean other things (``block: "start"``
for scrollIntoView); and a bridge call (``call("answer", …)``) in any script.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from decision_logic import ContentError
from decision_logic.toolchain.yaml_source import parse
from site_config.browser import scripts
from site_config.content.protocol import GROUPS, SOURCE, load_protocol, parse_protocol
from site_config.deploy import offline
from tests.conftest import ROOT
from tests.unit.test_ui_text import js_strings, python_strings

PROTOCOL = load_protocol()
SCRIPTS = sorted([*(ROOT / "docs/assets").rglob("*.js"), *(ROOT / "docs/assets").rglob("*.mjs"),
                  ROOT / "site_config/deploy/offline/sw.js"])
#: the scripts that send or read the workers' messages: here a plain word is a message
WORKER_SPEAKERS = {"worker.mjs", "runtime.js", "offline.js", "sw.js"}
PYTHON = sorted(p for p in (ROOT / "site_config").rglob("*.py") if "__pycache__" not in p.parts)
TEMPLATES = sorted((ROOT / "site_config/overrides").rglob("*.html"))

NAMES = {name for group in PROTOCOL.groups.values() for name in group.values()}
#: the caches' prefixes (kb-, kb-site-) begin CSS classes too: they count as a whole string
#: (the part of a template string before its ${…}), in every script
PREFIXES = {n for n in NAMES if n.endswith("-")}
#: names no other string is like
MARKED = {n for n in NAMES if re.search(r"[^a-z0-9_]", n)} - PREFIXES
PLAIN = NAMES - MARKED - PREFIXES
MARKED_RE = re.compile(r"(?<![\w-])(" + "|".join(
    re.escape(n) for n in sorted(MARKED, key=len, reverse=True)) + r")(?![\w-])")
#: an attribute's name made from something else than the declaration (``data-{name}``)
MADE_UP = re.compile(r"data-\$?\{")
BRIDGE_CALL = re.compile(r"\bcall\(\s*[\"'`](" + "|".join(PROTOCOL.groups["calls"].values())
                         + r")[\"'`]")


def offending_script(source: str, speaks_to_worker: bool) -> list[str]:
    problems = []
    for line, text in js_strings(source):
        problems += [f"{line}: {m[1]!r}" for m in MARKED_RE.finditer(text)]
        if text.endswith("data-"):  # the rest of the name after ${
            problems.append(f"{line}: {text!r} (an attribute's name made up)")
        if text in PREFIXES or (text in PLAIN and speaks_to_worker):
            problems.append(f"{line}: {text!r}")
    for match in BRIDGE_CALL.finditer(source):
        problems.append(f"{source.count(chr(10), 0, match.start()) + 1}: {match[0]!r}")
    return problems


def offending_python(path: Path) -> list[str]:
    problems = [f"{line}: {m[1]!r}" for line, text in python_strings(path)
                for m in MARKED_RE.finditer(text)]
    # an f-string's literal part "data-" before a {name}: ast gives it apart from the name
    problems += [f"{node.lineno}: f-string {ast.unparse(node)[:60]!r} (an attribute's name "
                 "made up)" for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
                 if isinstance(node, ast.JoinedStr) and MADE_UP.search(ast.unparse(node))]
    return problems


def offending_template(markup: str) -> list[str]:
    markup = re.sub(r"\{#.*?#\}", " ", markup, flags=re.DOTALL)  # the template's comments
    return [f"{markup.count(chr(10), 0, m.start()) + 1}: {m[1]!r}"
            for m in MARKED_RE.finditer(markup)]


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_scripts_write_no_protocol_name(path: Path) -> None:
    problems = offending_script(path.read_text(encoding="utf-8"), path.name in WORKER_SPEAKERS)
    assert not problems, (f"{path.name}: take these from PROTOCOL (./ui.js, {SOURCE}):\n"
                          + "\n".join(problems))


@pytest.mark.parametrize("path", PYTHON, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_python_writes_no_protocol_name(path: Path) -> None:
    problems = offending_python(path)
    assert not problems, (f"{path.name}: take these from site_config.content.protocol "
                          f"({SOURCE}):\n" + "\n".join(problems))


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_templates_write_no_protocol_name(path: Path) -> None:
    problems = offending_template(path.read_text(encoding="utf-8"))
    assert not problems, (f"{path.name}: write {{{{ ui.attribute('…') }}}} ({SOURCE}):\n"
                          + "\n".join(problems))


@pytest.mark.parametrize(("name", "planted", "speaks"), [
    ("worker.mjs", 'say({ type: "snapshot-settled", fate: "dropped" });', True),
    ("worker.mjs", 'if (data?.type === "ready") return;', True),
    ("worker.mjs", "const SNAPSHOTS = 'kb-python-snapshot';", True),
    ("offline.js", "const stale = caches.keys().then((k) => k.filter((n) => n.startsWith(`kb-`)));",
     True),
    ("widget.js", 'const forms = document.querySelectorAll("form[data-widget]");', False),
    ("widget.js", "const reply = await engine().call('answer', { table, answers });", False),
    ("sw.js", "const SITE = `kb-site-${OFFLINE.build}`;", True),
    ("runtime.js", "const url = (name) => element.getAttribute(`data-${name}`);", True),
])
def test_the_script_scan_catches_a_planted_literal(tmp_path: Path, name: str, planted: str,
                                                   speaks: bool) -> None:
    (real,) = [p for p in SCRIPTS if p.name == name]
    copy = tmp_path / name
    copy.write_text(real.read_text(encoding="utf-8") + "\n" + planted + "\n", encoding="utf-8")
    assert not offending_script(real.read_text(encoding="utf-8"), speaks)
    assert offending_script(copy.read_text(encoding="utf-8"), speaks), planted


def test_the_python_and_template_scans_catch_a_planted_literal(tmp_path: Path) -> None:
    real = ROOT / "site_config/render/html.py"
    copy = tmp_path / "html.py"
    copy.write_text(real.read_text(encoding="utf-8")
                    + "\nFORM = f'<form data-widget=\"{1}\">'\n", encoding="utf-8")
    assert not offending_python(real)
    assert offending_python(copy)
    made_up = tmp_path / "training.py"
    made_up.write_text("URLS = ' '.join(f'data-{k}=\"{v}\"' for k, v in {}.items())\n",
                       encoding="utf-8")
    assert offending_python(made_up)
    meta = tmp_path / "offline.py"
    meta.write_text('"""Doc: kb-build is fine here."""\nMETA = "kb-build"\n', encoding="utf-8")
    assert offending_python(meta) == ["2: 'kb-build'"]
    page = (ROOT / "site_config/overrides/404.html").read_text(encoding="utf-8")
    assert not offending_template(page)
    assert offending_template(page.replace('{{ ui.attribute("subject") }}', "data-subject"))


def script_uses(source: str) -> list[tuple[str, str]]:
    """Every ``PROTOCOL.group.key`` a script uses, also through an alias
    (``const MESSAGE = PROTOCOL.worker;`` … ``MESSAGE.ready``)."""
    used = re.findall(r"\bPROTOCOL\.(\w+)\.(\w+)", source)
    for alias, group in re.findall(r"const (\w+) = PROTOCOL\.(\w+);", source):
        used += [(group, key) for key in re.findall(rf"(?<![\w.]){alias}\.(\w+)", source)]
    return used


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_scripts_use_only_names_the_file_has(path: Path) -> None:
    missing = [f"{group}.{key}" for group, key in script_uses(path.read_text(encoding="utf-8"))
               if key not in PROTOCOL.groups.get(group, {})]
    assert not missing, f"{path.name} uses what {SOURCE} lacks: {missing}"


@pytest.mark.parametrize("group", ["worker", "service_worker"])
def test_every_message_has_a_sender_and_a_reader(group: str) -> None:
    """A message type one script sends and no other reads (or the other way round) is
    the bug this declaration was made for: each is used in at least two scripts."""
    users: dict[str, set[str]] = {key: set() for key in PROTOCOL.groups[group]}
    for path in SCRIPTS:
        for used_group, key in script_uses(path.read_text(encoding="utf-8")):
            if used_group == group and key in users:
                users[key].add(path.name)
    lonely = {key: sorted(files) for key, files in users.items() if len(files) < 2}
    assert not lonely, f"{group}: used by one script only, or none: {lonely}"


def test_the_scripts_module_and_the_service_worker_carry_the_protocol() -> None:
    module = scripts.javascript_module()
    assert f"export const PROTOCOL = {scripts.protocol_object()};\n" in module
    worker = offline.service_worker({"build": "x", "pages": [], "files": [], "immutable": [],
                                     "pyodide": []})
    assert f"const PROTOCOL = {scripts.protocol_object()};\n" in worker
    assert set(PROTOCOL.groups) == set(GROUPS)


def test_the_built_service_worker_carries_it(site_dir: Path) -> None:
    assert f"const PROTOCOL = {scripts.protocol_object()};\n" in (
        site_dir / "sw.js").read_text(encoding="utf-8")


@pytest.mark.parametrize(("text", "line", "says"), [
    ("worker:\n  ready: ready\n", None, "saknas"),
    ("nonsense: {a: b}\n", 1, "okänd grupp"),
    ("worker:\n  ready: Ready now\n", 2, "a–z"),
    ("worker:\n  ready: ready\n  done: ready\n", 3, "används redan"),
    ("attributes:\n  widget: widget\n", 2, "data-"),
])
def test_a_fault_in_the_file_is_named_with_its_line(text: str, line: int | None,
                                                    says: str) -> None:
    data, lines = parse(text, SOURCE)
    if says not in ("saknas", "okänd grupp"):  # the other groups as they are
        data = {**PROTOCOL.as_dict(), **data}
    with pytest.raises(ContentError) as caught:
        parse_protocol(data, lines)
    assert caught.value.line == line and says in str(caught.value)
