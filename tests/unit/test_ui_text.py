"""The interface texts and the DOM contract's names live in site_config/ui.yaml only.

The scripts get them from the generated ``assets/widget/ui.js`` and the renderers and
the theme from ``site_config.content.ui``. These tests fail when a Swedish interface text or a
``data-role``/``data-action``/``data-state`` value is written into a script, a renderer
or a template again, when a script uses a text or name the file lacks, and when the file
itself is broken in a way an editor could do.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from site_config.browser import scripts
from site_config.content import ui
from site_config.content.ui import BROWSER_GROUPS, DOM_GROUPS, ContentError, load_ui, parse_ui
from tests.conftest import ROOT

SCRIPTS = sorted((ROOT / "docs/assets/widget").glob("*.js")) + sorted(
    (ROOT / "docs/assets/widget").glob("*.mjs"))
#: the build's Python that writes the pages readers see (the other modules of site_config
#: write files for the browser or speak to editors, whose messages stay in the code)
#: (answer_links.py's one Swedish line is the build's warning to editors, not a page text)
RENDERERS = sorted([*(p for p in (ROOT / "site_config/render").glob("*.py")
                      if p.name not in {"__init__.py", "answer_links.py"}),
                    *(ROOT / f"site_config/{name}.py"
                      for name in ("content/glossary", "deploy/redirects",
                                   "build/site_build", "build/mkdocs_plugin"))])
TEMPLATES = sorted((ROOT / "site_config/overrides").rglob("*.html"))
SWEDISH = re.compile("[åäöÅÄÖ]")
#: a DOM contract value written out instead of taken from ui.yaml
CONTRACT_LITERAL = re.compile(r'data-(?:role|action|state)="[^"$]')
#: a part, a control or a state named by a literal in a script
LITERAL_ARGUMENT = re.compile(r"(?:part|control)\(\w+, *[\"'`]"
                              r"|dataset\.state *(?:[!=]==?|=) *[\"'`]")
#: Swedish text between two tags, or in an aria-label, in a renderer's string
HTML_TEXT = re.compile(r'>[^<>{}]*[åäöÅÄÖ][^<>{}]*<|aria-label="[^"{]*[åäöÅÄÖ]')

DATA = load_ui()


def fragments() -> set[str]:
    """The fixed parts of every text (split at its placeholders) long enough to be
    recognised: what a copied text would contain."""
    found = set()
    for texts in DATA.texts.values():
        for text in texts.values():
            for piece in re.split(r"\{\w+\}", text):
                piece = piece.strip(" .,:;()”–")
                if len(piece) >= 5:
                    found.add(piece)
    return found


FRAGMENTS = fragments()
#: DOM names with a hyphen: no other string in the scripts looks like them
HYPHENATED = {v for names in DATA.dom.values() for v in names.values() if "-" in v}


def js_strings(source: str) -> list[tuple[int, str]]:
    """The string literals of a script and the literal parts of its template strings,
    each with its line; comments and regular expression literals are skipped."""
    out: list[tuple[int, str]] = []
    line = lambda at: source.count("\n", 0, at) + 1  # noqa: E731
    i, n, depth, prev = 0, len(source), 0, ""
    templates: list[int] = []  # the brace depth at each open ${ … }
    while i < n:
        c = source[i]
        if c.isspace():
            i += 1
        elif source.startswith("//", i):
            end = source.find("\n", i)
            i = n if end < 0 else end
        elif source.startswith("/*", i):
            i = source.index("*/", i) + 2
        elif c in "\"'":
            j = i + 1
            while source[j] != c:
                j += 2 if source[j] == "\\" else 1
            out.append((line(i), source[i + 1:j]))
            i, prev = j + 1, "a"
        elif c == "`" or (c == "}" and templates and templates[-1] == depth):
            if c == "}":
                templates.pop()
            j = i + 1
            while source[j] != "`" and not source.startswith("${", j):
                j += 2 if source[j] == "\\" else 1
            out.append((line(i), source[i + 1:j]))
            if source[j] == "`":
                i, prev = j + 1, "a"
            else:
                templates.append(depth)
                i, prev = j + 2, "("
        elif c == "/" and (not prev or prev in "(,=:[!&|?{};+-*%<>~^"):
            j, in_class = i + 1, False
            while in_class or source[j] != "/":
                if source[j] == "\\":
                    j += 1
                elif source[j] in "[]":
                    in_class = source[j] == "["
                j += 1
            i, prev = j + 1, "a"
        else:
            depth += {"{": 1, "}": -1}.get(c, 0)
            prev, i = c, i + 1
    return out


def python_strings(path: Path) -> list[tuple[int, str]]:
    """Every string constant of a module (f-strings' literal parts too), leaving out
    docstrings and the editors' error messages (raised, or passed to ``check.fail``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        editor = isinstance(node, ast.Raise) or (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "fail")
        if editor:
            skip.update(id(inner) for inner in ast.walk(node))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in skip]


def test_the_scanner_reads_a_script_as_javascript_does() -> None:
    source = ('const a = "en"; // "inte"\n/* "inte" */ const r = /["x"]\\//g;\n'
              'const b = `två ${f({ c: "tre" })} fyra`; const d = x / 2 / 3;')
    assert [text for _, text in js_strings(source)] == ["en", "två ", "tre", " fyra"]


