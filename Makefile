# Sentinel Hub Batch for QGIS — set-up, tests and packaging on Debian 12 (QGIS 3.22), and the suite on QGIS 3.40 LTR
# (Debian 13) in a chroot.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PLUGIN_NAME := sentinelhub_batch
ROOT := $(abspath .)
BUILD := $(ROOT)/.build
VENV ?= $(ROOT)/.venv
PY := $(VENV)/bin/python
SYSTEM_PYTHON := /usr/bin/python3
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SETUP_STAMP := $(VENV)/.setup-stamp
PKGROOT := $(BUILD)/pkgroot
# QGIS 3.40 LTR: Debian 13 (trixie) in a chroot, built on first use; point QGIS340_CHROOT at an existing one to reuse it.
QGIS340_CHROOT ?= $(BUILD)/chroot-trixie
QGIS340_VENV := $(BUILD)/venv-qgis-3.40
IN_QGIS340 := tests/tools/qgis_chroot.sh $(QGIS340_CHROOT) trixie
# Debian packages of QGIS and the tools; python3-shapely joins them where the distribution's is shapely 2 (Debian 13).
QGIS_PACKAGES := qgis python3-qgis qgis-providers python3-pyproj xvfb python3-venv
SCREENSHOT ?= screenshots/qgis.png
export PYTHONPATH := $(PKGROOT):$(ROOT)/tests
export QT_QPA_PLATFORM ?= offscreen
export PYTHONDONTWRITEBYTECODE := 1

