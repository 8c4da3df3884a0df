# The two commands of the README. Each sets up everything first (idempotent).
.PHONY: serve test build lock

serve:
	scripts/setup.sh
	.venv/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build:
	scripts/setup.sh
	.venv/bin/mkdocs build

test:
	scripts/setup.sh --test
	.venv/bin/ruff check .
	.venv/bin/python -m pytest

# Renews requirements/*.txt (pinned, with hashes) after a change in pyproject.toml.
lock:
	scripts/lock.sh
