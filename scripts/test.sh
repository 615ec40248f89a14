#!/usr/bin/env bash
# Set up everything the tests need on a fresh Debian machine, then run pytest.
# Extra arguments go to pytest (e.g. `bash scripts/test.sh -k hours`).
set -euo pipefail
cd "$(dirname "$0")/.."

python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e '.[test]'

# Browser tests use Debian's Chromium (never a downloaded browser build); the HTML check needs Java.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v java >/dev/null || missing+=(default-jre-headless)
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# nginx for the deploy/nginx test (`nginx -t`, then run on free ports): the binary only, so the
# package is kept from starting a service while it installs.
if ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
    $SUDO chmod +x "$policy"
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq nginx-light >/dev/null
  if [ -n "$policy" ]; then $SUDO rm -f "$policy"; fi
fi

# axe-core (accessibility rules) for the browser tests, pinned by tests/browser/package-lock.json.
if [ -f tests/browser/package.json ]; then
  npm ci --prefix tests/browser --no-audit --no-fund --silent
fi

# The admin (Decap CMS) and its local backend (decap-server) for tests/browser/test_admin.py and
# tests that build with --admin, pinned by admin/package-lock.json.
npm ci --prefix admin --no-audit --no-fund --silent

exec .venv/bin/python -m pytest "$@"
