#!/usr/bin/env bash
# Installs the Debian packages the test suite drives for real: Chromium and Firefox ESR (browser
# tests), coturn (TURN relay tests), Janus (SFU tests), HAProxy, MariaDB and Redis servers
# (`npm run cluster` and its test) and podman (container test). Idempotent; does nothing when
# they are already there.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v turnserver >/dev/null 2>&1 || missing+=(coturn)
command -v janus >/dev/null 2>&1 || missing+=(janus)
command -v firefox-esr >/dev/null 2>&1 || missing+=(firefox-esr)
command -v unshare >/dev/null 2>&1 || missing+=(util-linux)
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v haproxy >/dev/null 2>&1 || missing+=(haproxy)
command -v mariadbd >/dev/null 2>&1 || missing+=(mariadb-server)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# Container test (scripts/container-test.sh): podman with netavark + aardvark-dns (containers of a
# compose project find each other by name), runc, podman-compose, and debootstrap for the base image.
command -v podman >/dev/null 2>&1 || missing+=(podman runc)
command -v podman-compose >/dev/null 2>&1 || missing+=(podman-compose)
command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
[ -x /usr/lib/podman/netavark ] || missing+=(netavark)
[ -x /usr/lib/podman/aardvark-dns ] || missing+=(aardvark-dns)
# netavark sets up the containers' network with iptables (only recommended by the packages).
[ -x /usr/sbin/iptables ] || command -v iptables >/dev/null 2>&1 || missing+=(iptables)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Need root (or sudo) to install: ${missing[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
# coturn's package starts a system service on 3478; the tests start their own instances.
# Janus's package likewise starts a system service (HTTP 8088, WebSocket 8188); the server
# supervises its own Janus with a generated config.
if command -v systemctl >/dev/null 2>&1; then
  $SUDO systemctl disable --now coturn >/dev/null 2>&1 || true
  $SUDO systemctl disable --now janus >/dev/null 2>&1 || true
  # HAProxy's package starts an empty system service; `npm run cluster` runs its own.
  $SUDO systemctl disable --now haproxy >/dev/null 2>&1 || true
fi
