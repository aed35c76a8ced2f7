# syntax=docker/dockerfile:1
# MiniMeet server + built web client in one image.
#
#   docker build -t minimeet .            (or: podman build -t minimeet .)
#
# How Node 20 gets in: from the base image. BASE_IMAGE defaults to the official
# node:20-bookworm-slim (Node and npm under /usr/local). Where no registry is reachable, pass a
# local image with the same layout: scripts/container-base-image.sh makes local/node:20-bookworm
# from a debootstrap'd Debian bookworm plus the host's Node 20, and the container test builds with
#   --build-arg BASE_IMAGE=local/node:20-bookworm
ARG BASE_IMAGE=node:20-bookworm-slim

# ---- build: dev dependencies, compilers for the native modules, the build itself ------------
FROM ${BASE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ ca-certificates \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
# Manifests first: the npm ci layer is reused while only sources change. Install scripts are
# skipped (dev tools would download browsers and native builds); the one native module the
# server needs is compiled against the base image's Node headers.
COPY package.json package-lock.json ./
COPY packages/contract/package.json packages/contract/
COPY packages/server/package.json packages/server/
COPY packages/web/package.json packages/web/
# Behind a proxy that intercepts TLS, hand its CA bundle to npm (nothing of it stays in a layer):
#   --secret id=ca-certificates,src=/etc/ssl/certs/ca-certificates.crt
ENV npm_config_nodedir=/usr/local
RUN --mount=type=cache,target=/root/.npm --mount=type=secret,id=ca-certificates,required=false \
    if [ -f /run/secrets/ca-certificates ]; then export NODE_EXTRA_CA_CERTS=/run/secrets/ca-certificates; fi \
 && npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild better-sqlite3 \
 && node -e "new (require('better-sqlite3'))(':memory:').close()"
# unix-dgram (janode's, for Janus over a Unix socket) is native too and loaded at start.
RUN npm rebuild unix-dgram && node -e "require('unix-dgram')"
COPY tsconfig.base.json ./
COPY packages packages
# The web client's dependencies are in its bundle (packages/web/dist): dropped from the manifest
# here, they go with the dev dependencies. better-sqlite3 keeps its compiled addon only.
RUN npm run build \
 && npm pkg delete dependencies -w @minimeet/web \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf packages/*/src packages/*/test packages/web/e2e packages/*/bench \
 && find node_modules/better-sqlite3 -mindepth 1 -maxdepth 1 -not -name build -not -name lib -not -name package.json -not -name LICENSE -exec rm -rf {} + \
 && find node_modules/better-sqlite3/build -mindepth 1 -maxdepth 1 -not -name Release -exec rm -rf {} + \
 && find node_modules/better-sqlite3/build/Release -mindepth 1 -not -name better_sqlite3.node -exec rm -rf {} + \
 && node -e "new (require('better-sqlite3'))(':memory:').close()"

# ---- runtime: production dependencies only, no compilers, not root ---------------------------
FROM ${BASE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    WEB_DIST_DIR=/app/packages/web/dist
RUN (id -u node >/dev/null 2>&1 || useradd --system --uid 1000 --create-home --shell /usr/sbin/nologin node) \
 && mkdir -p /data && chown node /data && chmod 700 /data
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=build --chown=root:root /app/node_modules node_modules
COPY --from=build --chown=root:root /app/packages/contract/package.json packages/contract/
COPY --from=build --chown=root:root /app/packages/contract/dist packages/contract/dist
COPY --from=build --chown=root:root /app/packages/server/package.json packages/server/
COPY --from=build --chown=root:root /app/packages/server/dist packages/server/dist
COPY --from=build --chown=root:root /app/packages/web/dist packages/web/dist
USER node
VOLUME /data
EXPOSE 3000
# The SQLite default keeps its database in /data; with MariaDB + Redis (compose.yaml) it is
# only the JWT secret's fallback place. Backups: `node packages/server/dist/backup-cli.js <file>`.
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "packages/server/dist/main.js"]
