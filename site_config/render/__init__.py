"""The HTML the Markdown markers become (``markers.py`` dispatches), drawn from the
routing tables, the build-time snapshots of Python's answers and the texts in ui.yaml.
"""
