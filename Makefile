# Optimization in Deep Learning — build, test and clean.
#
#   make html   build the site in both languages into _build/html/{bg,en}/
#   make pdf    build _build/pdf/optimization-in-deep-learning-{bg,en}.pdf (needs TeX)
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

.PHONY: html pdf system-packages tex-packages browser-packages axe-core node lint test test-lib test-book venv clean distclean benchmark benchmark-build benchmark-search

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

test: lint test-lib test-book

# Code style (ruff); `make check` runs it too.
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks conf.py book/_ext

test-lib: $(STAMP) node
	$(BIN)/python -m pytest -q tests src book/_ext --ignore=tests/book

# Node.js runs the search page's JavaScript in the tests (the Bulgarian stemmer against its
# Python twin, searchtools.js on the built index). `make node` installs Debian's nodejs with
# apt-get when it can (as root, or with password-less sudo); otherwise it names it and fails.
node:
	@if ! command -v node >/dev/null 2>&1; then $(call apt-install,the tests,nodejs); fi

test-book: html pdf node browser-packages axe-core
	$(BIN)/python -m pytest -q tests/book

benchmark: $(STAMP)
	$(BIN)/python benchmarks/bench_optim.py

benchmark-build: $(STAMP)
	$(BIN)/python benchmarks/bench_build.py

# Pages found per Bulgarian query, before and after the Bulgarian stemmer (after `make html`).
benchmark-search: $(STAMP) node
	$(BIN)/python benchmarks/search_bg.py

# The PDFs: same sources and execution cache as the site (no cell runs again), xelatex.
# They are also copied into the site (_build/html/pdf/), which links to them.
#
# System packages (Debian names). `make system-packages` installs the missing ones with
# apt-get when it can (as root, or with password-less sudo); otherwise it names them in one
# line and fails. TeX is for `make pdf` and the PDF tests; chromium (and npm, for axe-core)
# for the browser tests (tests/book/test_browser.py).
TEX_PACKAGES := texlive-xetex texlive-fonts-recommended texlive-lang-cyrillic fonts-dejavu-core fonts-dejavu-extra latexmk poppler-utils
HAVE_TEX := command -v xelatex && command -v latexmk && command -v pdftotext && fc-list | grep -q DejaVuSerif
# Each of these packages installs the command of the same name.
BROWSER_PACKAGES := chromium npm

# $(call apt-install,WHAT,PACKAGES): install PACKAGES with apt-get, or say how in one line.
define apt-install
if [ "$$(id -u)" = 0 ]; then SUDO=; elif sudo -n true 2>/dev/null; then SUDO=sudo; \
else echo "$(1) need: sudo apt-get install $(2)"; exit 1; fi; \
echo "Installing the system packages for $(1): $(2)"; \
$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(2) >/dev/null \
  || { echo "could not install them: sudo apt-get install $(2)"; exit 1; }
endef

system-packages: tex-packages browser-packages

tex-packages:
	@if ! { $(HAVE_TEX); } >/dev/null 2>&1; then $(call apt-install,the PDFs,$(TEX_PACKAGES)); fi

browser-packages:
	@missing=$$(for p in $(BROWSER_PACKAGES); do command -v $$p >/dev/null || printf '%s ' $$p; done); \
	if [ -n "$$missing" ]; then $(call apt-install,the browser tests,$$missing); fi

# axe-core, the accessibility checker of the browser tests, from npm at this exact version.
AXE_VERSION := 4.14.1
AXE := $(BUILD)/node/axe-core-$(AXE_VERSION)/node_modules/axe-core/axe.min.js

axe-core: $(AXE)

$(AXE): | browser-packages
	npm install --prefix $(BUILD)/node/axe-core-$(AXE_VERSION) axe-core@$(AXE_VERSION) --no-audit --no-fund --silent
	@test -f $@ || { echo "npm did not install $@"; exit 1; }

pdf: $(STAMP) tex-packages
	@mkdir -p $(BUILD)/pdf $(BUILD)/html/pdf
	@for lang in $(LANGS); do \
	  echo "Building the $$lang PDF -> $(BUILD)/pdf/optimization-in-deep-learning-$$lang.pdf"; \
	  BOOK_LANG=$$lang $(BIN)/sphinx-build -b latex -c . $(SPHINXOPTS) \
	    -d $(BUILD)/doctrees-latex/$$lang book/$$lang $(BUILD)/latex/$$lang || exit 1; \
	  $(MAKE) -s -C $(BUILD)/latex/$$lang all-pdf LATEXMKOPTS="-silent" > $(BUILD)/latex/$$lang/make.log 2>&1 \
	    || { tail -40 $(BUILD)/latex/$$lang/make.log; exit 1; }; \
	  cp $(BUILD)/latex/$$lang/optimization-in-deep-learning-$$lang.pdf $(BUILD)/pdf/; \
	  cp $(BUILD)/latex/$$lang/optimization-in-deep-learning-$$lang.pdf $(BUILD)/html/pdf/; \
	done

clean:
	rm -rf $(BUILD)/html $(BUILD)/doctrees $(BUILD)/doctrees-latex $(BUILD)/latex $(BUILD)/pdf

distclean: clean
	rm -rf $(BUILD) $(VENV) src/*.egg-info .pytest_cache .hypothesis

# -- Contributors (see CONTRIBUTING.md) ------------------------------------------------
#
#   make check             the fast checks to run before a commit (seconds, no page runs)
#   make serve BOOK=bg     live preview of one language (BOOK=bg or en; PORT=8000)
#
# The language is chosen with BOOK, not LANG: LANG is the locale of your shell.

BOOK ?= bg
PORT ?= 8000
HOST ?= 127.0.0.1
# Files `make check` tests: ruff, two-language parity, glossary, committed files, MyST, bibliography.
CHECK_TESTS := tests/test_book_sources.py tests/test_figure_colours.py tests/test_book_language.py tests/test_bookfiles.py tests/test_repository.py tests/test_myst_syntax.py tests/test_references.py

.PHONY: check serve

# Runs every check even when one fails, and fails at the end if any did.
check: $(STAMP)
	@status=0; \
	echo "ruff:"; $(BIN)/ruff check src tests benchmarks conf.py book/_ext || status=1; \
	echo "sources (parity, glossary, files, MyST):"; \
	$(BIN)/python -m pytest -q $(CHECK_TESTS) || status=1; \
	$(BIN)/python book/_ext/translation_status.py; \
	exit $$status

# Rebuilds the changed page on every save and reloads the browser. Same configuration
# and execution cache as `make html`; warnings are shown but do not stop the preview.
serve: $(STAMP)
	BOOK_LANG=$(BOOK) $(BIN)/sphinx-autobuild -b html -c . -n -q \
	  -d $(BUILD)/doctrees/$(BOOK) --host $(HOST) --port $(PORT) \
	  --watch src/dlopt --watch conf.py --watch book/_ext --watch book/_templates \
	  --watch book/_static --watch book/references.bib \
	  book/$(BOOK) $(BUILD)/html/$(BOOK)
