"""``python -m site_config.deploy.nginx SITE_DIR --out-dir DIR``: see the package docstring."""

import sys

from site_config.deploy.nginx import main

sys.exit(main())
