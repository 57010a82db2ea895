# Silver Thread: the README's two commands (serve, test) and a few helpers.
# Everything installs itself on first use: a virtual environment with pinned Python packages, pinned npm
# packages for the browser checks, and (when run as root on Debian/Ubuntu) Chromium and fonts from Debian.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
# Only silences Material's end-of-life banner (see README); nothing else reads it.
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: serve test build handouts offline canary linkcheck bench lighthouse lint lock clean system-deps quiz-report fingerprint

## serve: build and serve the site at http://127.0.0.1:8000 (installs what it needs first)
serve: $(VENV)/.site-installed
	SILVERTHREAD_SITE_URL=http://127.0.0.1:8000/ $(BIN)/mkdocs serve -a 127.0.0.1:8000

## test: run the whole test suite (installs what it needs first)
test: system-deps $(VENV)/.test-installed node_modules/.installed
	$(BIN)/pytest

## build: strict build of the site into site/
build: $(VENV)/.site-installed
	$(BIN)/mkdocs build --strict

## handouts: build the site with its handout pages, then print them to PDF into site/handouts/
handouts: $(VENV)/.test-installed system-deps
	SILVERTHREAD_HANDOUTS=1 $(BIN)/mkdocs build --strict
	$(BIN)/python -m silverthread.handouts site

## linkcheck: check every external URL in the site (handout pages included) and the bibliography (needs the internet)
linkcheck: $(VENV)/.linkcheck-installed
	SILVERTHREAD_HANDOUTS=1 $(BIN)/mkdocs build --strict
	$(BIN)/python -m silverthread.external_link_check site reports/linkcheck

## bench: build time (median of 5, beside a bare MkDocs build) and every page's first visit in Chromium
bench: $(VENV)/.test-installed system-deps
	$(BIN)/python scripts/bench.py

## offline: the offline edition, site/downloads/silverthread-offline.zip (works from file://, no network)
offline: handouts
	$(BIN)/python -m silverthread.offline site site/downloads/silverthread-offline.zip

## canary: build with ProperDocs (the maintained MkDocs 1.x fork) and compare with the MkDocs build
canary: $(VENV)/.canary-installed
	$(BIN)/python scripts/canary.py

## lighthouse: Lighthouse scores (mobile) for four pages of the built site
lighthouse: build scripts/lighthouse/node_modules/.installed system-deps
	$(BIN)/python scripts/lighthouse.py site

scripts/lighthouse/node_modules/.installed: scripts/lighthouse/package.json scripts/lighthouse/package-lock.json
	cd scripts/lighthouse && npm ci --no-audit --no-fund --ignore-scripts
	touch $@

## fingerprint: refresh data/article_fingerprint.json (quotation checks without the article) from ARTICLE=path
fingerprint: $(VENV)/.site-installed ; $(BIN)/python -m silverthread.article_fingerprint $(or $(ARTICLE),$(SILVERTHREAD_ARTICLE),../shared/seed/article.txt)

## quiz-report: item analysis of the quiz bank (types, Bloom levels, key positions and lengths, lint verdicts)
quiz-report: $(VENV)/.site-installed
	$(BIN)/python -m silverthread.quiz_report reports/quiz-report.md

## lint: ruff over the Python code; the GitHub workflows against the workflow schema (check-jsonschema)
lint: $(VENV)/.test-installed
	$(BIN)/ruff check scripts tests
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Every install verifies the sha256 hashes in the lock files (make lock writes them).
$(VENV)/.site-installed: requirements.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --require-hashes -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.test-installed: requirements-test.txt $(VENV)/.site-installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-test.txt
	touch $@

$(VENV)/.canary-installed: requirements-canary.txt $(VENV)/.site-installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-canary.txt
	touch $@

$(VENV)/.linkcheck-installed: requirements-linkcheck.txt $(VENV)/.site-installed
	$(BIN)/pip install --quiet --require-hashes -r requirements-linkcheck.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

## system-deps: Chromium and fonts from Debian for the browser tests and PDFs
system-deps:
	@bash scripts/system-deps.sh

## lock: re-pin the requirements (with hashes) after changing pyproject.toml; UPGRADE=1 takes newest versions
lock: $(VENV)/bin/python
	$(BIN)/pip install --quiet uv==0.13.8
	$(BIN)/python scripts/lock.py $(if $(UPGRADE),--upgrade)

clean:
	rm -rf site reports .pytest_cache
