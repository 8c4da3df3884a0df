#!/usr/bin/env bash
# Sets up everything the project needs on a fresh Debian machine, idempotently:
#   scripts/setup.sh          Python venv (.venv/) with the site's packages, Pyodide from npm,
#                             Debian's graphviz (the diagrams' layout)
#   scripts/setup.sh --test   the same plus the test packages and Debian's chromium and nginx
#                             (with its Brotli module)
# Python packages are installed from requirements/<site|test>.txt, pinned with hashes.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-site}
apt_missing=()
command -v npm >/dev/null || apt_missing+=(nodejs npm)
# Graphviz's dot lays out the diagrams when the site is built (site_config/render/diagram.py).
command -v dot >/dev/null || apt_missing+=(graphviz)
if [[ $mode == --test ]]; then
  [[ -x /usr/bin/chromium ]] || apt_missing+=(chromium)
  command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || apt_missing+=(nginx)
  # nginx's brotli_static, which sends the build's .br copies (tests/browser/test_nginx.py)
  [[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ]] \
    || apt_missing+=(libnginx-mod-http-brotli-static)
fi
if ((${#apt_missing[@]})); then
  echo "Installerar Debian-paket: ${apt_missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${apt_missing[@]}" >/dev/null
fi

# decision_logic must run on the Python we test with and on Pyodide's 3.14;
# pyodide-build needs 3.12 or newer.
new_enough() { "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; }
if ! { [[ -x .venv/bin/python ]] && new_enough .venv/bin/python; }; then
  python=""
  for candidate in python3.13 python3.12 python3 /root/.pyenv/versions/3.1[2-9]*/bin/python3; do
    if command -v "$candidate" >/dev/null && new_enough "$candidate"; then
      python=$candidate
      break
    fi
  done
  if [[ -z $python ]]; then
    echo "Hittar ingen Python 3.12 eller nyare. Installera en och kör igen." >&2
    exit 1
  fi
  rm -rf .venv
  "$python" -m venv .venv
fi

# The packages come from the lock, each pinned with the sha256 of its files: the installer
# refuses a file whose hash differs and any package the lock does not name (make lock
# renews it). The project itself is then installed editable without touching the index.
# uv installs them (itself pinned by hash in requirements/uv.txt): about 2 s from its cache
# in ~/.cache/uv, where pip took 17-22 s on a fresh clone, unpacking every wheel anew.
extra=site
[[ $mode == --test ]] && extra=test
npm ci --no-audit --no-fund --loglevel=error
.venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps \
  -r requirements/uv.txt
uv=(.venv/bin/uv pip install --quiet --python .venv/bin/python)
"${uv[@]}" --require-hashes --no-deps -r "requirements/$extra.txt"
# The Brotli copies of Pyodide's wasm and module (about 25 s of one core,
# site_config/deploy/precompress.py) are kept in the user's cache, shared by every clone on
# the machine. Where they are missing, they are made in the background while setup, lint
# and test collection go on: the first build finds them or waits for them on the entry's
# lock instead of making them itself.
nohup .venv/bin/python -m site_config.deploy.precompress node_modules/pyodide/pyodide.asm.wasm \
  node_modules/pyodide/pyodide.asm.mjs >/dev/null 2>&1 &
"${uv[@]}" --no-deps --no-build-isolation -e .
