"""Two realistic cases for every letter the site writes (``tests/fixtures/
letter_cases.yaml``), shared by the unit test that reads each letter as its recipient
would (tests/unit/test_letters_for_recipients.py) and the browser test that writes and
prints them (tests/browser/test_letters.py)."""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from tests.conftest import FIXTURES


@dataclass(frozen=True)
class LetterCase:
    """One letter as a reader fills it in, and what its recipient must be able to read
    in it: who writes, to whom, which meeting, what is asked and how to answer."""

    name: str
    letter: str
    table: str
    answers: dict[str, object]
    fields: dict[str, str]
    sender: str
    to: str
    meeting: tuple[str, ...]
    asked: tuple[str, ...]
    answer_to: str
    notes: tuple[str, ...] = field(default=())

    @property
    def query(self) -> str:
        """The answers as the page's address has them."""
        return "&".join(f"{q}={v}" for q, vs in self.answers.items()
                        for v in ([vs] if isinstance(vs, str) else vs))


def _load() -> tuple[LetterCase, ...]:
    data = yaml.safe_load((FIXTURES / "letter_cases.yaml").read_text(encoding="utf-8"))
    return tuple(LetterCase(**{key: tuple(value) if isinstance(value, list) else value
                               for key, value in row.items()}) for row in data["cases"])


CASES = _load()
