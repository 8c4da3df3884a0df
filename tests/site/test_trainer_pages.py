"""The built trainer's guide, link catalogue and wall cards: the key is what decide()
says, every answer's link is listed, every decision support has its card."""

from __future__ import annotations

import re
from html import unescape

from decision_logic import decide
from decision_logic.toolchain.training import load_exercises, load_guide
from site_config.content.manifest import load_manifest
from site_config.render.answer_links import answer_links
from site_config.render.training import case_numbers, group_exercises


def _text(fragment: str) -> str:
    """The words of an HTML fragment (which may start inside its first tag)."""
    words = " ".join(unescape(re.sub(r"<[^>]+>", " ", fragment.partition(">")[2])).split())
    return re.sub(r" ([:.,;])", r"\1", words)


def _block(html: str, start: str, end: str) -> str:
    at = html.index(start)
    return html[at:html.index(end, at)]


def test_the_answer_key_is_what_decide_gives_for_every_case(site_dir, catalog):
    html = (site_dir / "utbildning" / "handledning" / "index.html").read_text("utf-8")
    exercises = load_exercises(catalog)
    numbers = case_numbers(exercises, catalog)
    keyed = re.findall(r'data-key-exercise="([^"]+)" data-outcome="([^"]+)"', html)
    assert sorted(e for e, _ in keyed) == sorted(e.id for e in exercises), "each case once"
    for exercise in exercises:
        decision = decide(exercise.table, dict(exercise.answers))
        entry = _block(html, f'data-key-exercise="{exercise.id}"', "</div>")
        assert f'data-outcome="{decision.outcome}"' in entry
        heading = _text(_block(entry, "<h4", "</h4>"))
        assert heading == f"Fall {numbers[exercise.id]} – {decision.title}"
        for rule in decision.rules:
            assert f">{rule}</a> {catalog.rulebook.rules[rule].summary}" in unescape(entry)
        if exercise.why:
            assert " ".join(exercise.why.split()) in _text(entry)


def test_the_key_by_reader_group_lists_each_group_s_cases_with_their_answers(site_dir,
                                                                             catalog):
    """#33: a section for every group the plan proposes, the mixed group (the exercises
    page's first round) first, each group's cases in case order."""
    html = (site_dir / "utbildning" / "handledning" / "index.html").read_text("utf-8")
    exercises = load_exercises(catalog)
    by_id = {e.id: e for e in exercises}
    numbers = case_numbers(exercises, catalog)
    mixed = [e.id for e in group_exercises(exercises, catalog)[0].exercises]
    groups = [("blandad", mixed)] + [(g.id, g.exercises) for g in load_guide(exercises).groups]
    assert re.findall(r'data-key-group="([^"]+)"', html) == [g for g, _ in groups]
    plan = _block(html, '<table class="kb-plan-table"', "</table>")
    assert plan.count("<tr><th scope=\"row\">") == len(groups), "one plan row per section"
    for group_id, ids in groups:
        listed = _text(_block(html, f'data-key-group="{group_id}"', "</ul>"))
        expected = " ".join(
            f"Fall {numbers[i]}: {decide(by_id[i].table, dict(by_id[i].answers)).title}"
            for i in sorted(ids, key=numbers.__getitem__))
        assert listed.endswith(expected), group_id


def test_the_key_is_in_case_order_the_mixed_round_first(site_dir, catalog):
    """#33: the key follows the case numbers (the mixed round's cases 1–5 used to be
    spread over the key by decision support), and stays out of the search index."""
    html = (site_dir / "utbildning" / "handledning" / "index.html").read_text("utf-8")
    exercises = load_exercises(catalog)
    numbers = case_numbers(exercises, catalog)
    keyed = re.findall(r'data-key-exercise="([^"]+)"', html)
    assert [numbers[e] for e in keyed] == list(range(1, len(exercises) + 1))
    first = _block(html, 'id="facit-blandad-start"', 'id="facit-amne-')
    assert len(re.findall(r"data-key-exercise=", first)) == len(catalog.tables)
    for heading in re.findall(r'<h3 [^>]*id="facit-[^"]+"', html):
        assert 'data-print-part="key"' in heading and "data-search-exclude" in heading


