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

test: $(BIN)/.installed
	$(BIN)/pytest -ra -n 2 -m "not serial"
	$(BIN)/pytest -ra -m serial

lint: $(BIN)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

bench: $(BIN)/.installed
	$(BIN)/python bench/run_all.py