def offending_js(source: str) -> list[str]:
    problems = []
    for line, text in js_strings(source):
        copied = [f for f in FRAGMENTS if f in text]
        if SWEDISH.search(text) or copied:
            problems.append(f"{line}: Swedish text {text!r}")
        if CONTRACT_LITERAL.search(text) or text in HYPHENATED:
            problems.append(f"{line}: DOM contract name {text!r}")
    for match in LITERAL_ARGUMENT.finditer(source):
        problems.append(f"{source.count(chr(10), 0, match.start()) + 1}: {match[0]!r}")
    return problems


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_scripts_write_no_interface_text_or_contract_name(path: Path) -> None:
    problems = offending_js(path.read_text(encoding="utf-8"))
    assert not problems, (f"{path.name}: take these from ./ui.js (site_config/ui.yaml):\n"
                          + "\n".join(problems))


@pytest.mark.parametrize("literal", [
    'status.textContent = "Börja om";',
    'note.textContent = "Skriv ut";',
    "const b = form.querySelector('[data-action=\"copy-link\"]');",
    'const r = part(form, "result");',
    'form.dataset.state = "ready";',
    "const t = `Nästa fråga: ${x}`;",
])
def test_the_script_scan_catches_a_literal(literal: str) -> None:
    assert offending_js(literal)


@pytest.mark.parametrize("path", SCRIPTS, ids=lambda p: p.name)
def test_scripts_use_only_texts_and_names_the_file_has(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    used = [(m[1], m[2]) for m in re.finditer(r"\bTEXT\.(\w+)\.(\w+)", source)]
    for alias, group in re.findall(r"const (\w+) = TEXT\.(\w+);", source):
        used += [(group, name) for name in re.findall(rf"\b{alias}\.(\w+)", source)]
    missing = [f"TEXT.{g}.{n}" for g, n in used
               if g not in BROWSER_GROUPS or n not in DATA.texts[g]]
    exports = {name: group for group, name in DOM_GROUPS.items()}
    missing += [f"{m[1]}.{m[2]}" for m in re.finditer(r"\b(ROLE|ACTION|STATE|MARK)\.(\w+)", source)
                if m[2] not in DATA.dom[exports[m[1]]]]
    assert not missing, f"{path.name} uses what site_config/ui.yaml lacks: {missing}"


def offending_python(path: Path) -> list[str]:
    problems = []
    for line, text in python_strings(path):
        if CONTRACT_LITERAL.search(text):
            problems.append(f"{line}: DOM contract name {text!r}")
        if HTML_TEXT.search(text) or [f for f in FRAGMENTS if f in text]:
            problems.append(f"{line}: interface text {text!r}")
    return problems


@pytest.mark.parametrize("path", RENDERERS, ids=lambda p: p.name)
def test_renderers_write_no_interface_text_or_contract_name(path: Path) -> None:
    problems = offending_python(path)
    assert not problems, (f"{path.name}: take these from site_config.content.ui (ui.yaml):\n"
                          + "\n".join(problems))


def test_the_renderer_scan_catches_a_literal(tmp_path: Path) -> None:
    for literal in ("'<h3>Skriv svaret till den som bjöd in</h3>'",
                    "f'<p data-role=\"status\">{x}</p>'", "'Kopiera länk'"):
        module = tmp_path / "render_prov.py"
        module.write_text(f'"""Doc: Kopiera länk."""\nHTML = {literal}\n', encoding="utf-8")
        assert offending_python(module), literal


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.name)
def test_theme_templates_write_no_interface_text(path: Path) -> None:
    markup = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", " ", path.read_text(encoding="utf-8"),
                    flags=re.DOTALL)
    words = [w for w in re.findall(r">([^<>]+)<", markup) if re.search(r"\w", w)]
    assert not words, f"{path.name}: take these from ui.yaml (text.theme …): {words}"


def test_every_browser_text_reaches_the_scripts_module() -> None:
    module = scripts.javascript_module(DATA)
    exported = dict(re.findall(r"export const (\w+) = (.*?);\n(?=export|$)", module, re.S))
    assert json.loads(exported["TEXT"]) == {g: DATA.texts[g] for g in BROWSER_GROUPS}
    for group, name in DOM_GROUPS.items():
        assert json.loads(exported[name]) == DATA.dom[group]


def test_the_built_site_carries_the_module(site_dir: Path) -> None:
    assert (site_dir / scripts.JS_MODULE).read_text(encoding="utf-8") == \
        scripts.javascript_module(DATA)


@pytest.mark.parametrize(("text", "line", "says"), [
    ("text:\n  widget:\n    retry: Försök {igen\ndom: {}\n", 3, "klammerparentes"),
    ("text:\n  widget:\n    retry: ''\ndom: {}\n", 3, "inte är tom"),
    ("text: {}\ndom: {}\nextra: 1\n", 3, "två delar"),
    ("text:\n  widget:\n    Retry: Försök igen\ndom: {}\n", 3, "små bokstäver"),
    ("text:\n  widget:\n    retry: Försök igen\n", None, "'dom:' saknas"),
])
def test_an_editors_mistake_is_named_with_its_line(text: str, line: int | None,
                                                   says: str) -> None:
    from decision_logic.toolchain.yaml_source import parse

    with pytest.raises(ContentError) as caught:
        parse_ui(*parse(text, ui.SOURCE))
    assert caught.value.line == line and says in str(caught.value)
    assert str(caught.value).startswith(f"{ui.SOURCE}:{line}" if line else ui.SOURCE)


def test_a_text_that_lost_its_placeholder_names_the_line() -> None:
    lines = {("text", "widget", "next_question"): 7}
    broken = ui.Ui(texts={"widget": {"next_question": "Nästa fråga"}}, dom={}, lines=lines)
    with pytest.raises(ContentError, match=r"ui\.yaml:7 .*\{question\}"):
        broken.html("widget", "next_question", question="Var?")
