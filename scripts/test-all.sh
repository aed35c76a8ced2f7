#!/usr/bin/env bash
# Runs every check and test MiniMeet has: types, lint (with the folder boundaries), formatting,
# dead code (knip), server unit + integration
# tests on SQLite and on MariaDB + Redis, web unit tests, browser tests in real Chromium, and the
# container images with the compose topology in podman.
# With CI=true a missing service is a failure, not a skip.
set -euo pipefail
cd "$(dirname "$0")/.."

# Each step is stamped with the minutes and seconds since the start, to see where CI time goes.
step() { printf '\n=== [%02d:%02d] %s ===\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*"; }
failures=()
# Each step's output is also kept in a log, so the summary (the end of a CI log, which is often all
# that is kept of it) can name the tests that failed and their first error lines.
logs=$(mktemp -d "${TMPDIR:-/tmp}/minimeet-test-all-XXXXXX")
trap 'rm -rf "$logs"' EXIT
details=()
warnings=()
fail() {
  failures+=("$1")
  details+=("${2:-}")
}
run() {
  local name=$1
  shift
  step "$name"
  local log
  log="$logs/$(printf '%s' "$name" | tr -c 'A-Za-z0-9' '_').log"
  if "$@" 2>&1 | tee "$log"; then
    echo "--- $name: ok"
    # Browser tests that failed once and passed on their retry.
    while IFS= read -r line; do warnings+=("$line"); done < <(grep -E '^FLAKY' "$log" | cut -c1-240)
  else
    echo "--- $name: FAILED"
    # vitest: "FAIL  file > test" and "×" lines; eslint/tsc/prettier: their error lines.
    fail "$name" "$(grep -E -- '^ *(FAIL|×|✗) |Error:|error TS|  error  |\[warn\]|expected' "$log" |
      sed -E 's/\x1b\[[0-9;]*m//g' | cut -c1-200 | awk '!seen[$0]++' | head -n 12 || true)"
  fi
}

step "system packages"
bash scripts/ensure-system-deps.sh

step "build"
npm run build

run "typecheck" npm run typecheck
run "lint" npx eslint . --max-warnings 0
run "format" npx prettier --check .
run "dead code (knip)" npx knip
run "server tests (SQLite)" env TEST_DB=sqlite npm test -w @minimeet/server

mysql_up=0
redis_up=0
node -e "require('net').connect(3306,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" && mysql_up=1
node -e "require('net').connect(6379,'127.0.0.1').on('connect',()=>process.exit(0)).on('error',()=>process.exit(1))" && redis_up=1
if [ "$mysql_up" = 1 ] && [ "$redis_up" = 1 ]; then
  run "server tests (MariaDB + Redis, two processes)" env TEST_DB=mysql npm test -w @minimeet/server
elif [ "${CI:-}" = "true" ]; then
  echo "MariaDB (127.0.0.1:3306) or Redis (127.0.0.1:6379) is not reachable: required in CI" >&2
  fail "MariaDB/Redis unavailable"
else
  echo "WARNING: MariaDB or Redis not reachable; skipping the MariaDB + Redis suite (it is required in CI)"
fi

# The whole topology of `npm run cluster` (its own MariaDB, Redis, coturn, two app processes with
# their Janus, HAProxy): chat and calls across processes, kill -9 and kill -STOP of a process.
if command -v haproxy >/dev/null 2>&1 && command -v mariadbd >/dev/null 2>&1 &&
  command -v redis-server >/dev/null 2>&1; then
  run "cluster (HAProxy + two processes, kill -9, kill -STOP)" \
    env TEST_CLUSTER=1 npm exec -w @minimeet/server -- vitest run test/cluster.test.ts
elif [ "${CI:-}" = "true" ]; then
  echo "haproxy, mariadbd or redis-server is missing: the cluster test is required in CI" >&2
  fail "cluster: haproxy/mariadbd/redis-server missing"
else
  echo "WARNING: haproxy, mariadbd or redis-server missing; skipping the cluster test (required in CI)"
fi

run "web unit tests" npm test -w @minimeet/web

# Browser tests run in a network namespace with only loopback: every ICE candidate is 127.0.0.1.
# Janus gathers no loopback candidates, so the namespace also gets a veth holding 127.0.0.2
# (nothing leaves the namespace); the SFU tests point Janus's ice_enforce_list at it.
NETNS_SETUP='ip link set lo up && ip link add mm0 type veth peer name mm1 && ip addr add 127.0.0.2/32 dev mm0 && ip link set mm0 up && ip link set mm1 up'
if [ "$(id -u)" -eq 0 ] && unshare -n true 2>/dev/null; then
  run "browser tests (Chromium)" unshare -n sh -c "$NETNS_SETUP && npm run test:e2e -w @minimeet/web"
elif [ "${CI:-}" = "true" ]; then
  echo "Browser tests need root for a loopback-only network namespace (unshare -n)" >&2
  fail "browser tests: no network namespace"
else
  echo "WARNING: no network namespace available; running browser tests on the host network"
  run "browser tests (Chromium)" npm run test:e2e -w @minimeet/web
fi

# Builds the images and runs the compose topology (two apps behind HAProxy, MariaDB, Redis, coturn,
# Janus) in podman, chats through it and has Janus answer a call grown past the mesh limit; fails
# in CI when containers cannot run here.
run "containers (compose topology)" bash scripts/container-test.sh

step "summary"
for line in "${warnings[@]}"; do echo "$line"; done
if [ ${#failures[@]} -gt 0 ]; then
  for i in "${!failures[@]}"; do
    echo "FAILED: ${failures[$i]}"
    [ -z "${details[$i]}" ] || echo "${details[$i]}"
  done
  exit 1
fi
echo "All checks and tests passed."
