#!/usr/bin/env bash
# Run by `npm start`: installs Janus (Debian's `janus` package) when it is missing, so calls above
# the mesh limit work out of the box. Never fails the start: without root, apt-get or a Debian
# package, the server starts anyway and says once that calls stay peer-to-peer (mesh-only).
set -uo pipefail

command -v janus >/dev/null 2>&1 && exit 0
[ "${JANUS_DISABLED:-false}" = "true" ] && exit 0
[ -n "${JANUS_URLS:-}" ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  echo "Janus is not installed and this is not a Debian/Ubuntu system: calls stay peer-to-peer." >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo"
  else
    echo "Janus is not installed (run 'sudo apt-get install janus' for calls above the mesh limit)." >&2
    exit 0
  fi
fi
echo "Installing Janus (Debian package 'janus') for calls above the mesh limit..."
export DEBIAN_FRONTEND=noninteractive
if ! { $SUDO apt-get install -y -q --no-install-recommends janus ||
  { $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends janus; }; }; then
  echo "Could not install Janus: calls stay peer-to-peer." >&2
  exit 0
fi
# The package starts its own service (HTTP 8088, WebSocket 8188); MiniMeet supervises its own Janus.
if command -v systemctl >/dev/null 2>&1; then $SUDO systemctl disable --now janus >/dev/null 2>&1 || true; fi
exit 0
