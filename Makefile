# The two commands of the README. Each sets up everything first (idempotent).
.PHONY: serve test check build release lock

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

# Three pytest-xdist workers on the two cores, every tier spread over them. The run keeps
# both cores about 92 % busy (Chromium, Pyodide, the builds), but each browser test also
# waits (a worker's reply, a server, a slowed line), and a third worker fills those waits.
# --dist load --maxschedchunk 1 hands out the tests in the order tests/conftest.py gives
# them, the longest first, a test or two at a time to whichever worker is free, so the
# run ends on short ones. (worksteal, or load's default first chunk of a quarter of a
# worker's share, put the longest tests in one worker's queue: 8 min 34 s.)
test:
	scripts/setup.sh --test
	.venv/bin/ruff check .
	.venv/bin/python -m pytest -n 3 --dist load --maxschedchunk 1

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
