"""``assets/widget/ui.js``: what the page's scripts share with the build, as an ES module.

The scripts import their texts and DOM names (``site_config/ui.yaml``) and the protocol
between pages, scripts and workers (``site_config/protocol.yaml``) from this one module,
which the build writes from those files, so neither side keeps a copy that could drift
from the other. The Python worker (``worker.mjs``, a module worker) imports it too; the
service worker cannot import, so ``site_config.deploy.offline`` inlines the protocol
into ``sw.js`` (``protocol_object``).
"""

from __future__ import annotations

import json
from pathlib import Path

from site_config.content import protocol as protocol_source
from site_config.content import ui as ui_source
from site_config.content.protocol import Protocol, protocol
from site_config.content.ui import BROWSER_GROUPS, DOM_GROUPS, Ui, ui

#: where the build writes the scripts' copy, beside the scripts that import it
JS_MODULE = "assets/widget/ui.js"


def protocol_object(data: Protocol | None = None) -> str:
    """The protocol as a JavaScript object literal (JSON)."""
    return json.dumps((data or protocol()).as_dict(), ensure_ascii=False, indent=1)


def javascript_module(texts: Ui | None = None, names: Protocol | None = None) -> str:
    """``ui.js``: the texts the scripts draw, every DOM name and the protocol.

    A module, not data in the page: the scripts import it like their other modules (every
    page preloads it), and Material's instant navigation, which re-creates a page's script
    elements, never touches it."""
    texts = texts or ui()
    exports = [("TEXT", {group: texts.texts[group] for group in BROWSER_GROUPS}),
               *((name, texts.dom[group]) for group, name in DOM_GROUPS.items())]
    body = "".join(f"export const {name} = {json.dumps(value, ensure_ascii=False, indent=1)};\n"
                   for name, value in exports)
    body += f"export const PROTOCOL = {protocol_object(names)};\n"
    return (f"// Written by the build from {ui_source.SOURCE} and {protocol_source.SOURCE} "
            "(site_config/browser/scripts.py); edit those files, not this one.\n" + body)


def write_javascript(site_dir: Path) -> None:
    target = Path(site_dir) / JS_MODULE
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(javascript_module(), encoding="utf-8")
