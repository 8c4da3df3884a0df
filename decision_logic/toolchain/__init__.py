"""The editors' toolchain: reads, checks and loads the content YAML; never shipped.

- ``yaml_source``: reads a YAML file with the line of every key (PyYAML);
- ``checker``: the ``Checker`` helper that reads values out of raw data and raises a
  located ``ContentError`` (shared with ``site_config`` for the glossary, search keywords,
  redirects and page front matter);
- ``schema``, ``rulebook``, ``governance``, ``changelog``: the parsers from YAML data to
  the core's model (``decision_logic.model``) or, for the changelog, to its own entries;
- ``catalog``: ``load_catalog()``, the validated tables and rule list from the files;
- ``completeness``: every path through a table reaches exactly one outcome;
- ``training``: the exercises and checklists.

The editors' commands that use all this (``python -m site_config check|approve|diff``)
live above, in ``site_config.editors``: this package never imports ``site_config``.

The content files stay where the editors know them, beside the core modules:
``decision_logic/tables/*.yaml``, ``rules.yaml``, ``training/*.yaml``, ``changelog.yaml``.
The browser gets none of this: it gets the validated catalog as JSON
(``decision_logic.bundle``).
"""

from __future__ import annotations

from .catalog import PACKAGE_DIR, load_catalog, load_rulebook, load_table_file, table_files

__all__ = ["PACKAGE_DIR", "load_catalog", "load_rulebook", "load_table_file", "table_files"]
