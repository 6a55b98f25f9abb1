# The two commands a new user needs: `make repl` and `make test`.
# Each creates .venv when missing: `make repl` installs kg, `make test` kg and its test extras.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TESTED := $(VENV)/.installed-test
# exits 0 on Python 3.11 or newer (pyproject.toml's requires-python)
PY311  := -c 'import sys; sys.exit(sys.version_info < (3, 11))'

.PHONY: repl test quick fuzz bench lint clean

# Python 3.11 or newer, or say which to give; a venv made halfway (Debian's python3 without
# python3-venv) is removed, so the next run starts afresh (it was kept: hunt75 F3)
$(BIN)/python:
	@$(PYTHON) $(PY311) 2>/dev/null || { \
	  echo "make: kg needs Python 3.11 or newer; $(PYTHON) is not (give one: make $(MAKECMDGOALS) PYTHON=python3.11)" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "make: $(PYTHON) cannot make a venv (Debian, Ubuntu: apt-get install python3-venv)" >&2; exit 1; }

# A .venv made by an older Python, or without pip, is said (not removed: `make -n` ran the
# removal, and a venv of uv has no pip: hunt77 R2); `kg` was the distribution's old name
# (PyPI's `kg` is another project): an old install goes. $(call install,EXTRAS) installs kg
# (editable) with EXTRAS (`[test]`) once: `make test` installed it twice, bare then with them
define install
	@$(BIN)/python $(PY311) 2>/dev/null || { \
	  echo "make: $(VENV) has a Python older than 3.11, or none that runs: remove it (make clean) and run make again (PYTHON=python3.11)" >&2; exit 1; }
	@$(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip --upgrade >/dev/null 2>&1 || { \
	  echo "make: $(VENV) has no pip, and its Python cannot install one (Debian, Ubuntu: apt-get install python3-venv, then make clean)" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	@$(BIN)/python -m pip uninstall --quiet --yes kg 2>/dev/null || true
	$(BIN)/python -m pip install --quiet -e '.$(1)'
endef

$(STAMP): $(BIN)/python pyproject.toml
	$(call install,)
	touch $(STAMP)

# (kg with its test extras is kg installed too)
$(TESTED): $(BIN)/python pyproject.toml
	$(call install,[test])
	touch $(STAMP) $(TESTED)

repl: $(STAMP)
	$(BIN)/kg repl

# every test, on two cores (pytest-xdist; a module's tests share a worker and its fixtures),
# after installing the programs the tests start where Debian's apt-get can (.ci/tools)
test: $(TESTED)
	.ci/tools
	$(BIN)/python -m pytest -n 2 --dist loadfile

# the developer's loop (under 30 s): every test not marked slow
quick: $(TESTED)
	$(BIN)/python -m pytest -n 2 --dist loadfile -m "not slow"

# 100,000 generated and mutated statements in-process, 3,000 through `kg query`
# (python -m fuzz -h: --count, --cli, --seed)
fuzz: $(TESTED)
	$(BIN)/python -m fuzz $(FUZZ)

# make bench BENCH=--quick (100k only); BENCH='--only statements --scales 1000000'; python -m bench -h
bench: $(TESTED)
	$(BIN)/python -m bench $(BENCH)

lint: $(TESTED)
	$(BIN)/ruff check kg tests bench fuzz
	$(BIN)/mypy kg

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
