# syntax=docker/dockerfile:1
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
RUN npm run build && cp -r src/locales dist/src/locales && cp -r src/dashboard/page dist/src/dashboard/page

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
# Memory: a burst (10,000 leaders pressing Báo cáo at once) leaves mostly heap V8 grew and has not
# given back yet, not live data (~40 MB). A young generation of 16 MB keeps the garbage of an
# update out of the old generation (CPU per update ~0.2 ms lower than with 2 MB), and a fixed
# heap growing factor of 1.5 (V8 picks up to 4) keeps the old generation near what is live, so
# 10 s after such a burst the process holds ~150-180 MB (V8 had given nothing back 30 s after).
# The embedded database (PGlite, when no DATABASE_URL is set) is Postgres compiled to WebAssembly:
# --no-liftoff compiles it once with V8's optimizing tier instead of a quick baseline first and the
# hot functions again later, so the bot holds one copy of its code (~60 MB less RSS) and runs it
# fast from the start (~25% less CPU per update), for ~1 s more at start-up. On a server it changes
# nothing that matters (the HTTP parser's module is small).
# Compiling it that way leaves ~20 MB that the C library's malloc keeps after the compiler frees
# it (glibc raises its trim threshold with the largest block ever freed). A fixed 1 MB threshold
# hands it back at once: RSS ~20 MB lower idle and after a burst, for about as many madvise calls
# in a closed loop as the default (91 against 59 in 8 s; 128 KB made 811). npm start sets the same.
# The compiler's threads free their memory into the main heap, in blocks of 32 KB and more that the
# 1 MB threshold cannot reach once something small sits above them: arena_max=1 keeps every thread
# in one heap (~10 MB less than an arena per thread) and mmap_threshold=32768 gives such blocks
# their own mapping, returned whole when freed. Idle RSS 205-224 -> 175 MB (PGlite, the ingest
# benchmark). The price: ~1,500 mmap/munmap pairs a second under full load (the 64 KB socket read
# buffers), a few µs each; CPU per update showed no difference in three pairs.
ENV GLIBC_TUNABLES=glibc.malloc.trim_threshold=1048576:glibc.malloc.arena_max=1:glibc.malloc.mmap_threshold=32768
# --single-threaded-gc: V8 collects on the main thread alone. On the 2 cores a commune's server has,
# shared with Postgres, GC helper threads only took turns with them: in four pairs (closed loop,
# real Postgres) the bot's CPU per update went 0.59-0.69 -> 0.53-0.59 ms, its wait for a core
# 0.22-0.24 -> 0.15-0.17 ms, throughput 1,319-1,389 -> 1,374-1,494 updates/s; PGlite 1.04-1.08 ->
# 0.93-1.00 ms; RSS the same.
# npm start (package.json) runs with the same flags and GLIBC_TUNABLES.
# (npm run bench -- ingest reads these flags from this line, and GLIBC_TUNABLES above.)
CMD ["node", "--max-semi-space-size=16", "--heap-growing-percent=50", "--no-liftoff", "--single-threaded-gc", "dist/src/main.js"]
