"""``hooks:`` in mkdocs.yml: the site's plugin (``mkdocs_plugin.SitePlugin``), made once
per process, its events exposed as the module's functions MkDocs and ProperDocs call.

The build itself is ``site_build.SiteBuild``; to build the same site with another
generator, drive that object from it instead.
"""

from __future__ import annotations

from site_config.build.mkdocs_plugin import SitePlugin

_plugin = SitePlugin()

on_startup = _plugin.on_startup
on_config = _plugin.on_config
on_env = _plugin.on_env
on_files = _plugin.on_files
on_page_markdown = _plugin.on_page_markdown
on_post_page = _plugin.on_post_page
on_post_build = _plugin.on_post_build
