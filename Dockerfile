# ipgraph API for use with an external Neo4j (see docker-compose.yml).
# Small: no dev tools, no embedded engine (its ~70 MB JRE is only for NEO4J_URI-less runs).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_PROJECT_ENVIRONMENT=/app/.venv

RUN pip install --no-cache-dir uv==0.13.9 \
    && useradd --create-home --uid 10001 ipgraph

WORKDIR /app

# Dependencies first, from the lock file only, so code edits keep this layer cached.
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-default-groups --no-install-project

COPY graph ./graph
COPY resolvers ./resolvers
COPY schema ./schema
COPY seed ./seed
COPY web ./web
COPY cli ./cli
RUN uv sync --frozen --no-default-groups && chown -R ipgraph /app

USER ipgraph
ENV PATH="/app/.venv/bin:$PATH" \
    IPGRAPH_HOST=0.0.0.0 \
    IPGRAPH_PORT=8000
EXPOSE 8000
CMD ["ipgraph", "serve"]
