# syntax=docker/dockerfile:1

# Node 24 LTS (Debian bookworm, glibc), the version `engines` and scripts/use-node.sh name.
ARG NODE_IMAGE=node:24-bookworm-slim

# ---------------------------------------------------------------------------
# build: compile TypeScript to dist/ and the web console to dist/console (with dev dependencies)
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app

COPY package.json package-lock.json ./
# Compiling needs no install scripts (nest build uses the tsc builder), so skip them all:
# nothing native gets built here and no third-party postinstall hook runs.
RUN npm ci --ignore-scripts --no-audit --no-fund

COPY tsconfig*.json nest-cli.json ./
COPY scripts ./scripts
COPY public ./public
COPY src ./src
# The web console, built by `npm run build` into dist/console (served at /app), with the typed client it uses.
COPY console ./console
COPY clients ./clients

# There is no .git in the build context (and no git in the image), so scripts/build-info.js
# records this value in dist/build-info.json. Pass it with --build-arg GIT_COMMIT=$(git rev-parse --short HEAD).
ARG GIT_COMMIT=unknown
ENV GIT_COMMIT=${GIT_COMMIT}
# The console's sign-in page lists the demo accounts (and their password) only when built with
# this on: never in an image built with the defaults. docker-compose.yml turns it on, as it seeds them.
ARG CONSOLE_DEMO_ACCOUNTS=false
ENV CONSOLE_DEMO_ACCOUNTS=${CONSOLE_DEMO_ACCOUNTS}
RUN npm run build

# ---------------------------------------------------------------------------
# prod-deps: production node_modules, install scripts off
# ---------------------------------------------------------------------------
# argon2 ships prebuilt Node-API 10 binaries (prebuilds/linux-x64/argon2.glibc.node, and
# linux-arm64/argon2.armv8.glibc.node) that node-gyp-build loads at require time; Node 24
# supports Node-API 10, so nothing is compiled and this stage needs no python3/make/g++.
# (On Node 20, which lacks Node-API 10, that binary segfaulted: the image used to compile
# argon2 from source here. The Node 24 base above is what makes the prebuild safe.)
# The smoke test hashes and verifies once, so a base image whose libc or Node-API does not fit
# the prebuild fails the build here instead of the app at its first login.
# All install scripts are skipped: argon2's only runs node-gyp-build (a no-op when a prebuild
# loads), @scarf/scarf is telemetry, and msgpackr-extract (optional) loads its binary from the
# @msgpackr-extract/* platform package without its script.
FROM ${NODE_IMAGE} AS prod-deps
WORKDIR /app

COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && node -e "const a=require('argon2');a.hash('smoke').then(h=>a.verify(h,'smoke')).then(ok=>process.exit(ok?0:1),()=>process.exit(1))" \
 && npm cache clean --force

# ---------------------------------------------------------------------------
# runtime
# ---------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
# glibc malloc: two arenas, not one per thread, and a fixed mmap threshold (each login's 19 MiB
# argon2 buffer is returned when freed): ~75 MiB less resident memory under load (README).
ENV MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072
WORKDIR /app

# The app reads package.json and public/ relative to the parent of dist/ (here /app).
# Files stay owned by root: the node user can read, not modify, the application.
COPY package.json ./
COPY --from=prod-deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/public ./public
# Attachments (STORAGE_DIR, local driver): the one place the app writes; a volume mounted here
# takes this directory's owner.
ENV STORAGE_DIR=/data/attachments
RUN mkdir -p /data/attachments && chown node:node /data/attachments

USER node
EXPOSE 3000
# Inbound email (SMTP), where INBOUND_SMTP_PORT=2525 turns the listener on (the worker in docker-compose.yml).
EXPOSE 2525

# No curl in the slim image; Node has fetch. Honours PORT if overridden. Readiness (Postgres and
# Redis up, not draining after SIGTERM): /api/health/ready; Kubernetes uses its own probes instead.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/ready').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"]

# API server, with the old-space cap of `npm start` (README "Performance": without it V8 grows the
# heap to ~220 MiB under load although ~80 MiB is live). The queue worker uses the same image:
# CMD ["node", "dist/worker.js"].
CMD ["node", "--max-old-space-size=192", "--max-semi-space-size=8", "dist/main.js"]
