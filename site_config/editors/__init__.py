"""The editors' commands: ``python -m site_config check|approve|diff`` (``command.py``).
The top floor beside ``build``: it may use any other, nothing uses it.
"""
