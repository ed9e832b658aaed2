# Two commands on a fresh machine with Python 3.11: `make demo` and `make test`.
# Both create .venv and install Dateline with pinned dependencies first.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test schema clean system-deps js-deps

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Dateline needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	$(BIN)/python -m pip install --quiet --no-deps tilse==0.2.1  # bench/tls.py's scorer; see pyproject.toml
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/dateline build examples/mackerel/articles --manifest examples/mackerel/manifest.csv \
		--out out/demo --db out/demo/dateline.sqlite
	@echo
	@echo "Open out/demo/report.html in a browser (also: out/demo/report.md, out/demo/story.json)."
	@echo "Read the store back: $(BIN)/dateline timeline --db out/demo/dateline.sqlite"

# Debian packages some tests drive for real: chromium (browser tests), postgresql (the Postgres store),
# libxml-parser-perl (ROUGE in the timeline bench's smoke run). Installed when missing; a test whose
# package could not be installed skips with its reason.
SYSTEM_PACKAGES := chromium postgresql libxml-parser-perl

system-deps:
	@missing=""; for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; } >/dev/null 2>&1 \
		|| echo "note: could not install$$missing; the tests that need them will be skipped"; fi

# TimelineJS itself, from npm, so the export test loads the TimelineJS JSON in the real library (in
# Chromium); npm comes from Debian when missing. Without it that one test skips with its reason.
TIMELINEJS := @knight-lab/timelinejs@3.9.11

js-deps:
	@[ -d node_modules/@knight-lab/timelinejs/dist ] || { \
		command -v npm >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm; } >/dev/null 2>&1; \
		npm install --no-save --no-audit --no-fund $(TIMELINEJS) >/dev/null 2>&1 \
		|| echo "note: could not install $(TIMELINEJS); the TimelineJS loading test will be skipped"; }

test: $(STAMP) system-deps js-deps
	$(BIN)/python -m pytest

schema: $(STAMP)
	$(BIN)/dateline schema > schema/story.schema.json

clean:
	rm -rf out .pytest_cache
