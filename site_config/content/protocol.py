"""The protocol between pages, their scripts, the Python worker and the service worker,
read from ``site_config/protocol.yaml``.

Messages, stages, cache names, snapshot fields and ``data-*`` attributes travel between
code in three places: the Python renderers that write the pages, the page's scripts, and
the two workers. Each name is declared once in the YAML file; the renderers read it here,
the scripts get the same object from ``assets/widget/ui.js`` (``export PROTOCOL``, written
by ``site_config.browser.scripts``) and the service worker has it inlined. A name written
out anywhere else fails ``tests/unit/test_protocol.py``, so two sides can no longer
drift apart (as ``store-failed`` once did: sent by one side, read by none).

The file is checked when read, as the editors' files are: a fault stops the build with
its line.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from decision_logic import ContentError
from decision_logic.toolchain.yaml_source import load_yaml
from site_config import SITE_CONFIG_DIR

PROTOCOL_FILE = SITE_CONFIG_DIR / "protocol.yaml"
SOURCE = "site_config/protocol.yaml"
#: the groups the code relies on, each a mapping of key → name
GROUPS = ("worker", "stages", "calls", "started_from", "snapshot_fate", "service_worker",
          "served_because", "offline_states", "caches", "events", "meta", "snapshot_fields",
          "attributes")
KEY = re.compile(r"[a-z][a-z0-9_]*")
#: what travels: a message type, a cache name, an attribute (no spaces, quotes or markup)
NAME = re.compile(r"[a-z?][a-z0-9_-]*")
ATTRIBUTE = re.compile(r"data-[a-z][a-z0-9-]*[a-z0-9]")


@dataclass(frozen=True)
class Protocol:
    """The names by group and key, and the line of each entry (for a message)."""

    groups: Mapping[str, Mapping[str, str]]
    lines: Mapping[tuple[str | int, ...], int]

    def name(self, group: str, key: str) -> str:
        """A declared name, e.g. ``name("worker", "ready")``."""
        return declared(self.groups, group, key, source=SOURCE, path=f"{group}.{key}",
                        message=f"namnet '{key}' saknas under {group}; sidorna och deras "
                        "skript behöver det")

    def attribute(self, key: str) -> str:
        """A ``data-*`` attribute's name, e.g. ``attribute("widget")`` is ``data-widget``."""
        return self.name("attributes", key)

    def as_dict(self) -> dict[str, dict[str, str]]:
        return {group: dict(names) for group, names in self.groups.items()}


def declared(groups: Mapping[str, Mapping[str, str]], group: str, key: str, *, source: str,
             path: str, message: str) -> str:
    """An entry of a declaration file (ui.yaml, protocol.yaml) the code asks for by group
    and key, or the ``ContentError`` that names it (``path`` in ``source``) with
    ``message``: a page or script needs it, so a build without it cannot go on."""
    try:
        return groups[group][key]
    except KeyError:
        raise ContentError(source, path, None, message) from None


def _fault(path: tuple[str, ...], lines: Mapping[tuple[str | int, ...], int],
           message: str) -> ContentError:
    return ContentError(SOURCE, ".".join(path), lines.get(path), message)


def parse_protocol(data: Any, lines: Mapping[tuple[str | int, ...], int]) -> Protocol:
    """Check the file's shape and return its names; ``ContentError`` on a fault."""
    if not isinstance(data, dict):
        raise _fault((), lines, "filen ska ha grupperna " + ", ".join(GROUPS))
    unknown = sorted(str(group) for group in set(data) - set(GROUPS))
    if unknown:
        raise _fault((unknown[0],), lines, "okänd grupp; kända är " + ", ".join(GROUPS))
    groups: dict[str, dict[str, str]] = {}
    for group in GROUPS:
        if group not in data:
            raise ContentError(SOURCE, group, None, f"gruppen '{group}:' saknas")
        entries = data[group]
        if not isinstance(entries, dict) or not entries:
            raise _fault((group,), lines, "här ska stå namn ('nyckel: namn'), ett per rad")
        pattern = ATTRIBUTE if group == "attributes" else NAME
        seen: dict[str, str] = {}
        for key, value in entries.items():
            path = (group, str(key))
            if not KEY.fullmatch(str(key)):
                raise _fault(path, lines, "en nyckel skrivs med a–z, siffror och _")
            if not isinstance(value, str) or not pattern.fullmatch(value):
                raise _fault(path, lines, "ett namn skrivs med a–z, siffror, - och _"
                             + (", och börjar med data-" if group == "attributes" else ""))
            if value in seen:
                raise _fault(path, lines, f"namnet '{value}' används redan av '{seen[value]}'"
                             " i samma grupp; två saker kan inte heta likadant")
            seen[value] = str(key)
        groups[group] = {str(key): value for key, value in entries.items()}
    return Protocol(groups=groups, lines=dict(lines))


def load_protocol(path: Path = PROTOCOL_FILE) -> Protocol:
    data, lines = load_yaml(path, SOURCE)
    return parse_protocol(data, lines)


@functools.cache
def protocol() -> Protocol:
    """The protocol, read once per build."""
    return load_protocol()


def name(group: str, key: str) -> str:
    return protocol().name(group, key)


def attribute(key: str) -> str:
    return protocol().attribute(key)
