# kgraph: two commands set up everything on a fresh machine.
#   make demo   creates .venv, installs kgraph, builds the graph from seeds/ into output/
#   make test   creates .venv if needed, installs test tools, runs the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test venv system-deps lint typecheck bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/kgraph build seeds -o output

# Chromium (browser tests), Raptor (independent Turtle parser) and Java (HermiT)
# come from Debian packages; the script installs what is missing when it can and
# the tests that need them skip with a reason when it cannot.
system-deps:
	-@bash scripts/system-deps.sh

test: $(STAMP) system-deps
	$(BIN)/python -m pytest -q -n 2 --dist loadfile

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) output .pytest_cache .mypy_cache .ruff_cache
