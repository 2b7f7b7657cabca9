# Two commands on a fresh machine: `make run` serves, `make test` tests.
# The Dockerfile runs the same targets (install, model, index), so these steps are what ships.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The Dockerfile sets this to PyTorch's CPU index; here pip takes the CPU wheel on disk.
TORCH_INDEX ?=
EXTRAS ?= [dev]

export HF_HUB_OFFLINE := 1
export OMP_WAIT_POLICY := PASSIVE

.PHONY: install model index build run serve test test-fast lint bench browser-deps clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet torch==2.13.0 $(TORCH_INDEX)
	$(BIN)/pip install --quiet -e ".$(EXTRAS)"
	touch $(STAMP)

install: $(STAMP)

model: install
	$(BIN)/qa model

# Builds the index only when there is no live one this program can serve (`qa index
# verify`: intact, and made for this scoring version and model); `make build` always rebuilds.
index: model
	@live="$${QA_INDEX_DIR:-index}/LIVE"; \
	if [ ! -f "$$live" ]; then $(BIN)/qa build; \
	elif reason=$$($(BIN)/qa index verify 2>&1); then echo "index: using $${QA_INDEX_DIR:-index}/$$(cat $$live)"; \
	else echo "index: rebuilding, the live one cannot be served: $$reason"; $(BIN)/qa build; fi

build: model
	$(BIN)/qa build

run: index
	$(BIN)/qa serve

serve: run

browser-deps:
	@command -v chromium >/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "browser tests need Debian's chromium: run 'sudo apt-get install -y chromium'"; exit 1; fi; }

# Two passes: all but the crash and load tests on two processes (pytest-xdist; 16 min 30 s
# alone at stop 59, over the 15 allowed), then those alone, as their time bounds were set.
test: model browser-deps
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -m "not crash and not load"
	$(BIN)/python -m pytest -q -m "crash or load"

test-fast: install
	$(BIN)/python -m pytest -q -m "not model and not browser and not crash"

lint: install
	$(BIN)/ruff check qa api tests bench
	$(BIN)/ruff format --check qa api tests bench
	$(BIN)/mypy

# Figures, not pass/fail; builds its own synthetic corpora, so it needs the model but no live index.
# BENCH_ARGS=--quick for a run of a few minutes; see `python bench/bench.py --help`.
BENCH_ARGS ?=
bench: model
	@$(BIN)/python -c "import txtai" 2>/dev/null || $(BIN)/pip install --quiet -e ".[dev,bench]"
	QA_ENCODER=onnx-int8 $(BIN)/qa model >/dev/null
	$(BIN)/python bench/bench.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .cache index .pytest_cache .mypy_cache .ruff_cache test-artifacts
