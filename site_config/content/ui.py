"""The site's interface texts and the DOM contract's names, read from ``ui.yaml``.

One Swedish data file holds every text the site itself puts around the routines (buttons,
notices, the widget's and the exercises' messages) and the names the built pages and
their scripts share (``data-role``, ``data-action`` and ``data-state`` values). The
renderers and the theme read them here; the scripts get the same values from
``assets/widget/ui.js``, which the build writes from this file
(``site_config.browser.scripts``), so
neither side keeps a copy that could drift from the other. The routines' own words stay
in ``decision_logic/tables/*.yaml`` and ``docs/``.

A fault in the file stops the build with its line and what to do, in Swedish, as for the
other content files.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from decision_logic import ContentError
from decision_logic.toolchain.yaml_source import load_yaml

# The one place this module meets the editors' YAML toolchain (its reader and its error).
from site_config import SITE_CONFIG_DIR
from site_config.content.protocol import attribute, declared

UI_FILE = SITE_CONFIG_DIR / "ui.yaml"
SOURCE = "site_config/ui.yaml"
#: the text groups the page's scripts draw from; only these go into ``ui.js``
BROWSER_GROUPS = ("widget", "letter", "runtime", "training", "print", "offline", "links")
#: the DOM name groups and the name they have in ``ui.js``
DOM_GROUPS = {"roles": "ROLE", "actions": "ACTION", "states": "STATE", "marks": "MARK"}
#: ``{name}``: a value filled in when the text is shown
PLACEHOLDER = re.compile(r"\{(\w+)\}")
KEY = re.compile(r"[a-z][a-z0-9_]*")
DOM_NAME = re.compile(r"[a-z][a-z0-9-]*")


@dataclass(frozen=True)
class Ui:
    """The texts by group and name, the DOM names by group and name, and the line of each
    entry in the file (for a message that points an editor at it)."""

    texts: Mapping[str, Mapping[str, str]]
    dom: Mapping[str, Mapping[str, str]]
    lines: Mapping[tuple[str | int, ...], int]

    def template(self, group: str, name: str) -> str:
        """The text as written in the file, with its ``{placeholders}``."""
        return declared(self.texts, group, name, source=SOURCE, path=f"text.{group}.{name}",
                        message=f"texten '{name}' saknas i gruppen '{group}'; sidorna "
                        "behöver den")

    def text(self, group: str, name: str, **values: object) -> str:
        """The text with each ``{name}`` replaced by ``values[name]`` as given."""
        return self._fill(group, name, self.template(group, name), values)

    def html(self, group: str, name: str, **values: object) -> str:
        """The text escaped for HTML, with each ``{name}`` replaced by ``values[name]``,
        which the caller has made HTML already (escaped text or markup)."""
        return self._fill(group, name, escape(self.template(group, name), quote=False),
                          values)

    def name(self, group: str, key: str) -> str:
        """A DOM contract name, e.g. ``name("roles", "status")``."""
        return declared(self.dom, group, key, source=SOURCE, path=f"dom.{group}.{key}",
                        message=f"namnet '{key}' saknas under dom.{group}; sidorna och "
                        "deras skript behöver det")

    def attribute(self, key: str) -> str:
        """A ``data-*`` attribute's name from the protocol (site_config/protocol.yaml), for
        the theme's templates, which get this object as ``ui``."""
        return attribute(key)

    def _fill(self, group: str, name: str, template: str, values: Mapping[str, object]) -> str:
        wanted = set(PLACEHOLDER.findall(template))
        if wanted != set(values):
            line = self.lines.get(("text", group, name))
            missing = ", ".join(f"{{{v}}}" for v in sorted(set(values) - wanted))
            unknown = ", ".join(f"{{{v}}}" for v in sorted(wanted - set(values)))
            problem = (f"texten ska innehålla {missing}" if missing else
                       f"{unknown} fylls inte i här; ta bort det ur texten")
            raise ContentError(SOURCE, f"text.{group}.{name}", line, problem)
        return PLACEHOLDER.sub(lambda m: str(values[m[1]]), template)


def _mapping(data: Any, path: tuple[str, ...], lines: Mapping[tuple[str | int, ...], int],
             what: str) -> Mapping[str, Any]:
    if not isinstance(data, dict) or not data:
        raise ContentError(SOURCE, ".".join(path), lines.get(path),
                           f"här ska stå {what}, en på varje rad med indrag")
    return data


