# The two commands of the README: `make console` (try the bot) and `make test` (run the tests).
# Both create .venv and install the project with its dev and cards (OCR) extras on first use.
VENV ?= .venv
PYTHON ?= python3
BIN = $(VENV)/bin

.PHONY: console run test lint bench install

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,cards]'
	touch $@

install: $(BIN)/.installed

console: $(BIN)/.installed
	$(BIN)/warmcall console

run: $(BIN)/.installed
	$(BIN)/warmcall

# The parallel part's processes (pytest-xdist). Its tests mostly wait (for subprocesses, the database,
# the Slack double), so on 2 cores 4 processes take a little over half the time 2 take; TEST_PROCESSES=2
# for a busier machine. `--dist worksteal`: a process that runs out of tests takes some from a busy one, so
# one slow file at the end no longer holds the run (a full run took ~300 s against ~340 s).
TEST_PROCESSES ?= 4
# The serial part collects only the files that mark tests serial (collecting the whole suite costs ~5 s).
SERIAL_TESTS = $(shell grep -l 'mark\.serial' tests/test_*.py)

test: $(BIN)/.installed
	$(BIN)/pytest -ra -n $(TEST_PROCESSES) --dist worksteal -m "not serial"
	$(BIN)/pytest -ra -m serial $(SERIAL_TESTS)

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: $(BIN)/.installed
	$(BIN)/python bench/run_all.py
