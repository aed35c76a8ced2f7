// The cluster's layout (state dir, ports) and the config files it writes for HAProxy and coturn.
import { resolve } from 'node:path';

/**
 * Every port follows CLUSTER_PORT_BASE (default 8080): the balancer on the base, the apps on +1
 * and +2, MariaDB +3, Redis +4, TURN +5, HAProxy's stats page +6 (loopback).
 */
export function clusterLayout(root, env) {
  const base = Number(env.CLUSTER_PORT_BASE ?? 8080);
  if (!Number.isInteger(base) || base < 1024 || base > 65_000)
    throw new Error(
      `CLUSTER_PORT_BASE must be a port between 1024 and 65000 (got "${env.CLUSTER_PORT_BASE}")`,
    );
  const bind = env.CLUSTER_BIND ?? '127.0.0.1';
  const host = bind === '0.0.0.0' ? '127.0.0.1' : bind;
  return {
    dir: resolve(root, env.CLUSTER_DIR ?? '.cluster'),
    bind,
    publicUrl: env.PUBLIC_URL ?? `http://${host}:${base}`,
    extraOrigins: env.PUBLIC_URL ? [] : [`http://localhost:${base}`],
    ports: {
      balancer: base,
      apps: [base + 1, base + 2],
      mariadb: base + 3,
      redis: base + 4,
      turn: base + 5,
      stats: base + 6,
    },
  };
}

/**
 * HAProxy in front of the two apps: least connections, WebSocket upgrade (HTTP mode handles it;
 * `timeout tunnel` keeps the upgraded connection), a health check on /api/health every second
 * (3 failures or a 2 s check timeout take a process out, so a hung one is out within about 5 s),
 * and `on-marked-down shutdown-sessions` so the clients of a process taken out reconnect at once
 * through the other instead of waiting on a hung socket. Each response names the process that
 * served it in X-MiniMeet-Instance.
 */
export function haproxyConfig({ bind, dir, ports }) {
  return `global
  maxconn 8000
  # One thread: the apps, MariaDB and Redis share this machine's cores with it.
  nbthread 1
  log stdout format raw local0 notice
  stats socket ${dir}/run/haproxy.sock mode 600 level admin

defaults
  mode http
  log global
  timeout connect 3s
  timeout client 60s
  timeout server 60s
  timeout tunnel 1h
  timeout http-request 10s
  timeout check 2s
  # A connection refused by a dead process is tried again on the other one.
  retries 2
  option redispatch 1

frontend minimeet
  bind ${bind}:${ports.balancer}
  option forwardfor
  default_backend apps

backend apps
  balance leastconn
  option httpchk
  http-check send meth GET uri /api/health
  http-check expect status 200
  default-server inter 1s fastinter 1s downinter 2s fall 3 rise 2 on-marked-down shutdown-sessions
  http-response set-header X-MiniMeet-Instance %s
  server app1 127.0.0.1:${ports.apps[0]} check
  server app2 127.0.0.1:${ports.apps[1]} check

frontend stats
  bind 127.0.0.1:${ports.stats}
  stats enable
  stats uri /stats
  stats refresh 5s
`;
}

/** coturn with the TURN REST API secret the apps mint short-lived credentials from. */
export function turnConfig({ bind, dir, ports }, secret) {
  const listen = bind === '0.0.0.0' ? '' : `listening-ip=${bind}\n`;
  return `${listen}listening-port=${ports.turn}
min-port=49160
max-port=49999
realm=minimeet
use-auth-secret
static-auth-secret=${secret}
fingerprint
no-tls
no-dtls
no-cli
no-multicast-peers
${bind === '127.0.0.1' ? 'allow-loopback-peers\n' : ''}userdb=${dir}/turn/turndb
pidfile=${dir}/run/turnserver.pid
log-file=stdout
simple-log
`;
}
