"""Build-time rendering and asset preparation for the site, independent of MkDocs.

Everything here is a plain function of the routing tables; ``mkdocs_hooks.py`` is the only
file that knows about MkDocs, so the build engine could be swapped by replacing it.
"""
