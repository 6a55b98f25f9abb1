# The two commands a new user needs: `make repl` and `make test`.
# Each creates .venv when missing and installs the project with its test extras.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: repl test bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

repl: $(STAMP)
	$(BIN)/kg repl

test: $(STAMP)
	$(BIN)/python -m pytest

# make bench BENCH=--quick (100k only); BENCH='--only statements --scales 1000000'; python -m bench -h
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH)

lint: $(STAMP)
	$(BIN)/ruff check kg tests bench
	$(BIN)/mypy kg

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
