"""The site: what editors keep beside the routing tables, and how it becomes pages.

Grouped by job, each floor importing only those above it in this list:

- ``content``: loads and checks every file editors keep (site manifest, glossary, texts,
  search keywords, the region's details, approvals) into plain objects;
- ``browser``: what the reader's browser downloads for Python (wheel, Pyodide, bundle);
- ``render``: the HTML the Markdown markers become, and the build-time snapshots;
- ``deploy``: files for the server and the finished site (CSP, redirects, search index,
  offline list, compressed copies, nginx, ``make release``);
- ``build``: the build itself, one object any generator can drive, and the thin MkDocs
  adapter;
- ``editors``: the editors' commands (``python -m site_config check|approve|diff``).

The editors' files stay here at the top (``site.yaml``, ``ui.yaml``, ``ordlista.yaml``,
``search_keywords.yaml``, ``approvals.yaml``): approvals are keyed by their paths.
"""

from pathlib import Path

#: this folder, where the editors' files are
SITE_CONFIG_DIR = Path(__file__).resolve().parent
#: the project's root (mkdocs.yml, docs/, decision_logic/)
PROJECT_DIR = SITE_CONFIG_DIR.parent