def _check_text(text: Any, path: tuple[str, ...],
                lines: Mapping[tuple[str | int, ...], int]) -> str:
    if not isinstance(text, str) or not text.strip():
        raise ContentError(SOURCE, ".".join(path), lines.get(path),
                           "här ska stå en text som inte är tom (sätt den inom citattecken om "
                           "den börjar med { eller innehåller ': ')")
    braces = PLACEHOLDER.sub("", text)
    if "{" in braces or "}" in braces:
        raise ContentError(SOURCE, ".".join(path), lines.get(path),
                           "en klammerparentes står ensam; ett värde skrivs {namn}, med bara "
                           "bokstäver mellan klamrarna")
    return text


def parse_ui(data: Any, lines: Mapping[tuple[str | int, ...], int]) -> Ui:
    """Check the file's shape and return its texts and names; ``ContentError`` on a fault."""
    top = _mapping(data, (), lines, "'text:' och 'dom:'")
    unknown = sorted(str(key) for key in set(top) - {"text", "dom"})
    if unknown:
        raise ContentError(SOURCE, unknown[0], lines.get((unknown[0],)),
                           "filen ska ha precis två delar: 'text:' och 'dom:'")
    for part in ("text", "dom"):
        if part not in top:
            raise ContentError(SOURCE, part, None, f"delen '{part}:' saknas i filen")
    texts: dict[str, dict[str, str]] = {}
    for group, entries in _mapping(top["text"], ("text",), lines, "grupper av texter").items():
        path = ("text", str(group))
        checked = _mapping(entries, path, lines, "texter med ett namn först ('namn: text')")
        for name in checked:
            if not KEY.fullmatch(str(name)):
                raise ContentError(SOURCE, ".".join((*path, str(name))),
                                   lines.get((*path, name)), "ett namn skrivs med små "
                                   "bokstäver a–z, siffror och _, till exempel next_question")
        texts[str(group)] = {str(n): _check_text(t, (*path, str(n)), lines)
                             for n, t in checked.items()}
    dom: dict[str, dict[str, str]] = {}
    groups = _mapping(top["dom"], ("dom",), lines, "grupperna " + ", ".join(DOM_GROUPS))
    for group in DOM_GROUPS:
        path = ("dom", group)
        if group not in groups:
            raise ContentError(SOURCE, "dom", lines.get(("dom",)), f"gruppen '{group}' saknas")
        entries = _mapping(groups[group], path, lines, "namn ('nyckel: namn-i-sidan')")
        for key, value in entries.items():
            if not isinstance(value, str) or not DOM_NAME.fullmatch(value) \
                    or not KEY.fullmatch(str(key)):
                raise ContentError(SOURCE, ".".join((*path, str(key))),
                                   lines.get((*path, key)), "ett namn i sidan skrivs med små "
                                   "bokstäver a–z, siffror och bindestreck, till exempel "
                                   "copy-link; nyckeln före kolon med a–z, siffror och _")
        dom[group] = dict(entries)
    extra = sorted(set(groups) - set(DOM_GROUPS))
    if extra:
        raise ContentError(SOURCE, f"dom.{extra[0]}", lines.get(("dom", extra[0])),
                           f"okänd grupp; kända är {', '.join(DOM_GROUPS)}")
    missing = [g for g in BROWSER_GROUPS if g not in texts]
    if missing:
        raise ContentError(SOURCE, "text", lines.get(("text",)),
                           f"gruppen '{missing[0]}' saknas; sidornas skript behöver den")
    return Ui(texts=texts, dom=dom, lines=dict(lines))


def load_ui(path: Path = UI_FILE) -> Ui:
    data, lines = load_yaml(path, SOURCE)
    return parse_ui(data, lines)


@functools.cache
def ui() -> Ui:
    """The site's texts and names, read once per build."""
    return load_ui()


def text(group: str, name: str, **values: object) -> str:
    """Plain text for a template's context or a script (see ``Ui.text``)."""
    return ui().text(group, name, **values)


def html(group: str, name: str, **values: object) -> str:
    """Text for the page's HTML; ``values`` are HTML already (see ``Ui.html``)."""
    return ui().html(group, name, **values)


def role(key: str) -> str:
    return ui().name("roles", key)


def action(key: str) -> str:
    return ui().name("actions", key)


def state(key: str) -> str:
    return ui().name("states", key)


def role_attr(key: str) -> str:
    """``data-role="…"`` for a renderer's markup, both names from their declarations."""
    return f'{attribute("role")}="{role(key)}"'


def action_attr(key: str) -> str:
    """``data-action="…"`` for a renderer's markup."""
    return f'{attribute("action")}="{action(key)}"'


def state_attr(key: str) -> str:
    """``data-state="…"`` for a renderer's markup."""
    return f'{attribute("state")}="{state(key)}"'


def main() -> int:
    """``python -m site_config.content.ui``: check the file as the build will."""
    try:
        load_ui()
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
    print("Allt stämmer")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
