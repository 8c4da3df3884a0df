"""The build: one object any generator can drive, and the thin MkDocs adapter.
"""
