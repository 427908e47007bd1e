# The verbs everyone uses. Each one sets up what it needs first.
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: setup run test lint bench package clean

setup:
	@bash tools/setup.sh

run: setup
	$(VENV)/bin/reader

test: setup lint
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: setup
	$(VENV)/bin/ruff check reader tests bench
	$(VENV)/bin/ruff format --check reader tests bench
	$(VENV)/bin/mypy

bench: setup
	QT_QPA_PLATFORM=offscreen $(PY) bench/benchmark.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
