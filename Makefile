# The two commands a new user needs: `make repl` and `make test`.
# Each creates .venv when missing and installs the project with its test extras.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: repl test quick fuzz bench lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

repl: $(STAMP)
	$(BIN)/kg repl

# every test, on two cores (pytest-xdist; a module's tests share a worker and its fixtures),
# after installing the programs the tests start where Debian's apt-get can (.ci/tools)
test: $(STAMP)
	.ci/tools
	$(BIN)/python -m pytest -n 2 --dist loadfile

# the developer's loop (under 30 s): every test not marked slow
quick: $(STAMP)
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not slow"

# 100,000 generated and mutated statements in-process, 3,000 through `kg query`
# (python -m fuzz -h: --count, --cli, --seed)
fuzz: $(STAMP)
	$(BIN)/python -m fuzz $(FUZZ)

# make bench BENCH=--quick (100k only); BENCH='--only statements --scales 1000000'; python -m bench -h
bench: $(STAMP)
	$(BIN)/python -m bench $(BENCH)

lint: $(STAMP)
	$(BIN)/ruff check kg tests bench fuzz
	$(BIN)/mypy kg

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
