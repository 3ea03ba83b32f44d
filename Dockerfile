# Node 24 (LTS); package.json supports ^22.15.0 || >=24.0.0.
FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev
ENV NODE_ENV=production
# Listen on every interface inside the container; what is reachable from outside is decided by
# the published port (docker-compose.yml binds it to 127.0.0.1).
ENV HOST=0.0.0.0
EXPOSE 4000
# 200 only when the server answers and its store answers it (503 otherwise). Assumes PORT 4000.
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=5 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:4000/health/ready').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/cli/kg.js", "serve"]
