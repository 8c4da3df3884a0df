"""The wheel in the built site holds exactly the browser core and its dist-info: no
content YAML, no editors' toolchain, no command line. The tables reach the browser once,
as the bundle beside it."""

from __future__ import annotations

import zipfile

from site_config.browser.assets import core_modules


def test_the_wheel_in_the_built_site_holds_only_the_core(site_dir):
    wheels = sorted(site_dir.glob("assets/beslutsstod/*/*.whl"))
    assert len(wheels) == 1
    with zipfile.ZipFile(wheels[0]) as archive:
        names = set(archive.namelist())
    core = {f"decision_logic/{p.name}" for p in core_modules()}
    dist_info = {n for n in names if n.startswith("decision_logic-0.1.0.dist-info/")}
    assert names - dist_info == core
    assert {n.rsplit("/", 1)[1] for n in dist_info} == {"METADATA", "WHEEL", "RECORD"}
    assert not [n for n in names if n.endswith((".yaml", ".yml")) or "toolchain" in n
                or n.endswith("__main__.py")]
    assert (wheels[0].parent / "tables.json").is_file()
    assert not list(site_dir.rglob("*.yaml"))
