"""Read a follow-up file: text → JSON → its own schema → model, every problem located.

The follow-up file sits next to its contract: ``contracts/toulouse.suivi.json`` for
``contracts/toulouse.json``. It is read with the contract's machinery (size, encoding,
syntax, duplicate keys, French schema messages); only the schema differs.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csi_gen.contract.schema import validate_schema, validators_for
from csi_gen.contract.source import Source, parse_json, read_source
from csi_gen.errors import Path_, UsageError, display_path
from csi_gen.follow.model import (
    AnneeSuivie,
    Avancement,
    Comite,
    EngagementSuivi,
    ExecutionFinancement,
    MesureIndicateur,
    Suivi,
    ValeurObjectif,
)
from csi_gen.model import PLACEHOLDER
from csi_gen.paths import FOLLOW_UP_SUFFIX

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

SCHEMA_PATH = Path(__file__).resolve().parents[1] / "resources" / "suivi.schema.json"
_NOT_READ = ("notes_de_redaction", "note_de_redaction", "rappel")


def follow_up_path(contract: Path) -> Path:
    """``contracts/toulouse.json`` → ``contracts/toulouse.suivi.json``."""
    return contract.with_name(contract.stem + FOLLOW_UP_SUFFIX)


@cache
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


@cache
def _validators() -> tuple[Validator, Validator]:
    return validators_for(schema())


def read(path: Path) -> tuple[Any, Source]:
    """The follow-up file's data, checked against its schema, and its source."""
    if not path.exists() and not path.is_symlink():
        contract = path.name.removesuffix(FOLLOW_UP_SUFFIX)
        raise UsageError(
            f"pas de fichier de suivi {display_path(path)} ; "
            f"« csi-gen suivi {contract} --annee <année> » le crée."
        )
    source = read_source(path)
    data = parse_json(source)
    validate_schema(source, data, _validators(), schema())
    return data, source


def load(path: Path, identifiant: str) -> tuple[Suivi, Source]:
    """Read, parse, check against the schema and build the model of a follow-up file."""
    data, source = read(path)
    return build(identifiant, data), source


# --- From validated data to the model ----------------------------------------------------------


def _value(raw: Any) -> float | None:
    """A number, or None for a value still « [à compléter] »."""
    return None if isinstance(raw, str) else float(raw)


def _date(raw: str | None) -> date | None:
    return date.fromisoformat(raw) if raw is not None else None


def build(identifiant: str, data: dict[str, Any]) -> Suivi:
    years = sorted(data["annees"].items(), key=lambda item: int(item[0]))
    return Suivi(
        identifiant=identifiant,
        annees=tuple(_annee(int(key), value, ("annees", key)) for key, value in years),
        placeholders=tuple(_placeholders(data)),
    )


def _annee(year: int, data: dict[str, Any], path: Path_) -> AnneeSuivie:
    comite = data.get("comite_pilotage")
    return AnneeSuivie(
        annee=year,
        comite=Comite(
            date=_date(comite.get("date")),
            presents=tuple(comite["presents"]),
            decisions=tuple(comite["decisions"]),
            path=(*path, "comite_pilotage"),
        )
        if comite is not None
        else None,
        engagements=tuple(
            _engagement(key, value, (*path, "engagements", key))
            for key, value in data["engagements"].items()
        ),
        path=path,
    )


def _engagement(identifiant: str, data: dict[str, Any], path: Path_) -> EngagementSuivi:
    avancement = data.get("avancement")
    return EngagementSuivi(
        id=identifiant,
        avancement=Avancement(avancement) if avancement not in (None, PLACEHOLDER) else None,
        date=_date(data.get("date")),
        motif=data.get("motif"),
        commentaire=data.get("commentaire"),
        objectifs=tuple(
            ValeurObjectif(
                o["libelle"], _value(o["valeur"]), o.get("commentaire"), (*path, "objectifs", i)
            )
            for i, o in enumerate(data.get("objectifs", []))
        ),
        indicateurs=tuple(
            MesureIndicateur(
                m["libelle"], _value(m["valeur"]), m.get("commentaire"), (*path, "indicateurs", i)
            )
            for i, m in enumerate(data.get("indicateurs", []))
        ),
        financements=tuple(
            ExecutionFinancement(
                financeur=f["financeur"],
                source=f.get("source"),
                annee=f["annee"],
                engage=_value(f.get("engage", PLACEHOLDER)),
                paye=_value(f.get("paye", PLACEHOLDER)),
                commentaire=f.get("commentaire"),
                path=(*path, "financements", i),
            )
            for i, f in enumerate(data.get("financements", []))
        ),
        path=path,
    )


def _placeholders(data: Any) -> Iterator[Path_]:
    """Paths of the values and texts still marked « [à compléter] »."""
    stack: list[tuple[Path_, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if path and path[-1] in _NOT_READ:
            continue
        if isinstance(value, str) and PLACEHOLDER in value:
            yield path
        elif isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))
