"""The bridge the Pyodide worker calls: JSON in, JSON out, never an exception.

Keeping the protocol in Python means the JavaScript only forwards messages and draws
what comes back; it holds no rule and no routing.
"""

from __future__ import annotations

import json

from . import decide, use_bundle
from .errors import DecisionError


def install(bundle: str) -> None:
    use_bundle(bundle)


def answer(request: str) -> str:
    """``{"table": id, "answers": {...}}`` -> ``{"ok": true, "decision": {...}}``.

    A bad answer (typically from a hand-edited URL) becomes ``{"ok": false, "error": msg}``
    with the Swedish message, so the page can show it instead of crashing.
    """
    try:
        payload = json.loads(request)
        decision = decide(payload["table"], payload.get("answers", {}))
    except DecisionError as exc:
        return json.dumps({"ok": False, "error": str(exc)}, ensure_ascii=False)
    return json.dumps({"ok": True, "decision": decision.to_dict()}, ensure_ascii=False)
