#!/usr/bin/env bash
# Builds the MiniMeet image and the service images (Dockerfile, deploy/*/Dockerfile), brings the
# compose topology up with podman-compose (two app containers behind HAProxy, MariaDB, Redis,
# coturn, Janus), signs up, signs in and chats through HAProxy (packages/server/scripts/
# compose-chat.ts), grows a call past the mesh limit and has Janus answer everyone's offers
# (compose-sfu.ts), then removes the containers, networks and volumes it made, on success and
# on failure.
#
# No registry is reachable here: the images start from local base images
# (scripts/container-base-image.sh). Those and the built images are kept between runs as a
# build cache under localhost/minimeet-ci/* (with CONTAINER_TEST_KEEP_IMAGES=0 they are removed
# at the end too; the base images always stay).
# With CI=true, a machine where containers cannot run is a failure; otherwise the test is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
started=$(date +%s)
export CONTAINERS_CONF="$root/deploy/podman/containers.conf"

skip_or_fail() {
  if [ "${CI:-}" = "true" ]; then
    echo "container test: $* (required in CI)" >&2
    exit 1
  fi
  echo "WARNING: container test skipped: $*"
  exit 0
}
for tool in podman podman-compose debootstrap; do
  command -v "$tool" >/dev/null 2>&1 || skip_or_fail "$tool is not installed (scripts/ensure-system-deps.sh)"
done
podman run --rm --quiet --network none local/debian:bookworm true 2>/dev/null ||
  { bash scripts/container-base-image.sh >/dev/null &&
    podman run --rm --network none local/debian:bookworm true; } ||
  skip_or_fail "podman cannot build or run containers here"

phase() { printf '[%3ss] %s\n' "$(($(date +%s) - started))" "$*"; }
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

project="mmct$$"
images=localhost/minimeet-ci
export MINIMEET_IMAGE=$images/minimeet MINIMEET_TAG=cache
export NODE_BASE_IMAGE=local/node:20-bookworm DEBIAN_BASE_IMAGE=local/debian:bookworm
export HTTP_BIND=127.0.0.1 HTTP_PORT=$(free_port) TURN_PORT=$(free_port)
export TURN_MIN_PORT=$((41000 + RANDOM % 8000)) && export TURN_MAX_PORT=$((TURN_MIN_PORT + 10))
export PUBLIC_URL="http://127.0.0.1:$HTTP_PORT" TURN_HOST=127.0.0.1
export DB_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=') JWT_SECRET=$(head -c 24 /dev/urandom | base64)
export TURN_SECRET=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
export JANUS_API_SECRET=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
export JANUS_ADMIN_KEY=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
# Janus never gathers loopback candidates: 127.0.0.1 in its answers comes from JANUS_PUBLIC_IP.
export JANUS_RTP_MIN=$((30000 + RANDOM % 8000)) && export JANUS_RTP_MAX=$((JANUS_RTP_MIN + 19))
export JANUS_PUBLIC_IP=127.0.0.1 CALL_MESH_MAX=2
compose() { podman-compose -p "$project" -f compose.yaml "$@"; }

