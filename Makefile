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

TEST_PACKS := whisper-base smollm2-135m multilingual-e5-small
DEMO_PACKS := whisper-base qwen2.5-coder-1.5b
SAMPLE := tests/data/sample_consultation.flac
# A realistic consultation written for the demo (not an evaluation case): no offline voice that
# speaks Norwegian well enough ships in a package, so the full visit is shown from its text.
DEMO_TRANSCRIPT := tests/data/demo_transcript.json
# The shared development copies of the code lists (and the drug list beside them), for demo,
# run, bench and test; a practice imports its own with "scribe codes import".
export SCRIBE_REFERENCE_DIR ?= $(abspath ../shared/data/reference/raw)

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
	@echo "== 1/2: et kort lydopptak (syntetisk espeak-ng-tale, som whisper-base hører dårlig) =="
	$(BIN)/scribe demo $(SAMPLE)
	@echo
	@echo "== 2/2: en hel konsultasjon fra skrevet transkripsjon (tekst, ikke lyd): $(DEMO_TRANSCRIPT) =="
	$(BIN)/scribe demo $(DEMO_TRANSCRIPT)

lint: setup
	$(BIN)/ruff check scribe ui tests bench
	$(BIN)/mypy

# pytest's exit 5 ("no tests collected") counts as a failure.
test: lint models-test
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "make test: no tests collected" >&2; exit 1; fi; exit $$rc

run: models-demo
	$(BIN)/scribe app

# make bench QUICK=1: a 2-minute streaming run and no phrasing stop→draft (minutes, not ~40)
bench: models-test models-demo
	$(BIN)/python bench/run_all.py $(if $(QUICK),--quick)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build dist *.egg-info

# --- desktop bundle (issue 9; see installer/README.md) ---------------------------------------
# BUNDLE_LLAMA=dl (the default) bundles a llama-cpp-python built with run-time CPU dispatch
# (every x86-64 variant, chosen when the app starts; ~35 min to build once, then cached);
# BUNDLE_LLAMA=venv bundles the .venv's AVX2-baseline build (what CI uses: minutes).
PYINSTALLER := pyinstaller==6.22.3
BUNDLE := build/dist/scribe/scribe
REFERENCE_RAW := $(abspath ../shared/data/reference/raw)
BUNDLE_LLAMA ?= dl
LLAMA_VERSION := 0.3.36
LLAMA_DL ?= $(HOME)/.cache/scribe-build/llama-dl-$(LLAMA_VERSION)
LLAMA_DL_ARGS := -DGGML_NATIVE=OFF -DGGML_BACKEND_DL=ON -DGGML_CPU_ALL_VARIANTS=ON
ifeq ($(BUNDLE_LLAMA),dl)
BUNDLE_LLAMA_DEP := $(LLAMA_DL)/site/llama_cpp/__init__.py
BUNDLE_PYTHONPATH := PYTHONPATH=$(LLAMA_DL)/site
endif

.PHONY: bundle bundle-test

$(VENV)/.pyinstaller-installed: | $(STAMP)
	$(BIN)/python -m pip install -q "$(PYINSTALLER)"
	touch $@

$(LLAMA_DL)/site/llama_cpp/__init__.py: | $(STAMP)
	rm -rf $(LLAMA_DL) && mkdir -p $(LLAMA_DL)
	CMAKE_ARGS="$(LLAMA_DL_ARGS)" $(BIN)/python -m pip wheel -q --no-cache-dir --no-deps \
	  --no-binary llama-cpp-python -w $(LLAMA_DL) "llama-cpp-python==$(LLAMA_VERSION)"
	$(BIN)/python -m zipfile -e $(LLAMA_DL)/llama_cpp_python-$(LLAMA_VERSION)-*.whl $(LLAMA_DL)/site

bundle: setup $(VENV)/.pyinstaller-installed $(BUNDLE_LLAMA_DEP)
	$(BUNDLE_PYTHONPATH) $(BIN)/pyinstaller installer/scribe.spec --noconfirm \
	  --distpath build/dist --workpath build/work
	@du -sh build/dist/scribe

bundle-test: bundle models-test
	QT_QPA_PLATFORM=offscreen SCRIBE_REFERENCE_DIR=$(REFERENCE_RAW) $(BUNDLE) --self-test
