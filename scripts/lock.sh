#!/usr/bin/env bash
# Regenerates the hash-locked Python requirements from pyproject.toml:
#   requirements/site.txt   what scripts/setup.sh installs for building and serving the site
#   requirements/test.txt   the same plus the test packages (scripts/setup.sh --test)
#   requirements/uv.txt     uv itself, with which scripts/setup.sh installs the two above
# Run it (as `make lock`) after changing a dependency in pyproject.toml, and commit both
# files. Each package is pinned to one version with the sha256 of every file PyPI has for
# it, for every platform and every Python from 3.12 on, so pip refuses anything else.
set -euo pipefail
cd "$(dirname "$0")/.."

uv_version=0.13.9
[[ -x .venv/bin/python ]] || python3 -m venv .venv
if [[ $(.venv/bin/uv --version 2>/dev/null) != "uv $uv_version" ]]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check "uv==$uv_version"
fi
echo "uv==$uv_version" | .venv/bin/uv pip compile - --quiet --universal --python-version 3.12 \
  --generate-hashes --custom-compile-command "make lock" --output-file requirements/uv.txt
for extra in site test; do
  .venv/bin/uv pip compile pyproject.toml --quiet --extra "$extra" --universal \
    --python-version 3.12 --generate-hashes --custom-compile-command "make lock" \
    --output-file "requirements/$extra.txt"
done
echo "requirements/site.txt, test.txt och uv.txt är uppdaterade; committa dem."
