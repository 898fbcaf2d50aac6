# Optimization in Deep Learning — build, test and clean.
#
#   make html   build the site in both languages into _build/html/{bg,en}/
#   make test   run the library tests and doctests, then build the book (the build is a test)
#   make clean  remove build output (keeps .venv and the execution cache: see `make distclean`)
#
# Both targets create .venv and install the pinned dependencies on first use.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
BUILD  := _build
LANGS  := bg en
# -W: warnings are errors; -n: nitpicky references; --keep-going: report all of them.
SPHINXOPTS ?= -W -n --keep-going -q -j auto

.PHONY: html test test-lib test-book venv clean distclean benchmark benchmark-build

venv: $(STAMP)

$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3, 11) else "Python 3.11 or newer is required, found " + sys.version.split()[0] + ": install python3.11 (e.g. apt-get install python3.11 python3.11-venv)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

html: $(STAMP)
	@for lang in $(LANGS); do \
	  echo "Building the $$lang site -> $(BUILD)/html/$$lang"; \
	  BOOK_LANG=$$lang $(BIN)/sphinx-build -b html -c . $(SPHINXOPTS) \
	    -d $(BUILD)/doctrees/$$lang book/$$lang $(BUILD)/html/$$lang || exit 1; \
	done
	@cp book/_root/index.html $(BUILD)/html/index.html
	@echo "Open $(BUILD)/html/index.html"

test: test-lib test-book

test-lib: $(STAMP)
	$(BIN)/python -m pytest -q tests src --ignore=tests/book

test-book: html
	$(BIN)/python -m pytest -q tests/book

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_optim.py

benchmark-build: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py

clean:
	rm -rf $(BUILD)/html $(BUILD)/doctrees $(BUILD)/pdf

distclean: clean
	rm -rf $(BUILD) $(VENV) src/*.egg-info .pytest_cache .hypothesis
