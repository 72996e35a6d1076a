"""The bilan's words outside the Word templates: ``data/libelles-bilan.json``.

The terminal summary (``bilan --format texte``) and the spreadsheet of ``bilan --tous`` are
worded there, as the contract's labels are in ``data/libelles.json``: whoever edits the
words need not read Python. Values (numbers, dates, names) are formatted here and put in
the texts' ``{names}``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from csi_gen.errors import TemplateError
from csi_gen.formatting import nombre

FILE = "libelles-bilan.json"


@cache
def _words() -> dict[str, Any]:
    text = resources.files("csi_gen").joinpath("data", FILE).read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def mot(*keys: str, compte: int | None = None, **values: object) -> str:
    """The text at ``keys`` (``mot("classeur", "colonnes", "suivi", annee=2022)``), its
    ``{names}`` replaced by ``values``; with ``compte``, its « singulier » or « pluriel »
    form, and ``{nombre}`` the count."""
    return _text(keys, compte, values)


def _text(keys: tuple[str, ...], compte: int | None, values: dict[str, object]) -> str:
    node: Any = _words()
    for key in keys:
        node = node[key]
    if compte is not None:
        node = node["singulier" if abs(compte) < 2 else "pluriel"]
        values["nombre"] = nombre(compte)
    text = str(node)
    try:
        return text.format(**values)
    except (KeyError, IndexError, ValueError):
        names = ", ".join(f"{{{name}}}" for name in values) or "aucun"
        raise TemplateError(
            f"csi_gen/data/{FILE}, « {'.'.join(keys)} » : le texte « {text} » ne peut pas être "
            f"complété ; les noms entre accolades possibles : {names} (une accolade seule "
            "s'écrit {{ ou }})."
        ) from None


def colonne(key: str, **values: object) -> str:
    """A header of the spreadsheet."""
    return _text(("classeur", "colonnes", key), None, values)


def avancement(state: str, form: str) -> str:
    """A state's column heading (« Réalisés ») or word (« réalisé »)."""
    return mot("avancements", state, form)
