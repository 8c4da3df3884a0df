# The two commands of the README. Each sets up everything first (idempotent).
.PHONY: serve test check build release lock

# Python keeps what it compiles (.venv's packages, ours, pytest's rewritten tests) for the
# next process. A test run starts many (both xdist workers, every mkdocs build of a copied
# project), and where the machine sets PYTHONDONTWRITEBYTECODE each compiled everything it
# imports anew: MkDocs, Material, Playwright and Hypothesis take 0.98 s to import from
# source, 0.47 s compiled. __pycache__/ is ignored by git and by every copy of the project.
export PYTHONDONTWRITEBYTECODE :=

serve:
	scripts/setup.sh
	.venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build:
	scripts/setup.sh
	.venv/bin/mkdocs build

# The build for the public: SITE_URL=https://…/ make release. It refuses, naming each
# problem, while SITE_URL is missing or local, the report address is the placeholder or
# the accessibility statement lacks the region's details (site_config/deploy/release.py).
release:
	scripts/setup.sh
	.venv/bin/python -m site_config.deploy.release

# Both cores (pytest-xdist), every tier spread over them; worksteal: a worker that runs
# out takes tests queued for the other. The run keeps both cores about 92 % busy
# (Chromium, Pyodide, the builds). Three workers, or the longest tests first, did not
# measure faster on fresh clones (README, Tests). The site is built once for all
# (tests/conftest.py, made_once).
test:
	scripts/setup.sh --test
	.venv/bin/ruff check .
	.venv/bin/python -m pytest -n auto --dist worksteal

# Fast feedback while working, with nothing installed or set up: lint, then the unit
# and site tiers (tests/unit/, tests/site/) on every core. Needs a machine set up once
# by `make test` or `make serve`. The browser tier runs in `make test`. worksteal: a
# worker that runs out takes tests queued for the other, so a few slow builds at the
# end (the approval workflow's, the release's) do not leave one core idle. The browser
# tests are not imported at all (each worker would collect them only to deselect them);
# a test file outside the three tier folders is still collected, and refused.
check:
	.venv/bin/ruff check .
	.venv/bin/python -m pytest -q -m "unit or site" --ignore=tests/browser -n auto \
		--dist worksteal

# Renews requirements/*.txt (pinned, with hashes) after a change in pyproject.toml.
lock:
	scripts/lock.sh
