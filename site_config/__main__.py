"""``python -m site_config check|approve|diff``: the editors' commands.

They live above both packages (``site_config.editors.command``), since the check loads
the whole site and ``decision_logic`` never imports ``site_config``.
"""

import sys

from site_config.editors.command import main

sys.exit(main(sys.argv[1:]))
