# Every target bootstraps .venv itself; `make test` also installs the system packages
# listed in packaging/system-packages.txt when run as root.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SYSTEM_PACKAGES := $(shell sed -e 's/\#.*//' packaging/system-packages.txt)

.PHONY: run test lint bench system-packages format clean screenshots

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Rizhi needs Python 3.11 or newer; set PYTHON=python3.11"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	# Bytecode up front: where PYTHONDONTWRITEBYTECODE is set, every start would
	# otherwise compile Rizhi's modules from source.
	$(BIN)/python -m compileall -q app migrations
	touch $(STAMP)

# The window's own system libraries (app/config/qt_runtime.py): installed when root,
# otherwise the one `sudo apt-get install` line is printed and the window is not started.
run: $(STAMP)
	$(BIN)/python -m app.config.qt_runtime --install
	$(BIN)/rizhi

system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing system packages: $$missing"; \
		export DEBIAN_FRONTEND=noninteractive; \
		apt-get install -y -qq $$missing >/dev/null 2>&1 || \
		{ apt-get update -qq && apt-get install -y -qq $$missing; }; \
	else \
		echo "These system packages are missing: $$missing"; \
		echo "Install them with: sudo apt-get install $$missing"; \
		echo "(Tests that need them will fail.)"; \
	fi

test: $(STAMP) system-packages
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check app tests bench migrations scripts
	$(BIN)/ruff format --check app tests bench migrations scripts
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format app tests bench migrations scripts
	$(BIN)/ruff check --fix app tests bench migrations scripts

bench: $(STAMP) system-packages
	$(BIN)/python bench/capture.py
	$(BIN)/python bench/window.py
	$(BIN)/python bench/instance.py
	$(BIN)/python bench/journal.py
	$(BIN)/python bench/date_phrases.py
	$(BIN)/python bench/capture_popup.py
	$(BIN)/python bench/hotkey.py
	$(BIN)/python bench/reminders.py
	$(BIN)/python bench/planner.py
	$(BIN)/python bench/time_report.py

screenshots: $(STAMP) system-packages
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
