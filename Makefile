# csi-gen — the targets a user and a developer need. « make help » lists them.

TERRITORY ?= toulouse
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUNTIME_STAMP := $(VENV)/.installe-execution
DEV_STAMP := $(VENV)/.installe-developpement
BENCH_STAMP := $(VENV)/.installe-banc
BYTECODE_STAMP := $(VENV)/.bytecode-a-jour
LIBREOFFICE_PACKAGES := libreoffice-writer-nogui python3-uno fonts-liberation poppler-utils libjemalloc2
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
# setuptools warns at every editable install that a folder named like the package may shadow
# it; here that folder is the package itself.
QUIET_EDITABLE := PYTHONWARNINGS="ignore:Editable installation"

# A contract's document depends on its JSON, the templates, the schema and the package.
CONTRACT_FILES := $(filter-out %.suivi.json,$(wildcard contracts/*.json))
DOCUMENTS := $(patsubst contracts/%.json,build/%.docx,$(CONTRACT_FILES))
BUILD_INPUTS := $(wildcard templates/*.docx) schema/contrat.schema.json \
	$(wildcard csi_gen/*.py csi_gen/*/*.py) $(wildcard csi_gen/data/*.json csi_gen/data/geographie/*)

.DEFAULT_GOAL := help
.PHONY: help contract pdf redline avenant contracts validate test fuzz lint bench libreoffice clean

help: ## Affiche cette aide
	@echo "csi-gen : rédaction des contrats de sécurité intégrée"
	@echo
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | awk -F'\t' '{ printf "  make %-12s %s\n", $$1, $$2 }'
	@echo
	@echo "Exemple : make contract TERRITORY=toulouse"

contract: $(BYTECODE_STAMP) ## Génère build/$(TERRITORY).docx (TERRITORY=toulouse par défaut)
	@$(BIN)/csi-gen generer $(TERRITORY)

pdf: $(BYTECODE_STAMP) libreoffice ## Génère build/$(TERRITORY).docx et build/$(TERRITORY).pdf
	@$(BIN)/csi-gen generer $(TERRITORY) --pdf

redline: $(BYTECODE_STAMP) ## build/$(TERRITORY)-comparaison.docx : les modifications depuis FROM (jusqu'à TO)
	@[ -n "$(FROM)" ] || { echo "Indiquez la version de départ : make redline TERRITORY=toulouse FROM=HEAD~1"; exit 2; }
	@$(BIN)/csi-gen comparer $(TERRITORY) --depuis '$(FROM)' $(if $(TO),--jusqua '$(TO)')

avenant: $(BYTECODE_STAMP) ## build/$(TERRITORY)-avenant-N.docx : l'avenant n° N au contrat signé (N : le dernier par défaut)
	@$(BIN)/csi-gen avenant $(TERRITORY) $(if $(N),--numero '$(N)')

contracts: $(BYTECODE_STAMP) ## Génère les contrats de contracts/ dont les données ont changé
	@$(MAKE) --no-print-directory -s -k -j$(JOBS) $(DOCUMENTS)
	@echo "Contrats à jour dans build/."

build/%.docx: contracts/%.json $(BUILD_INPUTS) | $(BYTECODE_STAMP)
	@$(BIN)/csi-gen generer $< --sortie build

validate: $(BYTECODE_STAMP) ## Vérifie tous les contrats de contracts/ et les modèles de templates/
	@$(BIN)/csi-gen valider
	@$(BIN)/csi-gen modeles

# In parallel, one worker per core: on 2 cores, 1 min 50 s instead of 2 min 20 s. At most
# four, as each LibreOffice test starts its own LibreOffice.
test: $(DEV_STAMP) ## Lance les tests
	@$(BIN)/python -m pytest -n auto --maxprocesses=4

FUZZ_EXAMPLES ?= 1000

fuzz: $(DEV_STAMP) ## Tests de propriétés longs : FUZZ_EXAMPLES contrats générés par test (1000)
	@CSI_GEN_FUZZ=$(FUZZ_EXAMPLES) $(BIN)/python -m pytest -x tests/test_properties.py

lint: $(DEV_STAMP) ## Vérifie le style (ruff) et les types (mypy)
	@$(BIN)/ruff check csi_gen tests tools bench
	@$(BIN)/ruff format --check csi_gen tests tools bench
	@$(BIN)/mypy

bench: $(BENCH_STAMP) $(BYTECODE_STAMP) libreoffice ## Mesure les performances (bench/results/latest.md)
	@command -v pandoc >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
		&& DEBIAN_FRONTEND=noninteractive apt-get install -y -q pandoc >/dev/null; } \
		|| echo "pandoc absent : la comparaison avec le pair sera omise (sudo apt install pandoc)."
	@$(BIN)/python bench/run.py

clean: ## Supprime build/ et l'environnement virtuel
	rm -rf build $(VENV)

# --- Set-up -----------------------------------------------------------------------------------

$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || { \
		echo "csi-gen demande Python 3.11 ou plus récent : installez-le (sudo apt install python3), ou indiquez-le avec make PYTHON=python3.12."; exit 1; }
	@$(PYTHON) -m venv $(VENV) 2>/dev/null || { rm -rf $(VENV); \
		echo "Impossible de créer l'environnement virtuel : installez le module venv (sudo apt install python3-venv)."; exit 1; }
	@$(BIN)/python -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): pyproject.toml | $(VENV)/bin/python
	@echo "Installation de csi-gen dans $(VENV)…"
	@$(QUIET_EDITABLE) $(BIN)/python -m pip install --quiet --editable . || { \
		echo "L'installation des dépendances a échoué : vérifiez l'accès à PyPI (ou au miroir configuré pour pip)."; exit 1; }
	@touch $@

# Bytecode written ahead, as pip does for installed packages: Python may not write it
# itself (PYTHONDONTWRITEBYTECODE, read-only folder), and compiling costs each run 50 ms.
$(BYTECODE_STAMP): $(wildcard csi_gen/*.py csi_gen/*/*.py) $(RUNTIME_STAMP)
	@$(BIN)/python -m compileall -q csi_gen >/dev/null
	@touch $@

$(DEV_STAMP): pyproject.toml $(RUNTIME_STAMP)
	@echo "Installation des outils de développement dans $(VENV)…"
	@$(QUIET_EDITABLE) $(BIN)/python -m pip install --quiet --editable '.[dev]' || { \
		echo "L'installation des outils de test a échoué : vérifiez l'accès à PyPI."; exit 1; }
	@touch $@

$(BENCH_STAMP): pyproject.toml $(DEV_STAMP)
	@$(QUIET_EDITABLE) $(BIN)/python -m pip install --quiet --editable '.[dev,bench]' || { \
		echo "L'installation des outils de mesure a échoué : vérifiez l'accès à PyPI."; exit 1; }
	@touch $@

libreoffice: ## Installe LibreOffice (pour le PDF) s'il manque
	@if command -v soffice >/dev/null 2>&1 && /usr/bin/python3 -c 'import uno' >/dev/null 2>&1; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "Installation de LibreOffice pour le PDF…"; \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(LIBREOFFICE_PACKAGES) >/dev/null \
		|| { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(LIBREOFFICE_PACKAGES) >/dev/null; } \
		|| { echo "L'installation de LibreOffice a échoué : lancez sudo apt install $(LIBREOFFICE_PACKAGES)."; exit 1; }; \
	else \
		echo "Le PDF demande LibreOffice : lancez sudo apt install $(LIBREOFFICE_PACKAGES)."; exit 1; \
	fi
