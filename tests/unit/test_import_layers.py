"""The layers of ``decision_logic``, read from the source: no import circle, and a browser
core that needs only the standard library and itself.

The core is every module outside ``decision_logic/toolchain/`` except ``__main__`` (the
command line entry); it is exactly what the browser's wheel carries
(``site_config.browser.assets.core_modules``). Every ``import`` statement counts, also
one inside a function, since it runs as soon as that function does.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import decision_logic
from decision_logic import to_bundle
from site_config.browser.assets import build_wheel
from tests.conftest import ROOT

PACKAGE_DIR = Path(decision_logic.__file__).resolve().parent
NAME = "decision_logic"


def _module_name(path: Path) -> str:
    parts = [NAME, *path.relative_to(PACKAGE_DIR).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in sorted(PACKAGE_DIR.rglob("*.py"))
           if "__pycache__" not in p.parts}


def _is_core(module: str) -> bool:
    return not (module == f"{NAME}.__main__" or module == f"{NAME}.toolchain"
                or module.startswith(f"{NAME}.toolchain."))


def _imports(module: str, modules: dict[str, Path] = MODULES) -> set[str]:
    """Every module ``module`` imports: in-package ones resolved to the module (not the
    name inside it), others by their full dotted name."""
    path = modules[module]
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            found.add(target)
            # ``from . import browser`` imports the module browser, not a name in __init__
            found.update(f"{target}.{a.name}" for a in node.names
                         if f"{target}.{a.name}" in modules)
    return found


def _in_package(name: str, modules: dict[str, Path] = MODULES) -> str | None:
    """The package's module that importing ``name`` runs, or None for anything else."""
    while name and name not in modules:
        name = name.rpartition(".")[0]
    return name or None


GRAPH = {module: {m for name in _imports(module) if (m := _in_package(name)) and m != module}
         for module in MODULES}


def test_the_layout_is_the_documented_one():
    core = {m for m in MODULES if _is_core(m)}
    assert f"{NAME}.__main__" not in MODULES  # the editors' commands: python -m site_config
    assert core == {NAME, *(f"{NAME}.{m}" for m in
                            ("model", "engine", "bundle", "browser", "letter", "errors"))}
    assert f"{NAME}.toolchain.checker" in MODULES


def _assert_no_circle(graph: dict[str, set[str]]) -> None:
    done: set[str] = set()

    def visit(module: str, path: list[str]) -> None:
        if module in path:
            circle = [*path[path.index(module):], module]
            raise AssertionError("importcirkel: " + " -> ".join(circle))
        if module in done:
            return
        for imported in sorted(graph[module]):
            visit(imported, [*path, module])
        done.add(module)

    for module in sorted(graph):
        visit(module, [])


def test_there_is_no_import_circle():
    _assert_no_circle(GRAPH)


SITE_DIR = ROOT / "site_config"
#: every module of both packages, for the tests across them
BOTH = {**MODULES, **{".".join(("site_config", *p.relative_to(SITE_DIR).with_suffix("").parts))
                      .removesuffix(".__init__"): p
                      for p in sorted(SITE_DIR.rglob("*.py")) if "__pycache__" not in p.parts}}
BOTH_GRAPH = {module: {m for name in _imports(module, BOTH) if (m := _in_package(name, BOTH))
                       and m != module} for module in BOTH}

#: the floors, lowest first: a module may import its own floor's modules and those of
#: the floors below it, never one above (site_config/__init__.py says what each holds)
FLOORS = ("decision_logic", "decision_logic.toolchain", "site_config", "site_config.content",
          "site_config.browser", "site_config.render", "site_config.deploy",
          "site_config.build | site_config.editors | site_config.__main__")


def _floor(module: str) -> int:
    """The floor of a module: the last (highest) floor whose package holds it."""
    found = 0
    for index, floor in enumerate(FLOORS):
        if any(module == name or module.startswith(f"{name}.") for name in floor.split(" | ")):
            found = index
    return found


def test_there_is_no_import_circle_in_site_config_or_across_the_packages():
    assert "site_config.content.manifest" in BOTH_GRAPH
    assert "site_config.deploy.search_index" in BOTH_GRAPH
    _assert_no_circle(BOTH_GRAPH)


def test_the_floors_point_one_way_and_decision_logic_never_imports_site_config():
    upward = [f"{module} (etage {FLOORS[_floor(module)]}) importerar {imported} "
              f"(etage {FLOORS[_floor(imported)]})"
              for module, imported_set in sorted(BOTH_GRAPH.items())
              for imported in sorted(imported_set) if _floor(imported) > _floor(module)]
    assert not upward, "\n".join(upward)
    into_site = [f"{module} importerar {name}" for module in sorted(MODULES)
                 for name in sorted(_imports(module)) if name.split(".")[0] == "site_config"]
    assert not into_site, "\n".join(into_site)
    # the top floor's two packages stand side by side: neither imports the other
    def package(module: str) -> str:
        return ".".join(module.split(".")[:2])

    sideways = [f"{m} importerar {i}" for m, imported in BOTH_GRAPH.items() for i in imported
                if {package(m), package(i)} == {"site_config.build", "site_config.editors"}]
    assert not sideways, "\n".join(sideways)


