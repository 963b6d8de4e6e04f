# One image for every way Warmcall runs (docs/operations.md, "Deploy files"):
#   docker run IMAGE migrate          apply the database migrations once, then exit
#   docker run IMAGE serve --http     HTTP mode (the default command; WEB_CONCURRENCY=N workers)
#   docker run IMAGE serve            Socket Mode when SLACK_APP_TOKEN is set
#   docker run IMAGE tick             one digest pass (cron)
# Settings come from the environment (.env.example lists them); the process runs as an unprivileged user.

FROM python:3.11-slim AS build
# Optional extras, e.g. --build-arg WARMCALL_EXTRAS=cards for reading business-card photos (~430 MB more).
ARG WARMCALL_EXTRAS=""
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
COPY seeds ./seeds
RUN pip wheel --no-cache-dir --wheel-dir /wheels ".${WARMCALL_EXTRAS:+[$WARMCALL_EXTRAS]}"

FROM python:3.11-slim
ENV PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=3000
RUN groupadd --system --gid 10001 warmcall \
    && useradd --system --uid 10001 --gid 10001 --home-dir /app --shell /usr/sbin/nologin warmcall \
    && mkdir -p /app/data \
    && chown warmcall:warmcall /app/data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir --no-index /wheels/*.whl && rm -rf /wheels
WORKDIR /app
# SQLite's default file (DATABASE_URL=sqlite:///data/warmcall.db) lives here: mount a volume on it.
VOLUME ["/app/data"]
USER 10001:10001
EXPOSE 3000
STOPSIGNAL SIGTERM
ENTRYPOINT ["warmcall"]
CMD ["serve", "--http"]
