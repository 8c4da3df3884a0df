"""The check warns when an outcome's words name other recipients than the answer that
leads there: the issue's example, Tandvården added to the row for frivilligsektorn and
polisen, whose text speaks of frivilligsektorn and polisen."""

from __future__ import annotations

from decision_logic.toolchain import load_catalog
from decision_logic.toolchain.catalog import load_table_file
from decision_logic.toolchain.recipients import recipient_warnings, table_warnings
from tests.conftest import ROOT

TABLE = ROOT / "decision_logic" / "tables" / "skicka-inbjudan.yaml"


def test_the_published_tables_name_only_the_answers_that_lead_to_them():
    assert recipient_warnings(load_catalog()) == []


def test_tandvarden_routed_to_the_text_about_frivilligsektorn_and_polisen_is_warned(
        catalog, tmp_path):
    text = TABLE.read_text(encoding="utf-8")
    added = text.replace("      - id: polisen\n        label: Polisen\n",
                         "      - id: polisen\n        label: Polisen\n"
                         "      - id: tandvarden\n        label: Tandvården\n")
    row = "mottagare: [frivilligsektorn, polisen]}"
    assert added != text and row in added
    edited = tmp_path / "skicka-inbjudan.yaml"
    edited.write_text(added.replace(row, "mottagare: [frivilligsektorn, polisen, tandvarden]}")
                      .replace("mottagare: [socialtjanst, frivilligsektorn, polisen]}",
                               "mottagare: [socialtjanst, frivilligsektorn, polisen, "
                               "tandvarden]}"), encoding="utf-8")
    table, _ = load_table_file(edited, catalog.rulebook)
    warnings = table_warnings(table)
    assert [message.split(" men ")[0] for _, message in warnings] == [
        "utfallet 'utan-link' nämner Frivilligsektorn, Polisen",
        "utfallet 'avsandare-utan-link' nämner Socialtjänsten, Frivilligsektorn, Polisen"]
    assert all("inte 'Tandvården'" in message for _, message in warnings)
    assert all(line for line, _ in warnings)  # each names the row's line
