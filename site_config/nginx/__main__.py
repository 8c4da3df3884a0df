"""``python -m site_config.nginx SITE_DIR --out-dir DIR``: see the package docstring."""

import sys

from site_config.nginx import main

sys.exit(main())
