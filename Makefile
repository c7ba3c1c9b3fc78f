# qonnect: the two set-up commands of the README, and their parts.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
REPORT_DIR ?= out/ibm-cisco-2030

.PHONY: demo test browser lint typecheck imports unit bench clean install install-test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(VENV)/.installed $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

## make demo: install qonnect and run the flagship scenario (today's hardware vs the 2030 target).
demo: $(VENV)/.installed
	$(BIN)/qonnect run examples/ibm-cisco-2030.yaml --out $(REPORT_DIR)

## make test: lint, type-check, layer contract, and the whole test suite.
test: $(VENV)/.installed-test browser lint typecheck imports unit

## The report test drives Debian's chromium headless (Playwright without its own browsers).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "make test needs Debian's chromium: sudo apt-get install chromium"; exit 1; \
	  fi; \
	fi

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: $(VENV)/.installed-test
	$(BIN)/mypy

imports: $(VENV)/.installed-test
	$(BIN)/lint-imports

unit: $(VENV)/.installed-test
	$(PY) -m pytest -n 2 -q

bench: $(VENV)/.installed-test
	for b in bench/bench_*.py; do echo "== $$b"; $(PY) $$b || exit 1; done

clean:
	rm -rf $(VENV) out build *.egg-info
