# syntax=docker/dockerfile:1
# Production image of Lectern. Node 24 runs the TypeScript sources directly (type stripping), so
# there is no compile step: the image holds src/ and the production dependencies only.
#
#   docker build -t lectern .                   the runtime image (default target)
#   docker build --target check -t lectern:ci . optional: full install + typecheck
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
COPY package.json package-lock.json .npmrc ./

# Every dependency (dev tools included): only for the optional `check` target.
FROM base AS check
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run typecheck

# Production dependencies only: what the runtime stage copies.
FROM base AS deps
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8000 \
    DATA_DIR=/data
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY package.json ./
COPY src ./src
# DATA_DIR holds the embedded database, local files and generated secrets when no external
# services are configured; mount a volume there for a single-container deployment.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8000) + '/api/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "src/main.ts", "serve"]
