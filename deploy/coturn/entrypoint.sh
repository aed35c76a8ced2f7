#!/bin/sh
set -eu
: "${TURN_SECRET:?set TURN_SECRET}"
set -- --use-auth-secret --static-auth-secret="$TURN_SECRET" --realm="${TURN_REALM:-minimeet}" \
  --listening-port="${TURN_PORT:-3478}" --min-port="${TURN_MIN_PORT:-49160}" \
  --max-port="${TURN_MAX_PORT:-49200}" --no-cli --no-tls --no-dtls --fingerprint \
  --no-multicast-peers --denied-peer-ip=0.0.0.0-0.255.255.255 --denied-peer-ip=127.0.0.0-127.255.255.255 \
  --log-file=stdout --simple-log
[ -n "${TURN_EXTERNAL_IP:-}" ] && set -- "$@" --external-ip="$TURN_EXTERNAL_IP"
exec turnserver "$@"
