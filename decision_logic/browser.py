"""The bridge the Pyodide worker calls: JSON in, JSON out, never an exception.

Keeping the protocol in Python means the JavaScript only forwards messages and draws
what comes back; it holds no rule and no routing. Whatever arrives (a hand-edited link,
a broken bundle, a bug), the page gets ``{"ok": false, "error": ...}`` in Swedish and
never a traceback: the technical detail goes to the browser's console, not to the reader.

Part of the browser core (standard library only); ``install`` takes the bundle the build
wrote (``decision_logic.bundle``).
"""

from __future__ import annotations

import json
import sys
import traceback
from collections.abc import Callable

from . import decide_each, use_bundle, write_letter
from .errors import ContentError, DecisionError, LetterFieldError

#: What a reader sees when something that is not their mistake goes wrong.
INTERNAL_ERROR = ("Beslutsstödet kunde inte räkna ut svaret. Ladda om sidan; hjälper "
                  "inte det, använd tabellen längre ned på sidan.")
BAD_REQUEST = "Beslutsstödet fick en fråga som det inte förstår."
#: Far more than any real request (a few hundred bytes); refused before parsing.
MAX_REQUEST = 20_000


def _reply(data: dict[str, object]) -> str:
    return json.dumps(data, ensure_ascii=False)


def _failure(message: str) -> str:
    return _reply({"ok": False, "error": message})


def _guarded(handle: Callable[[dict[str, object]], dict[str, object]], request: object) -> str:
    """Run ``handle`` on the parsed request; every failure becomes a Swedish reply."""
    try:
        if not isinstance(request, str) or len(request) > MAX_REQUEST:
            return _failure(BAD_REQUEST)
        payload = json.loads(request)
        if not isinstance(payload, dict):
            return _failure(BAD_REQUEST)
        return _reply({"ok": True, **handle(payload)})
    except LetterFieldError as exc:
        # Which blanks are wrong, each with its own message: the form marks them.
        return _reply({"ok": False, "error": str(exc),
                       "fields": [{"field": k, "message": v} for k, v in exc.fields.items()]})
    except DecisionError as exc:
        return _failure(str(exc))
    except ContentError:
        # A table that answers a case twice or not at all: the build's checks should
        # have stopped it, so it is a bug, not the reader's mistake.
        traceback.print_exc(file=sys.stderr)
        return _failure(INTERNAL_ERROR)
    except (ValueError, TypeError, RecursionError):
        # Not JSON, or JSON of the wrong shape: nothing a reader can act on.
        return _failure(BAD_REQUEST)
    except Exception:
        # A bug: the reader gets words, the console gets the traceback.
        traceback.print_exc(file=sys.stderr)
        return _failure(INTERNAL_ERROR)


def _answers(payload: dict[str, object]) -> dict[str, object]:
    table = payload.get("table")
    answers = payload.get("answers", {})
    if not isinstance(table, str) or not isinstance(answers, dict):
        raise TypeError("table must be a string and answers an object")
    for value in answers.values():
        values = value if isinstance(value, list) else [value]
        if not all(isinstance(v, str) for v in values):
            raise TypeError("an answer is a string or a list of strings")
    decisions = decide_each(table, answers)
    return {"decisions": [d.to_dict() for d in decisions]}


#: the letter a request without ``letter`` asks for (the only one before there were more)
DEFAULT_LETTER = "svarsbrev"


def _letter(payload: dict[str, object]) -> dict[str, object]:
    letter_id = payload.get("letter", DEFAULT_LETTER)
    fields = payload.get("fields", {})
    answers = payload.get("answers", {})
    if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
        raise TypeError("fields must map names to strings")
    if not isinstance(letter_id, str) or not isinstance(answers, dict):
        raise TypeError("letter must be a string and answers an object")
    return write_letter(letter_id, fields, answers)


def install(bundle: str) -> str:
    """Use the tables in ``bundle``: ``{"ok": true}``, or why the bundle cannot be used."""
    try:
        use_bundle(bundle)
    except Exception:
        traceback.print_exc(file=sys.stderr)
        return _failure("Beslutsstödets tabeller kunde inte läsas in. Ladda om sidan; "
                        "hjälper inte det, använd tabellen längre ned på sidan.")
    return _reply({"ok": True})


def answer(request: str) -> str:
    """``{"table": id, "answers": {...}}`` -> ``{"ok": true, "decisions": [{...}, …]}``.

    An answer may be a list for a ``multiple`` question; there is one decision per value.
    A bad answer (typically from a hand-edited URL) becomes ``{"ok": false, "error": msg}``
    with the Swedish message, so the page can show it instead of crashing.
    """
    return _guarded(_answers, request)


def letter(request: str) -> str:
    """``{"letter": id, "fields": {...}, "answers": {...}}`` -> ``{"ok": true, "text":
    letter, "notes": [...]}`` or the Swedish error (``letter`` defaults to the referral's
    reply, ``answers`` to none); a refusal of the reader's blanks also lists them,
    ``"fields": [{"field": id, "message": why}, ...]`` in the form's order."""
    return _guarded(_letter, request)