def test_each_case_card_holds_the_situation_and_not_the_answer(site_dir, catalog):
    html = (site_dir / "utbildning" / "handledning" / "index.html").read_text("utf-8")
    exercises = load_exercises(catalog)
    numbers = case_numbers(exercises, catalog)
    cards = re.findall(r'data-case-card="([^"]+)"', html)
    assert cards == sorted((e.id for e in exercises), key=numbers.__getitem__)
    for exercise in exercises:
        card = _text(_block(html, f'data-case-card="{exercise.id}"', "</section>"))
        table = catalog.table(exercise.table)
        assert card.startswith(f"Fall {numbers[exercise.id]} · {table.title}")
        assert " ".join(exercise.situation.split()) in card
        answer = decide(exercise.table, dict(exercise.answers)).title or ""
        assert answer not in card


FILM = ('<a href="https://play.mediaflow.com/ovp/16/59LE04AC04">'
        "Utbildningsfilm om Kronobarnsmodellen</a>")


def test_the_guide_and_the_exercises_link_the_training_film_by_its_name(site_dir):
    """#33: a named link, not a bare address, on the guide and on /utbildning/."""
    for page in ("utbildning/handledning", "utbildning"):
        html = (site_dir / page / "index.html").read_text("utf-8")
        assert FILM in html, page
        assert ">https://play.mediaflow.com" not in html, page


def test_the_catalogue_lists_every_answer_link_with_its_title_and_path(site_dir, catalog):
    html = (site_dir / "beslutsstod" / "lankar" / "index.html").read_text("utf-8")
    links = re.findall(r'<a class="kb-answer-link" href="([^"]+)" data-answer-link '
                       r'data-table="([^"]+)" data-outcome="([^"]+)">', html)
    expected = [(f"../{t.id}/?{unescape(a.query)}", t.id, a.outcome)
                for t in (catalog.table(i) for i in load_manifest().tables)
                for a in answer_links(t)]
    assert [(unescape(h), t, o) for h, t, o in links] == expected
    for table_id, page in load_manifest().tables.items():
        table = catalog.table(table_id)
        rows = _block(html, f'data-links="{table_id}"', "</table>")
        for answer in answer_links(table):
            row = _text(rows[:rows.index(f"?{answer.query.replace('&', '&amp;')}")]
                        .rsplit("<tr", 1)[1])
            assert row.startswith(table.outcomes[answer.outcome].title)
            for question_id, value_id in answer.answers:
                question = table.question(question_id)
                assert f"{question.label} – ”{question.value(value_id).label}”" in row
        assert f'href="../{page.location.removeprefix("beslutsstod/")}kort/"' in html


def test_every_decision_support_has_a_wall_card_with_a_qr_code(site_dir, catalog):
    manifest = load_manifest()
    assert set(manifest.cards) == set(catalog.tables)
    for table_id, card in manifest.cards.items():
        assert card.path == f"beslutsstod/{table_id}/kort/"
        html = (site_dir / card.path / "index.html").read_text("utf-8")
        body = _block(html, f'data-card="{table_id}"', '<footer class="kb-page-source"')
        assert '<svg role="img"' in body and "<title>QR-kod till " in body
        assert f'data-url="http://127.0.0.1:8000/beslutsstod/{table_id}/"' in body
        table = catalog.table(table_id)
        for answer in answer_links(table):
            assert table.outcomes[answer.outcome].title in unescape(body)
        assert "Innehållsansvarig:" in _text(body), "the content's status"
        assert "SITE_URL" in body, "a local build says its QR code leads nowhere useful"
        assert re.search(f"<h1[^>]*>{re.escape(table.title)}<", unescape(html))
