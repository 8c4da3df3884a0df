"""The build: ``site_build.SiteBuild``, the one object any generator can drive, and the
thin MkDocs adapter (``mkdocs_plugin.SitePlugin``, loaded by ``mkdocs_hooks.py``).
"""
