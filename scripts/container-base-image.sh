#!/usr/bin/env bash
# Builds the local base images the container test starts from, because no registry is reachable
# here (users elsewhere build FROM the public images, the Dockerfiles' default BASE_IMAGE):
#   local/debian:bookworm        debootstrap --variant=minbase from the Debian mirror apt uses
#   local/node:20-bookworm       the same plus this machine's Node 20 (node, npm and the headers
#                                under /usr/local, where the official node:20 images keep them)
# Kept between runs (a cache): built only when missing.
set -euo pipefail
export CONTAINERS_CONF="${CONTAINERS_CONF:-$(cd "$(dirname "$0")/.." && pwd)/deploy/podman/containers.conf}"

if ! podman image exists local/debian:bookworm; then
  mirror=$(grep -rhoE '^(URIs:|deb) *https?://[^ ]+/debian/?( |$)' /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null |
    grep -oE 'https?://[^ ]+' | head -n1 || true)
  mirror=${mirror:-http://deb.debian.org/debian}
  rootfs=$(mktemp -d /tmp/minimeet-rootfs.XXXXXX)
  trap 'rm -rf "$rootfs"' EXIT
  echo "debootstrap bookworm from $mirror"
  debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  tar -C "$rootfs" -c . | podman import --quiet - local/debian:bookworm >/dev/null
  rm -rf "$rootfs"
  trap - EXIT
fi

if ! podman image exists local/node:20-bookworm; then
  node_bin=$(command -v node)
  node_major=$("$node_bin" -p 'process.versions.node.split(".")[0]')
  [ "$node_major" = 20 ] || { echo "The host's Node is $node_major, not 20" >&2; exit 1; }
  npm_dir=$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")
  ctx=$(mktemp -d /tmp/minimeet-node-ctx.XXXXXX)
  trap 'rm -rf "$ctx"' EXIT
  mkdir -p "$ctx/bin" "$ctx/lib" "$ctx/include"
  cp "$node_bin" "$ctx/bin/node"
  # Headers, for native modules built in the image (the official images have them too).
  cp -r "$(dirname "$(dirname "$node_bin")")/include/node" "$ctx/include/node"
  cp -r "$npm_dir" "$ctx/lib/npm"
  cat >"$ctx/Dockerfile" <<'DOCKERFILE'
FROM local/debian:bookworm
COPY bin/node /usr/local/bin/node
COPY lib/npm /usr/local/lib/node_modules/npm
COPY include/node /usr/local/include/node
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s ../lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx \
 && node --version && npm --version
DOCKERFILE
  podman build --quiet -t local/node:20-bookworm "$ctx" >/dev/null
  rm -rf "$ctx"
  trap - EXIT
fi
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep '^localhost/local/' || true