cleanup() {
  local status=$?
  set +e
  if [ "$status" -ne 0 ]; then
    echo "--- logs of the failed run"
    for c in $(podman ps -a --filter "label=io.podman.compose.project=$project" --format '{{.Names}}'); do
      echo "--- $c"
      podman logs --tail 30 "$c" 2>&1
    done
  fi
  phase "tearing down $project"
  podman ps -a -q --filter "label=io.podman.compose.project=$project" | xargs -r podman rm -f -t 2 >/dev/null 2>&1
  podman volume ls -q --filter "label=io.podman.compose.project=$project" | xargs -r podman volume rm -f >/dev/null 2>&1
  podman network ls -q --filter "label=io.podman.compose.project=$project" | xargs -r podman network rm -f >/dev/null 2>&1
  if [ "${CONTAINER_TEST_KEEP_IMAGES:-1}" = 0 ]; then
    podman images --format '{{.Repository}}:{{.Tag}}' | grep "^$images/" | xargs -r podman rmi -f >/dev/null
    podman image prune -f >/dev/null
  fi
  left=$(podman ps -a -q --filter "label=io.podman.compose.project=$project" | wc -l)
  [ "$left" -eq 0 ] || echo "container test: $left containers left behind" >&2
  echo "container test: $([ "$status" -eq 0 ] && echo passed || echo FAILED) in $(($(date +%s) - started)) s"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

phase "base images"
bash scripts/container-base-image.sh >/dev/null
phase "building images (app, mariadb, redis, haproxy, coturn, janus)"
# The host's CA bundle reaches npm in the build (a TLS-intercepting proxy may sit in between).
podman build --quiet --layers --format docker --build-arg "BASE_IMAGE=$NODE_BASE_IMAGE" \
  --secret id=ca-certificates,src=/etc/ssl/certs/ca-certificates.crt \
  -t "$MINIMEET_IMAGE:$MINIMEET_TAG" . >/dev/null
for svc in mariadb redis haproxy coturn janus; do
  podman build --quiet --layers --format docker --build-arg "BASE_IMAGE=$DEBIAN_BASE_IMAGE" \
    -t "$MINIMEET_IMAGE-$svc:$MINIMEET_TAG" "deploy/$svc" >/dev/null
done
podman images --format '{{.Repository}}:{{.Tag}} {{.Size}}' | grep "^$images/" | sed 's/^/  /'

phase "starting MariaDB, Redis, coturn and Janus"
compose up -d mariadb redis coturn janus >/dev/null 2>&1
for i in $(seq 1 60); do
  podman exec "${project}_mariadb_1" mariadb-admin ping --silent >/dev/null 2>&1 &&
    podman exec "${project}_redis_1" redis-cli ping 2>/dev/null | grep -q PONG && break
  [ "$i" -eq 60 ] && { echo "MariaDB or Redis did not start" >&2; exit 1; }
  sleep 1
done
phase "starting two app containers and HAProxy on 127.0.0.1:$HTTP_PORT"
compose up -d >/dev/null 2>&1
for i in $(seq 1 90); do
  # An app that exits again and again will not come up: stop waiting.
  restarts=$(podman inspect --format '{{.RestartCount}}' "${project}_app1_1" "${project}_app2_1" | sort -n | tail -n1)
  [ "${restarts:-0}" -ge 3 ] && { echo "An app container keeps exiting" >&2; exit 1; }
  up=0
  for app in app1 app2; do
    podman exec "${project}_${app}_1" node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))" 2>/dev/null && up=$((up + 1))
  done
  [ "$up" -eq 2 ] && curl -fsS "http://127.0.0.1:$HTTP_PORT/api/health" >/dev/null 2>&1 && break
  [ "$i" -eq 90 ] && { echo "The app containers did not become healthy behind HAProxy" >&2; exit 1; }
  sleep 1
done
podman exec "${project}_coturn_1" sh -c 'test -d /proc/1 && grep -q turnserver /proc/1/cmdline' ||
  { echo "coturn is not running" >&2; exit 1; }
podman exec "${project}_janus_1" sh -c 'grep -q janus /proc/1/cmdline && ! grep -Eq "^Uid:\s+0\s" /proc/1/status' ||
  { echo "Janus is not running (or runs as root)" >&2; exit 1; }

[ "$(podman exec "${project}_app1_1" id -u)" != 0 ] || { echo "The app runs as root" >&2; exit 1; }

phase "signing up, signing in and chatting through HAProxy"
(cd packages/server && npx tsx scripts/compose-chat.ts "http://127.0.0.1:$HTTP_PORT")
phase "growing a call past the mesh limit: both apps signal through the compose Janus"
(cd packages/server && npx tsx scripts/compose-sfu.ts "http://127.0.0.1:$HTTP_PORT" \
  "$JANUS_PUBLIC_IP" "$JANUS_RTP_MIN-$JANUS_RTP_MAX")
phase "running containers: $(podman ps --filter "label=io.podman.compose.project=$project" --format '{{.Names}}' | tr '\n' ' ')"
