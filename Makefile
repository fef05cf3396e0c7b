# Scribe: every target creates or updates .venv idempotently, installs the project and the
# model packs it needs, then does its job. Two commands set everything up: make demo, make test.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.scribe-installed
# llama.cpp for any x86-64 CPU: no -march=native (AVX-512 code crashes most office PCs).
export CMAKE_ARGS ?= -DGGML_NATIVE=OFF
export PIP_DISABLE_PIP_VERSION_CHECK := 1

TEST_PACKS := whisper-base smollm2-135m
DEMO_PACKS := whisper-base qwen2.5-coder-1.5b
SAMPLE := tests/data/sample_consultation.flac

.PHONY: setup sysdeps demo test run bench lint models-test models-demo clean

sysdeps:
	@installer/system-deps.sh

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade "pip>=25.1"

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e . --group dev
	touch $(STAMP)

setup: sysdeps $(STAMP)

models-test: setup
	$(BIN)/scribe models install $(TEST_PACKS)

models-demo: setup
	$(BIN)/scribe models install $(DEMO_PACKS)

demo: models-demo
	$(BIN)/scribe demo $(SAMPLE)

lint: setup
	$(BIN)/ruff check scribe ui tests bench
	$(BIN)/mypy

# pytest's exit 5 ("no tests collected") counts as a failure.
test: lint models-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "make test: no tests collected" >&2; exit 1; fi; exit $$rc

run: models-demo
	$(BIN)/scribe app

bench: models-test
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info
