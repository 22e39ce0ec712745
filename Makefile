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

.PHONY: serve new-post build publish test test-fast browser social-card lighthouse bench clean

# Installs again only when a requirements file changes. --require-hashes: every package
# pinned in the requirements files and every file matching a hash written there.
# --only-binary: wheels only, since building from source fetches build tools (setuptools)
# that no hash checks; requirements-test.txt names its one exception.
PIP_INSTALL := $(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --only-binary :all:
$(VENV)/.site: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) -r requirements.txt
	touch $@

$(VENV)/.test: requirements-test.txt $(VENV)/.site
	$(PIP_INSTALL) -r requirements-test.txt
	touch $@

# MkDocs reads mkdocs.yml before any check runs and reports a YAML mistake there in PyYAML's
# words: read it first as the data files are read, for the same kind of message.
CHECK_MKDOCS_YML := $(BIN)/python tools/check_data.py --mkdocs-yml

## serve: preview at http://127.0.0.1:8000/ with live reload
serve: $(VENV)/.site
	@$(CHECK_MKDOCS_YML)
	$(BIN)/mkdocs serve

## new-post: a new draft post, front matter filled: make new-post TITLE="..." [CATEGORY="..."] [DATE=2026-12-01] [SLUG=...]
# TITLE and the others reach the script through the environment, so quotes in a title are safe.
new-post: $(VENV)/.site
	@$(BIN)/python tools/new_post.py

## build: strict build into site/ (a preview: placeholder contact details show, with a notice on every page)
build: $(VENV)/.site
	@$(CHECK_MKDOCS_YML)
	$(BIN)/mkdocs build --strict

## publish: strict build into site/ of the site that goes live (the deploy workflow runs it); stops
## while extra.firm in mkdocs.yml holds an empty or placeholder contact detail
# PUBLISH_SITE reaches mkdocs.yml's extra.publish (through !ENV), which turns the refusal on.
publish: $(VENV)/.site
	@$(CHECK_MKDOCS_YML)
	PUBLISH_SITE=true $(BIN)/mkdocs build --strict

## browser: Debian's Chromium for the browser tests (Playwright never downloads one), and
## Java for the Nu Html Checker
browser:
	@[ -x $(CHROMIUM) ] && command -v java >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) apt-get install -y -qq chromium default-jre-headless; }

## social-card: redraw the link-preview picture from tools/social-card.html
social-card: $(VENV)/.test browser
	CHROMIUM=$(CHROMIUM) $(BIN)/python tools/social_card.py

## test: every test (unit tests, full builds, live preview, browser, the Nu Html Checker)
test: $(VENV)/.test browser tools/node_modules/.installed
	CHROMIUM=$(CHROMIUM) $(BIN)/python -m pytest

## test-fast: the unit tests alone (over 500, in 10 to 20 seconds): no build, server or browser, so no
## Chromium, Java or Node needed; the tests' kinds (unit, build, browser) are in tests/kinds.py
test-fast: $(VENV)/.test
	$(BIN)/python -m pytest -m unit -q

# npm ci installs exactly what tools/package-lock.json lists (Lighthouse CI with the Lighthouse
# it pins, and the Nu Html Checker's vnu.jar, which runs on the system Java); again only when the
# lock changes. --ignore-scripts: vnu-jar's install script would download a JDK from outside the
# registry; nothing in Lighthouse CI needs an install script, and none downloads a browser.
# Node and npm come from Debian when missing, like Chromium and Java above.
tools/node_modules/.installed: tools/package-lock.json
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq nodejs npm; }
	npm ci --prefix tools --ignore-scripts --no-audit --no-fund
	touch $@

## lighthouse: Lighthouse scores and timings (mobile and desktop, median of 5 runs; LIGHTHOUSE_RUNS=N to change) into reports/lighthouse/
# Lighthouse CI (tools/lighthouserc.cjs, lighthouserc.desktop.cjs) measures the site that `build`
# leaves in site/. Desktop runs even when mobile misses an aim; the command fails afterwards.
LHCI := CHROME_PATH=$(CHROMIUM) tools/node_modules/.bin/lhci autorun $(if $(LIGHTHOUSE_RUNS),--collect.numberOfRuns=$(LIGHTHOUSE_RUNS))
lighthouse: build browser tools/node_modules/.installed
	rm -rf reports/lighthouse
	@status=0; \
	  $(LHCI) --config=tools/lighthouserc.cjs || status=1; \
	  $(LHCI) --config=tools/lighthouserc.desktop.cjs || status=1; \
	  $(BIN)/python tools/lighthouse_summary.py && exit $$status

## bench: build, preview and first-visit figures checked against the targets of issues 7, 15 and 23 (takes
## about an hour); prints a table, writes .bench/results.json and .md, fails if a target is missed
bench: $(VENV)/.test browser
	CHROMIUM=$(CHROMIUM) $(BIN)/python tools/bench.py

clean:
	rm -rf site $(VENV) .pytest_cache reports tools/node_modules .bench .lighthouseci
