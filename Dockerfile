# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build && cp -r src/locales dist/src/locales

FROM node:20-bookworm-slim
ENV NODE_ENV=production DATA_DIR=/data
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# Migrations run at start-up, before the bot takes updates.
# A small young generation: the bot makes short-lived garbage in bursts (a reminder wave's
# answers), and with node's default 16 MB semi-spaces a burst of 10,000 dialogues leaves the
# process at ~230 MB instead of ~120 MB (npm run bench -- ingest; costs ~5% CPU per update).
CMD ["node", "--max-semi-space-size=2", "dist/src/main.js"]
