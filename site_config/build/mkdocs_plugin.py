"""The MkDocs adapter: a plugin whose events hand pages and files to ``SiteBuild``.

The only code that knows MkDocs (or ProperDocs, the maintained fork of MkDocs 1.6, whose
command makes ``import mkdocs`` resolve to itself, so this file serves both). It holds
the build's state on ``self`` as Material's plugins do: ``on_config`` makes a new
``SiteBuild`` for every build, so ``mkdocs serve``, which keeps the process and this
object between rebuilds, starts each rebuild from nothing. ``mkdocs.yml`` loads it
through ``hooks:`` (``mkdocs_hooks.py`` exposes the bound events), so no entry point or
installed package is needed.

A ``BuildStopped`` prints the editors' messages and ends in MkDocs' ``Abort``, which
prints its line and exits with status 1 in ``mkdocs build`` and ``mkdocs serve`` alike,
with no Python traceback.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Literal, NoReturn

import pathspec
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, file_sort_key

from site_config.build.site_build import BuildStopped, SiteBuild, site_url_for
from site_config.content.approval import PROJECT_DIR


def _abort(stop: BuildStopped) -> NoReturn:
    for message in stop.messages:
        print(message, file=sys.stderr)
    raise Abort(f"Bygget avbröts: {len(stop.messages)} fel (se ovan). Rätta dem och bygg igen; "
                "'python -m site_config check' visar felen i innehållsfilerna.") from None


@contextlib.contextmanager
def _stopping() -> Iterator[None]:
    """A ``BuildStopped`` in an event becomes MkDocs' ``Abort``."""
    try:
        yield
    except BuildStopped as stop:
        _abort(stop)


class SitePlugin(BasePlugin):
    """Forwards MkDocs' events to one ``SiteBuild`` per build."""

    def __init__(self, project: Path = PROJECT_DIR) -> None:
        super().__init__()
        self.project = project
        self.serving = False
        self.site: SiteBuild | None = None

    @property
    def build(self) -> SiteBuild:
        assert self.site is not None, "on_config first"
        return self.site

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"],
                   dirty: bool) -> None:
        # `mkdocs serve` sends the files as they are: the gzip copies would only slow
        # its rebuilds.
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        self.site = None  # nothing of the last build is kept, even if this one stops
        with _stopping():
            url = site_url_for(config.get("site_url"), self.serving, os.environ)
            build = SiteBuild(self.project, site_url=url, serving=self.serving,
                              site_name=config.get("site_name") or "")
            build.load()
        config["site_url"] = url
        config["nav"] = build.nav()
        config["not_in_nav"] = pathspec.GitIgnoreSpec.from_lines(
            f"/{src}" for src in build.footer_sources())
        config["extra"].update(build.config_extra())
        self.site = build
        return config

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
        env.globals.update(self.build.template_globals())
        return env

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        docs_pages = [f.src_uri for f in files.documentation_pages()]
        with _stopping():
            generated = self.build.generated_pages(docs_pages)
        for page in generated:
            files.append(File.generated(config, page.src, content=page.markdown))
        # In the order MkDocs reads docs/ in, as if the written pages were files there:
        # the pages are built, and the search index and sitemap are written, in this order.
        return Files(sorted(files, key=file_sort_key))

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any,
                         files: Any) -> str:
        with _stopping():
            expanded = self.build.expand_page(markdown, page.file.src_uri, page.url,
                                              page.meta)
        page.meta.update(expanded.meta)
        return expanded.markdown

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        with _stopping():
            self.build.check_page(output, page.file.src_uri, page.file.content_string)
        return output

    def on_post_build(self, *, config: Any) -> None:
        with _stopping():
            self.build.finish(Path(config["site_dir"]))
