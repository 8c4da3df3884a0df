"""Entry point for ``python -m decision_logic check [PATH]``."""

import sys

from .check import main

sys.exit(main(sys.argv[1:]))