I18N_LANGUAGES := de
I18N_SOURCES = $(shell find plugin -name '*.py' | sort) $(sort $(wildcard ui/*.ui))

.PHONY: help setup system-packages i18n-tools i18n test test-qgis-3.40 lint typecheck run package demo bench stack \
	screenshot screenshot-qgis-3.40 clean clean-chroot

help:
	@echo "make demo     install what is missing, start the local stack, run the tutorial end to end"
	@echo "make test     install what is missing, run every test (QGIS of this machine)"
	@echo "make test-qgis-3.40  every test on QGIS 3.40 LTR in a Debian 13 chroot (QGIS340_CHROOT=... to reuse one)"
	@echo "make setup    install QGIS (apt) and the Python venv; idempotent"
	@echo "make lint     ruff, and flake8 with flake8-qgis (QGIS API and Qt6 rules)"
	@echo "make typecheck  mypy over the plugin with the PyQGIS stubs (qgis-stubs)"
	@echo "make run      QGIS with the plugin linked into a dedicated profile"
	@echo "make package  plugin zip for the QGIS plugin repository (dist/), changelog from CHANGELOG.md"
	@echo "make bench    benchmarks (figures and ratios)"
	@echo "make stack    start the local S3 + Sentinel Hub emulator and print URLs and credentials"
	@echo "make screenshot  QGIS under Xvfb: the plugin loaded into a blank project, a real job of the local stack,"
	@echo "               its results -> screenshots/qgis-start.png, screenshots/qgis.png, screenshots/qgis-results.png"
	@echo "make screenshot-qgis-3.40  the same on QGIS 3.40 in the chroot -> docs/qgis-3.40{-start,,-results}.png"
	@echo "make i18n     extract every tr() and .ui text into i18n/*.ts (pylupdate5), compile i18n/*.qm (lrelease)"

system-packages:
	@if [ ! -x /usr/bin/qgis_process.bin ] || ! $(SYSTEM_PYTHON) -c "import qgis.core, osgeo.gdal_array, pyproj" 2>/dev/null \
	    || ! command -v xvfb-run >/dev/null || ! $(SYSTEM_PYTHON) -c "import ensurepip" 2>/dev/null; then \
	  echo "Installing QGIS and tools from Debian (a few minutes)..."; \
	  $(SUDO) apt-get update -qq || exit 1; \
	  shapely=$$(apt-cache policy python3-shapely | sed -n 's/^ *Candidate: *\([0-9][0-9]*\)\..*/\1/p'); \
	  extra=$$([ "$${shapely:-0}" -ge 2 ] && echo python3-shapely); \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(QGIS_PACKAGES) $$extra >/dev/null || exit 1; \
	fi

$(PKGROOT)/$(PLUGIN_NAME):
	@mkdir -p $(PKGROOT)
	@ln -sfn $(ROOT) $@

$(SETUP_STAMP): requirements.txt requirements-dev.txt tests/tools/pip_constraints.py | system-packages $(PKGROOT)/$(PLUGIN_NAME)
	@[ -x $(PY) ] || $(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	@$(SYSTEM_PYTHON) tests/tools/pip_constraints.py > $(VENV)/constraints.txt
	$(PY) -m pip install -q --disable-pip-version-check -c $(VENV)/constraints.txt -r requirements-dev.txt
	@# The plugin's own check, with QGIS loaded: shapely/pyproj must not mix their GEOS/PROJ with QGIS's.
	@$(PY) -c "import qgis.core, osgeo.gdal_array; from sentinelhub_batch.plugin.gui.dependencies import \
	  missing_requirements as m; problems = m(); problems and exit('venv check failed: ' + '; '.join(problems))"
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

test: setup
	$(PY) -m pytest

# The whole suite on QGIS 3.40 LTR (Python 3.13, GDAL 3.10, PROJ 9.6, GEOS 3.13, Debian's shapely 2.1 and pyproj 3.7).
test-qgis-3.40:
	$(IN_QGIS340) make test VENV=$(QGIS340_VENV)

lint: setup
	$(PY) -m ruff check .
	$(PY) -m flake8

typecheck: setup
	$(PY) -m mypy

bench: setup
	$(PY) tests/benchmarks/run.py

site_packages = $$($(PY) -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')

run: setup
	@mkdir -p $(BUILD)/profile/profiles/default/python/plugins
	@ln -sfn $(ROOT) $(BUILD)/profile/profiles/default/python/plugins/$(PLUGIN_NAME)
	@# Enable the plugin in that profile (QSettings writes [PythonPlugins] sentinelhub_batch=true).
	@env -u QT_QPA_PLATFORM $(SYSTEM_PYTHON) -c "import sys; from qgis.PyQt.QtCore import QSettings; \
	  s = QSettings(sys.argv[1], QSettings.Format.IniFormat); \
	  s.setValue('PythonPlugins/$(PLUGIN_NAME)', True); s.sync()" \
	  $(BUILD)/profile/profiles/default/QGIS/QGIS3.ini
	env -u QT_QPA_PLATFORM PYTHONPATH="$(site_packages)" \
	  qgis --profiles-path $(BUILD)/profile --noversioncheck $(QGIS_ARGS)

package: setup
	$(PY) tests/tools/package.py --out dist

stack: setup
	$(PY) -m emulator.stack

demo: setup
	$(PY) tests/tools/demo.py --output $(ROOT)/demo --profile $(BUILD)/demo-profile

screenshot: setup
	@mkdir -p $(BUILD)/screenshot-profile $(dir $(SCREENSHOT))
	@# No attempt to download the Open Sans font QGIS 3.40 misses (no internet here: it would put an error bar in the picture).
	@$(SYSTEM_PYTHON) -c "import sys; from qgis.PyQt.QtCore import QSettings; \
	  s = QSettings(sys.argv[1], QSettings.Format.IniFormat); s.setValue('fonts/downloadMissingFonts', False); s.sync()" \
	  $(BUILD)/screenshot-profile/profiles/default/QGIS/QGIS3.ini
	env -u QT_QPA_PLATFORM SHB_REPOSITORY=$(ROOT) SHB_SCREENSHOT=$(abspath $(SCREENSHOT)) SHB_PYTHON=$(PY) \
	  PYTHONPATH="$(PKGROOT):$(site_packages)" \
	  timeout -k 10 300 xvfb-run -a -s "-screen 0 1920x1200x24" \
	  qgis --profiles-path $(BUILD)/screenshot-profile --noversioncheck --nologo --code tests/tools/screenshot.py
	@test -s $(basename $(SCREENSHOT))-start.png && test -s $(SCREENSHOT) && \
	  test -s $(basename $(SCREENSHOT))-results.png && \
	  echo "$(basename $(SCREENSHOT))-start.png, $(SCREENSHOT) and $(basename $(SCREENSHOT))-results.png written"

screenshot-qgis-3.40:
	$(IN_QGIS340) make screenshot VENV=$(QGIS340_VENV) SCREENSHOT=docs/qgis-3.40.png

# Never delete while a chroot run has the repository, /dev or /proc mounted below .build.
mounts_below_build = $$(findmnt -rn -o TARGET | grep -F "$(BUILD)/" || true)

clean:
	@[ -z "$(mounts_below_build)" ] || { echo "refusing: mounted below $(BUILD): $(mounts_below_build)"; exit 1; }
	find $(BUILD) -mindepth 1 -maxdepth 1 ! -name chroot-trixie ! -name 'chroot-trixie.*' -exec rm -rf {} + \
	  2>/dev/null || true
	rm -rf dist demo .pytest_cache

clean-chroot:
	@[ -z "$(mounts_below_build)" ] || { echo "refusing: mounted below $(BUILD): $(mounts_below_build)"; exit 1; }
	rm -rf $(BUILD)/chroot-trixie $(BUILD)/chroot-trixie.*
