"""The bridge the Pyodide worker calls: JSON in, JSON out, never an exception.

Keeping the protocol in Python means the JavaScript only forwards messages and draws
what comes back; it holds no rule and no routing.
"""

from __future__ import annotations

import json

from . import decide_each, use_bundle
from .errors import DecisionError
from .letter import response_letter


def install(bundle: str) -> None:
    use_bundle(bundle)


def answer(request: str) -> str:
    """``{"table": id, "answers": {...}}`` -> ``{"ok": true, "decisions": [{...}, …]}``.

    An answer may be a list for a ``multiple`` question; there is one decision per value.

    A bad answer (typically from a hand-edited URL) becomes ``{"ok": false, "error": msg}``
    with the Swedish message, so the page can show it instead of crashing.
    """
    try:
        payload = json.loads(request)
        decisions = decide_each(payload["table"], payload.get("answers", {}))
    except DecisionError as exc:
        return json.dumps({"ok": False, "error": str(exc)}, ensure_ascii=False)
    return json.dumps({"ok": True, "decisions": [d.to_dict() for d in decisions]},
                      ensure_ascii=False)


def letter(request: str) -> str:
    """``{"fields": {...}}`` -> ``{"ok": true, "text": letter}`` or the Swedish error."""
    try:
        text = response_letter(json.loads(request).get("fields", {}))
    except DecisionError as exc:
        return json.dumps({"ok": False, "error": str(exc)}, ensure_ascii=False)
    return json.dumps({"ok": True, "text": text}, ensure_ascii=False)
