"""Entry point for ``python -m decision_logic check [PATH]``: the editors' check.

Delegates to the toolchain (``decision_logic.toolchain.command``); this file is not
part of the wheel the browser installs.
"""

import sys

from .toolchain.command import main

sys.exit(main(sys.argv[1:]))
