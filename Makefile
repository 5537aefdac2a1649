# chitieu — two commands on a fresh machine: `make run` and `make test`.
# Tests run in parallel, one worker per core (pytest-xdist); a test module stays on one worker, in
# order. PYTEST_ARGS="-n 0 -k …" runs a selection serially.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system run test lint typecheck unit bench model clean

setup: system $(STAMP)

system:
	@bash scripts/install-system-deps.sh

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	@touch $(STAMP)

run: setup
	$(BIN)/chitieu demo

lint: setup
	$(BIN)/ruff check src tests benchmarks scripts

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/python -m pytest -q -n auto --dist loadfile $(PYTEST_ARGS)

test: lint typecheck unit

bench: setup
	@for b in benchmarks/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

model: setup
	$(BIN)/python scripts/build-restore-model.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
