"""Loads and checks every file editors keep into plain objects: the one load that the
build and the editors' check share (``load.py``). Imports nothing else of ``site_config``.
"""
