"""What the reader's browser downloads to run Python: the wheel of ``decision_logic``'s
core, the checked and trimmed Pyodide, the tables as JSON.
"""
