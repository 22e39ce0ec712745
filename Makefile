# One entry point: `make serve` to preview, `make test` to run every test.
# Each target creates the virtual environment in .venv on first use.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Material prints an end-of-life banner on every command; it changes nothing.
export NO_MKDOCS_2_WARNING := 1
# The RSS plugin imports GitPython, which fails without a git program; the feeds take
# their dates from front matter (use_git: false), so git is never needed.
export GIT_PYTHON_REFRESH := quiet

CHROMIUM ?= /usr/bin/chromium
# apt-get needs root: use sudo when not already root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: serve build test browser clean

# Installs again only when a requirements file changes.
$(VENV)/.site: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.site
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

## serve: preview at http://127.0.0.1:8000/ with live reload
serve: $(VENV)/.site
	$(BIN)/mkdocs serve

## build: strict build into site/
build: $(VENV)/.site
	$(BIN)/mkdocs build --strict

## browser: Debian's Chromium for the browser tests (Playwright never downloads one)
browser:
	@[ -x $(CHROMIUM) ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

## test: every test (unit tests, full builds, live preview, browser)
test: $(VENV)/.test browser
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

clean:
	rm -rf site $(VENV) .pytest_cache
