# Sentinel Hub Batch for QGIS — set-up, tests and packaging on Debian 12.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PLUGIN_NAME := sentinelhub_batch
ROOT := $(abspath .)
BUILD := $(ROOT)/.build
VENV := $(ROOT)/.venv
PY := $(VENV)/bin/python
SYSTEM_PYTHON := /usr/bin/python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SETUP_STAMP := $(VENV)/.setup-stamp
PKGROOT := $(BUILD)/pkgroot
export PYTHONPATH := $(PKGROOT):$(ROOT)/tests
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1

I18N_LANGUAGES := de
I18N_SOURCES = $(shell find plugin -name '*.py' -not -path 'plugin/vendor/*' | sort) $(sort $(wildcard ui/*.ui))

.PHONY: help setup system-packages i18n-tools i18n test lint run package demo bench stack screenshot clean

help:
	@echo "make demo     install what is missing, start the local stack, run the tutorial end to end"
	@echo "make test     install what is missing, run every test"
	@echo "make setup    install QGIS (apt) and the Python venv; idempotent"
	@echo "make lint     ruff"
	@echo "make run      QGIS with the plugin linked into a dedicated profile"
	@echo "make package  plugin zip for the QGIS plugin repository (dist/)"
	@echo "make bench    benchmarks (figures and ratios)"
	@echo "make stack    start the local S3 + Sentinel Hub emulator and print URLs and credentials"
	@echo "make screenshot  QGIS under Xvfb following a real job of the local stack -> screenshots/qgis.png"
	@echo "make i18n     extract every tr() and .ui text into i18n/*.ts (pylupdate5), compile i18n/*.qm (lrelease)"

system-packages:
	@if [ ! -x /usr/bin/qgis_process.bin ] || ! $(SYSTEM_PYTHON) -c "import qgis.core, osgeo.gdal_array" 2>/dev/null \
	    || ! command -v xvfb-run >/dev/null || ! $(SYSTEM_PYTHON) -c "import ensurepip" 2>/dev/null; then \
	  echo "Installing QGIS 3.22 LTR and tools from Debian (a few minutes)..."; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    qgis python3-qgis qgis-providers xvfb python3-venv >/dev/null; \
	fi

$(SETUP_STAMP): requirements.txt requirements-dev.txt | system-packages
	@[ -x $(PY) ] || $(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	@mkdir -p $(BUILD)
	@# Pin numpy to Debian's: numpy 2 breaks GDAL's Python bindings.
	@echo "numpy==$$($(SYSTEM_PYTHON) -c 'import numpy; print(numpy.__version__)')" > $(BUILD)/constraints.txt
	$(PY) -m pip install -q --disable-pip-version-check -c $(BUILD)/constraints.txt -r requirements-dev.txt
	@$(PY) -c "import osgeo.gdal_array, shapely, pyproj, qgis.core" || { echo "venv check failed"; exit 1; }
	@touch $@

i18n-tools:
	@if ! command -v pylupdate5 >/dev/null || ! command -v lrelease >/dev/null; then \
	  echo "Installing pylupdate5 and lrelease from Debian..."; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq \
	    pyqt5-dev-tools qttools5-dev-tools >/dev/null; \
	fi

# Translations: new texts go into every i18n/sentinelhub_batch_<language>.ts (texts no longer used are dropped,
# existing translations kept), then each .ts is compiled into the .qm the plugin loads. Add a language to
# I18N_LANGUAGES and run make i18n to start its .ts.
i18n: i18n-tools
	@mkdir -p i18n
	@echo "pylupdate5: $(words $(I18N_SOURCES)) source files -> $(foreach language,$(I18N_LANGUAGES),i18n/$(PLUGIN_NAME)_$(language).ts)"
	@LC_ALL=C.UTF-8 PYTHONWARNINGS=ignore pylupdate5 -noobsolete $(I18N_SOURCES) \
	  -ts $(foreach language,$(I18N_LANGUAGES),i18n/$(PLUGIN_NAME)_$(language).ts)
	lrelease $(foreach language,$(I18N_LANGUAGES),i18n/$(PLUGIN_NAME)_$(language).ts)

setup: system-packages $(SETUP_STAMP)
	@mkdir -p $(PKGROOT)
	@ln -sfn $(ROOT) $(PKGROOT)/$(PLUGIN_NAME)

test: setup
	$(PY) -m pytest

lint: setup
	$(PY) -m ruff check .

bench: setup
	$(PY) tests/benchmarks/run.py

run: setup
	@mkdir -p $(BUILD)/profile/profiles/default/python/plugins
	@ln -sfn $(ROOT) $(BUILD)/profile/profiles/default/python/plugins/$(PLUGIN_NAME)
	@# Enable the plugin in that profile (QSettings writes [PythonPlugins] sentinelhub_batch=true).
	@env -u QT_QPA_PLATFORM $(SYSTEM_PYTHON) -c "import sys; from qgis.PyQt.QtCore import QSettings; \
	  s = QSettings(sys.argv[1], QSettings.Format.IniFormat); \
	  s.setValue('PythonPlugins/$(PLUGIN_NAME)', True); s.sync()" \
	  $(BUILD)/profile/profiles/default/QGIS/QGIS3.ini
	env -u QT_QPA_PLATFORM PYTHONPATH="$(VENV)/lib/python3.11/site-packages" \
	  qgis --profiles-path $(BUILD)/profile --noversioncheck $(QGIS_ARGS)

package: setup
	$(PY) tests/tools/package.py --out dist

stack: setup
	$(PY) -m emulator.stack

demo: setup
	$(PY) tests/tools/demo.py --output $(ROOT)/demo --profile $(BUILD)/demo-profile

screenshot: setup
	@mkdir -p $(BUILD)/screenshot-profile screenshots
	env -u QT_QPA_PLATFORM SHB_REPOSITORY=$(ROOT) PYTHONPATH="$(PKGROOT):$(VENV)/lib/python3.11/site-packages" \
	  timeout -k 10 300 xvfb-run -a -s "-screen 0 1920x1200x24" \
	  qgis --profiles-path $(BUILD)/screenshot-profile --noversioncheck --nologo --code tests/tools/screenshot.py
	@test -s screenshots/qgis.png && echo "screenshots/qgis.png written"

clean:
	rm -rf $(BUILD) dist demo .pytest_cache
