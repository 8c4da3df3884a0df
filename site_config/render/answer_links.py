"""The stable deep links to every answer of a decision support, found at build time.

The caregiver web links straight to an answer (``beslutsstod/ansvarig/?skede=skola``).
Rather than keep a list of such links by hand, which would drift from the tables, every
path through a table that ends in an outcome is taken from the same enumeration the
widget's snapshot uses (``snapshot.reachable_states``): one link per path, with one
value for a question that takes several (one recipient at a time), so each outcome has
at least one link and an outcome that several paths reach has one per path. The link
catalogue (/beslutsstod/lankar/) and the wall cards (/beslutsstod/<id>/kort/) draw
from it, and the browser test opens every link.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from decision_logic import Table
from site_config.render.snapshot import reachable_states


@dataclass(frozen=True)
class AnswerLink:
    table: str
    outcome: str
    """The outcome id ``decide()`` gives for these answers."""
    answers: tuple[tuple[str, str], ...]
    """(question id, value id) in the table's question order: the path in ids."""

    @property
    def query(self) -> str:
        """``skede=fore-forskoleklass&verksamhet=annan``: in the order of the widget's
        own state key (``snapshot.state_key``)."""
        return "&".join(f"{q}={v}" for q, v in self.answers)


def answer_links(table: Table) -> list[AnswerLink]:
    """Every path to an outcome with one value per question, in the order of the
    table's outcomes and, within one outcome, of its questions' values."""
    links: list[AnswerLink] = []
    for answers, decisions in reachable_states(table):
        if any(d["next_question"] for d in decisions) or len(decisions) != 1:
            continue
        single = {q: v if isinstance(v, str) else v[0] for q, v in answers.items()
                  if isinstance(v, str) or len(v) == 1}
        if len(single) != len(answers):
            continue  # several recipients at once: each of them has its own link
        pairs = tuple((q.id, single[q.id]) for q in table.questions if q.id in single)
        links.append(AnswerLink(table.id, str(decisions[0]["outcome"]), pairs))
    outcome_order = list(table.outcomes)

    def order(link: AnswerLink) -> tuple[int, list[int]]:
        values = [table.question(q).value_ids.index(v) for q, v in link.answers]
        return outcome_order.index(link.outcome), values

    return sorted(links, key=order)


def public_url(site_url: str, path: str) -> str:
    """``path`` (``beslutsstod/ansvarig/?skede=skola``) under the site's public address,
    or the path from the site's root when the address is not known."""
    if not site_url:
        return f"/{path}"
    return urljoin(site_url if site_url.endswith("/") else f"{site_url}/", path)
