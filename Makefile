# Two commands: `make site` builds the example handbook into site/, `make test` runs the tests.
# The example programme lives in the package (generator/starters/example/), which `handbook init --example` copies.
# Each creates .venv and installs the project into it when needed.
PYTHON ?= python3
EXAMPLE := generator/starters/example/mkdocs.yml
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TRANSLATED := $(notdir $(patsubst %/,%,$(wildcard generator/locales/*/)))  # a new language: mkdir generator/locales/<code>

.PHONY: site test bench serve dist clean bytecode catalogs

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The package's modules compiled ahead, as pip does for an installed wheel (an editable install is
# not compiled, and with PYTHONDONTWRITEBYTECODE set every process would compile them again).
bytecode: $(STAMP)
	$(BIN)/python -m compileall -q generator

site: bytecode
	$(BIN)/handbook build --config $(EXAMPLE) --site-dir site

test: bytecode
	$(BIN)/python -m pytest

bench: bytecode
	$(BIN)/python bench/run.py

serve: $(STAMP)
	$(BIN)/handbook serve --config $(EXAMPLE)

# After changing interface text: extract every msgid (templates and Python) into the template
# catalog, then bring each language's catalog up to date (new strings empty, changed ones fuzzy).
catalogs: $(STAMP)
	$(BIN)/pybabel extract --mapping-file babel.cfg --keyword message --keyword plural_message:1,2 \
		--no-location --sort-output --no-wrap --project mentoring-handbook --copyright-holder "mentoring-handbook" \
		--output-file generator/locales/handbook.pot generator
	for language in $(TRANSLATED); do \
		$(BIN)/pybabel update --init-missing --ignore-obsolete --no-wrap --domain handbook \
			--input-file generator/locales/handbook.pot --output-dir generator/locales --locale $$language; done

dist: $(STAMP)
	$(BIN)/python -m build --outdir dist

clean:
	rm -rf site dist build *.egg-info generator/starters/example/.cache
