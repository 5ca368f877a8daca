# syntax=docker/dockerfile:1
# Node 24 (active LTS; Node 20 is past end of life): AsyncLocalStorage (the request-scoped logger) without a
# hook on every promise, and a larger young generation; it held 500 msg/s in the benchmark where Node 20 mostly
# held 250 (docs/performance.md#node-24).
# --- build: compile TypeScript and build the web client, with every dependency -------------------
FROM node:24-bookworm-slim AS build
WORKDIR /app
# The root is an npm workspace: the web client's package.json belongs to the lock file's install.
COPY package.json package-lock.json ./
COPY web/package.json ./web/
RUN npm ci --no-audit --no-fund
COPY nest-cli.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npx nest build
COPY web ./web
RUN npm run build -w @parley/web

# --- runtime: production dependencies only, non-root -------------------------------------------
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    PORT=3000 \
    WEB_DIST_DIR=/app/web/dist
WORKDIR /app
# ffmpeg decodes voice notes for their duration and waveform (src/upload/voice-analysis.ts).
RUN apt-get update \
    && apt-get install -y --no-install-recommends ffmpeg \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# --workspaces=false: the web client's packages are all build tools (devDependencies), so the server's
# production install leaves the workspace out altogether (its package.json is not even copied).
RUN npm ci --omit=dev --workspaces=false --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
COPY --from=build /app/web/dist ./web/dist
COPY docker/app-entrypoint.sh /usr/local/bin/parley-entrypoint
USER node
EXPOSE 3000
STOPSIGNAL SIGTERM
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/v1/health/live').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["/usr/local/bin/parley-entrypoint"]
# One core per instance (docker-compose.yml's limit; more instances scale out through the Redis adapter):
# with one core, V8's background GC threads would take it from the event loop mid-request, so the
# collector runs on the main thread (docs/performance.md#gc-single-threaded). No fixed heap cap: inside a
# container Node sizes V8's heap from the memory limit, and a 640 MB cap made one reconnect ramp fail
# (docs/performance.md#node-24).
CMD ["node", "--single-threaded-gc", "dist/main.js"]
