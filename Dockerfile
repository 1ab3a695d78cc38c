# The customer search monitor as a container: `docker build --build-arg BUILD_REVISION=$(git rev-parse --short=12 HEAD) -t capi-monitor .`
# It runs the production command (`npm run monitor`'s bin/capi-monitor --require-target), so it needs
# CAPI_BASE_URL, CONNECTID_CLIENT_ID and CONNECTID_CLIENT_SECRET; see docs/monitor-operations.md.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY client client
COPY contracts contracts
COPY cases cases
COPY gate gate
COPY monitor monitor
COPY simulator simulator
# The build stamps the revision into customer_search_build_info; the context has no .git.
ARG BUILD_REVISION=unknown
RUN BUILD_REVISION=$BUILD_REVISION npm run -s build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    MONITOR_HOST=0.0.0.0 \
    MONITOR_PORT=9464
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY bin bin
# Read at start (CONTRACT_DEVIATIONS' default); mount another file over it, or set CONTRACT_DEVIATIONS=off.
COPY contracts/accepted-deviations.json contracts/accepted-deviations.json
# The image's own unprivileged user: the monitor needs no privilege and writes nothing.
USER node
EXPOSE 9464
# Ready while the monitor runs its schedule (503 while it starts or stops). Plain HTTP on the
# monitor's port: with TLS in MONITOR_WEB_CONFIG, override the check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.MONITOR_PORT}/-/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# bin/capi-monitor execs node, which runs as PID 1 and stops on SIGTERM once the running probes finish.
STOPSIGNAL SIGTERM
CMD ["bin/capi-monitor", "--require-target"]