def test_the_floors_test_fails_on_a_module_that_imports_upwards():
    """The check above can fail: a content module that imports the renderers is named."""
    graph = {**BOTH_GRAPH, "site_config.content.load": {"site_config.render.markers"}}
    upward = [(m, i) for m, imported in graph.items() for i in imported
              if _floor(i) > _floor(m)]
    assert upward == [("site_config.content.load", "site_config.render.markers")]
    assert _floor("decision_logic.engine") < _floor("decision_logic.toolchain.schema") \
        < _floor("site_config") < _floor("site_config.content.ui") \
        < _floor("site_config.editors.command") == _floor("site_config.build.mkdocs_hooks")


def test_the_core_imports_only_the_standard_library_and_the_core():
    faults = []
    for module in sorted(m for m in MODULES if _is_core(m)):
        for name in sorted(_imports(module)):
            inside = _in_package(name)
            top = name.partition(".")[0]
            if inside is not None:
                if not _is_core(inside):
                    faults.append(f"{module} importerar {inside} (verktygen, inte kärnan)")
            elif top != "__future__" and top not in sys.stdlib_module_names:
                faults.append(f"{module} importerar {name} (inte standardbiblioteket)")
    assert not faults, "\n".join(faults)


def test_the_wheel_alone_answers_without_pyyaml_or_the_toolchain(catalog, tmp_path):
    # What the browser does, under CPython: only the wheel's files on the path, PyYAML
    # made unimportable, the bundle installed, a question answered through the bridge.
    with zipfile.ZipFile(build_wheel(ROOT, tmp_path)) as wheel:
        wheel.extractall(tmp_path / "site-packages")
    (tmp_path / "tables.json").write_text(to_bundle(catalog), encoding="utf-8")
    script = (
        "import sys\n"
        "sys.modules['yaml'] = None\n"
        f"sys.path.insert(0, {str(tmp_path / 'site-packages')!r})\n"
        "from decision_logic import browser\n"
        f"print(browser.install(open({str(tmp_path / 'tables.json')!r}, "
        "encoding='utf-8').read()))\n"
        "print(browser.answer('{\"table\": \"ansvarig\", \"answers\": {}}'))\n"
        "print(sorted(m for m in sys.modules if m.startswith('decision_logic')))\n"
    )
    done = subprocess.run([sys.executable, "-I", "-c", script], capture_output=True,
                          text=True, check=True, cwd=tmp_path)
    installed, answered, loaded = done.stdout.splitlines()
    assert json.loads(installed) == {"ok": True}
    assert json.loads(answered)["decisions"][0]["next_question"] == "skede"
    assert "toolchain" not in loaded


def test_the_public_api_is_all_in_dunder_all():
    import inspect

    from decision_logic import model

    assert all(hasattr(decision_logic, name) for name in decision_logic.__all__)
    classes = {name for name, value in vars(model).items()
               if inspect.isclass(value) and value.__module__ == model.__name__}
    assert classes <= set(decision_logic.__all__)
    assert {"decide", "decide_each", "Decision", "DecisionError", "ContentError",
            "use_bundle", "Catalog"} <= set(decision_logic.__all__)


#: the generators: only the adapter may import them
GENERATORS = ("mkdocs", "material", "properdocs")


def test_the_build_object_imports_no_generator():
    """``SiteBuild`` (site_config/build/site_build.py) and every module it imports, at any
    depth, import no generator: only the MkDocs adapter does (tests/unit/test_site_build.py
    runs the build object with none)."""
    closure, todo = set(), ["site_config.build.site_build"]
    while todo:
        module = todo.pop()
        if module not in closure:
            closure.add(module)
            todo += BOTH_GRAPH[module]
    assert "site_config.render.markers" in closure and "site_config.deploy.offline" in closure
    generator_imports = sorted(f"{module} importerar {name}" for module in BOTH
                               for name in _imports(module, BOTH)
                               if name.split(".")[0] in GENERATORS)
    assert generator_imports and all(
        line.startswith("site_config.build.mkdocs_plugin ") for line in generator_imports), \
        generator_imports
    assert "site_config.build.mkdocs_plugin" not in closure


def test_no_module_of_site_config_keeps_state_in_globals():
    """The build's state lives on its objects (``SiteBuild``, the MkDocs plugin), so that
    ``mkdocs serve`` starts each rebuild from nothing: no ``global`` statement anywhere."""
    found = [f"{module}:{node.lineno}" for module, path in sorted(BOTH.items())
             if module.startswith("site_config")
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Global)]
    assert found == []
    assert any(isinstance(node, ast.Global) for node in ast.walk(ast.parse(
        "def f():\n    global x\n")))
