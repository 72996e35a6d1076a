"""The ``csi-gen`` command: parse the arguments, call the library, report in French.

``app.py`` holds the Typer application and the entry point, ``help.py`` the French help
pages; each command lives with its kin: ``contracts.py`` (valider, generer, nouveau,
couverture), ``reference.py`` (mesures, visas, schema), ``compare.py`` (comparer), ``amend.py`` (avenant), ``templates.py`` (modeles),
``follow.py`` (suivi, bilan).
"""

# isort: off
# Importing the command modules registers their commands, in the order « --help » lists them.
from csi_gen.cli import contracts, reference, compare, amend, templates, follow  # noqa: F401
from csi_gen.cli.app import app, main, run

# isort: on

__all__ = ["app", "main", "run"]
