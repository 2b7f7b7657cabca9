# Multi-stage image: CPU-only torch, the model prepared and the index built at build time.
# The build stage runs the Makefile's own targets (install, model, build), which `make test`
# exercises; no Docker engine runs on our machines, so keep this file to those targets.

FROM python:3.11-slim-bookworm AS build
RUN apt-get update && apt-get install -y --no-install-recommends make && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md Makefile ./
COPY qa ./qa
COPY api ./api
COPY corpus ./corpus
COPY tests/eval ./tests/eval
# CPU wheels of torch come from PyTorch's CPU index; runtime extras only (no test tools).
RUN make install EXTRAS= TORCH_INDEX="--index-url https://download.pytorch.org/whl/cpu --extra-index-url https://pypi.org/simple" \
 && make model \
 && make build

FROM python:3.11-slim-bookworm AS runtime
ENV HF_HUB_OFFLINE=1 \
    OMP_WAIT_POLICY=PASSIVE \
    PYTHONUNBUFFERED=1 \
    QA_HOST=0.0.0.0 \
    QA_PORT=8000 \
    QA_FEEDBACK_DB=/app/var/feedback.sqlite3
RUN useradd --create-home --uid 10001 qa
WORKDIR /app
COPY --from=build --chown=qa:qa /app /app
RUN mkdir -p /app/var && chown qa:qa /app/var
USER qa
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["/app/.venv/bin/python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status == 200 else 1)"]
CMD ["/app/.venv/bin/qa", "serve"]
