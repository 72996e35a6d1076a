"""Read a contract file: bytes → text → JSON → schema → model.

Only this module sees the raw JSON. Every problem is located (file, line, column, JSON
path) and all of them are reported at once, in file order.
"""

from __future__ import annotations

import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csi_gen import catalogue
from csi_gen.contract import schema_messages
from csi_gen.contract.sourcemap import SourceMap, scan
from csi_gen.errors import (
    InvalidContractError,
    Path_,
    Problem,
    UsageError,
    display_path,
    os_reason,
)
from csi_gen.model import (
    PLACEHOLDER,
    AnnexeLibre,
    Cible,
    Commune,
    Contrat,
    Deliberation,
    Departement,
    Diagnostic,
    Dispositif,
    Engagement,
    Epci,
    Evaluation,
    Financement,
    Gouvernance,
    Indicateur,
    IndicateurSuivi,
    Instance,
    Objectif,
    Partenaire,
    Partie,
    Parties,
    Periode,
    Personne,
    Quartier,
    Representant,
    Revoyure,
    Signature,
    SituationInitiale,
    Statut,
    StatutEngagement,
    Territoire,
    Trajectoire,
    TypeTerritoire,
    Visas,
    Volet,
)

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

MAX_BYTES = 10 * 1024 * 1024
SCHEMA_PATH = Path(__file__).resolve().parents[1] / "resources" / "contrat.schema.json"


@dataclass
class Source:
    """A contract file's text, with a lazily built map from JSON paths to lines."""

    path: Path
    text: str
    _map: SourceMap | None = None

    @property
    def map(self) -> SourceMap:
        if self._map is None:
            self._map = scan(self.text)
        return self._map

    def locate(self, problems: list[Problem]) -> list[Problem]:
        """Give each problem its line and column, and sort them in file order."""
        located = []
        for problem in problems:
            offset = self.map.offset_of(problem.path, problem.on_key)
            line, column = self.map.position(offset)
            located.append((offset, problem.located(line, column)))
        located.sort(key=lambda pair: pair[0])
        return [problem for _, problem in located]


def territory_id(path: Path) -> str:
    return path.stem


def read_source(path: Path) -> Source:
    """Read a contract file as text: an ordinary file, size limit, BOM, UTF-8."""
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise UsageError(f"{display_path(path)} est un dossier, pas un contrat.")
        if not stat.S_ISREG(mode):  # a pipe would block, /dev/zero would never end
            raise UsageError(
                f"{display_path(path)} n'est pas un fichier ordinaire ; un contrat "
                "est un fichier .json."
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
            size = max(os.fstat(handle.fileno()).st_size, len(raw))
    except FileNotFoundError:
        raise UsageError(f"contrat introuvable : {display_path(path)}") from None
    except OSError as error:
        raise UsageError(f"impossible de lire {display_path(path)} ({os_reason(error)}).") from None
    except ValueError:  # a NUL character in the path
        raise UsageError(f"chemin de contrat invalide : {display_path(path)}") from None
    if len(raw) > MAX_BYTES:
        raise InvalidContractError(
            path,
            [
                Problem(
                    "FICHIER-TAILLE",
                    (),
                    "fichier trop volumineux pour un contrat",
                    expected=f"au plus {MAX_BYTES // (1024 * 1024)} Mo",
                    found=f"{size / (1024 * 1024):.1f} Mo".replace(".", ","),
                )
            ],
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InvalidContractError(path, [_encoding_problem(raw, error)]) from None
    if not text.strip():
        raise InvalidContractError(
            path,
            [Problem("FICHIER-VIDE", (), "le fichier est vide", expected="un objet JSON { … }")],
        )
    return Source(path, text)


def _encoding_problem(raw: bytes, error: UnicodeDecodeError) -> Problem:
    line = raw.count(b"\n", 0, error.start) + 1
    line_start = raw.rfind(b"\n", 0, error.start) + 1
    column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
    byte = raw[error.start]
    message = f"le fichier n'est pas encodé en UTF-8 (octet 0x{byte:02X})"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or raw.count(b"\x00") > len(raw) // 4:
        message += " ; il semble encodé en UTF-16"
    elif _looks_like_latin1(raw):
        message += " ; il semble encodé en Latin-1 ou Windows-1252"
    return Problem(
        "FICHIER-ENCODAGE",
        (),
        message,
        expected="un fichier enregistré en UTF-8",
        line=line,
        column=column,
    )


def _looks_like_latin1(raw: bytes) -> bool:
    """Accented letters in Windows-1252, and none written in UTF-8 elsewhere in the file."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return False
    if not raw.decode("utf-8", errors="ignore").isascii():
        return False  # UTF-8 with one bad sequence, not a Latin-1 file
    return any(unicodedata.category(c).startswith("L") and ord(c) > 127 for c in text)


class _DuplicateKeyError(ValueError):
    pass


def _pairs_without_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKeyError
    return result


class _ConstantError(ValueError):
    pass


def _refuse_constant(name: str) -> None:
    raise _ConstantError(name)


def parse_json(source: Source) -> Any:
    """Parse the text; syntax errors, NaN and duplicate keys are located problems."""
    try:
        return json.loads(
            source.text,
            object_pairs_hook=_pairs_without_duplicates,
            parse_constant=_refuse_constant,
        )
    except json.JSONDecodeError as error:
        found = source.text[error.pos : error.pos + 1]
        problem = Problem(
            "JSON-SYNTAXE",
            (),
            "erreur de syntaxe JSON : " + schema_messages.json_syntax(error.msg, found),
            line=error.lineno,
            column=error.colno,
        )
        raise InvalidContractError(source.path, [problem]) from None
    except _DuplicateKeyError:
        problems = [
            Problem(
                "JSON-CLE-DOUBLE",
                dup.path,
                f"clé « {dup.path[-1]} » en double dans le même objet",
                expected="chaque clé une seule fois (seule la dernière serait gardée)",
                on_key=True,
            )
            for dup in source.map.duplicates
        ]
        for problem, dup in zip(problems, source.map.duplicates, strict=True):
            source.map.keys[problem.path] = dup.offset
        raise InvalidContractError(source.path, source.locate(problems)) from None
    except RecursionError:
        problem = Problem(
            "JSON-IMBRICATION",
            (),
            "imbrication trop profonde : le fichier ne peut pas être un contrat",
            expected="au plus une dizaine de niveaux d'objets et de listes",
        )
        raise InvalidContractError(source.path, [problem]) from None
    except _ConstantError as error:  # NaN, Infinity
        constant = re.search(r"(?<=[:\[,])\s*(-?Infinity|NaN)\b", source.text)
        line, column = (
            source.map.position(constant.start(1)) if constant is not None else (None, None)
        )
        problem = Problem(
            "JSON-SYNTAXE",
            (),
            f"valeur « {error} » non admise en JSON",
            expected="un nombre fini",
            line=line,
            column=column,
        )
        raise InvalidContractError(source.path, [problem]) from None
    except ValueError:  # an integer of thousands of digits (Python's conversion limit)
        digits = re.search(r"[0-9]{4000,}", source.text)
        line, column = source.map.position(digits.start()) if digits else (None, None)
        problem = Problem(
            "JSON-NOMBRE",
            (),
            "nombre entier de plusieurs milliers de chiffres",
            expected="un nombre d'au plus seize chiffres (par exemple 1250000)",
            line=line,
            column=column,
        )
        raise InvalidContractError(source.path, [problem]) from None


@cache
def schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


@cache
def _validator() -> Validator:
    from jsonschema import Draft202012Validator, FormatChecker, validators

    def ecma_pattern(
        validator: Validator, pattern: str, instance: Any, schema: dict[str, Any]
    ) -> Iterator[Any]:
        # JSON Schema regexes are ECMA-262: "$" ends the input, where Python's "$" also
        # matches before a final newline ("abc\n" would pass "^[^\n]*$").
        from jsonschema.exceptions import ValidationError

        if isinstance(instance, str) and not _ecma_regex(pattern).search(instance):
            yield ValidationError(f"{instance!r} does not match {pattern!r}")

    checker = FormatChecker(["date"])
    cls = validators.extend(Draft202012Validator, {"pattern": ecma_pattern})
    return cls(schema(), format_checker=checker)


@cache
def _ecma_regex(pattern: str) -> re.Pattern[str]:
    if pattern.endswith("$") and not pattern.endswith("\\$"):
        pattern = pattern[:-1] + r"\Z"
    return re.compile(pattern)


def validate_schema(source: Source, data: Any) -> None:
    """Check the data against the schema; raise with every problem, located."""
    problems = schema_messages.problems(_validator().iter_errors(data))
    problems = _merge_misspelt_keys(problems)
    if problems:
        raise InvalidContractError(source.path, source.locate(problems))


def load(path: Path) -> tuple[Contrat, Source]:
    """Read, parse, check against the schema and build the model of one contract."""
    source = read_source(path)
    data = parse_json(source)
    validate_schema(source, data)
    return build_model(territory_id(path), data), source


def _merge_misspelt_keys(problems: list[Problem]) -> list[Problem]:
    """A misspelt required key is one problem (unknown key, with its suggestion), not two."""
    suggested = {
        (p.path[:-1], p.suggestion) for p in problems if p.on_key and p.suggestion is not None
    }
    return [
        p
        for p in problems
        if not (p.code == "SCHEMA-REQUIRED" and (p.path, p.expected_key) in suggested)
    ]


# --- From validated data to the model ---------------------------------------------------


def _date(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def _years(values: dict[str, float]) -> tuple[tuple[int, float], ...]:
    return tuple(sorted((int(year), value) for year, value in values.items()))


class _ModelBuilder:
    """Builds the model from schema-valid data and remembers where Markdown fields are."""

    def __init__(self) -> None:
        self.markdown: list[tuple[Path_, str]] = []

    def md(self, obj: dict[str, Any], key: str, path: Path_) -> str | None:
        value: str | None = obj.get(key)
        if value is not None:
            self.markdown.append(((*path, key), value))
        return value

    def contrat(self, identifiant: str, data: dict[str, Any]) -> Contrat:
        volets_data = data["volets"]
        volets = tuple(
            self.volet(v.id, volets_data[v.id], ("volets", v.id))
            for v in catalogue.volets()
            if v.id in volets_data
        )
        diagnostic = data.get("diagnostic")
        return Contrat(
            identifiant=identifiant,
            titre=data.get("titre"),
            statut=Statut(data["statut"]),
            confidentialite=data.get("confidentialite", "aucune"),
            territoire=self.territoire(data["territoire"]),
            parties=self.parties(data["parties"]),
            signature=Signature(
                lieu=data["signature"]["lieu"],
                date=_date(data["signature"].get("date")),
                exemplaires=data["signature"].get("exemplaires"),
                path=("signature",),
            ),
            periode=Periode(
                debut=date.fromisoformat(data["periode"]["debut"]),
                fin=date.fromisoformat(data["periode"]["fin"]),
                path=("periode",),
            ),
            deliberations=tuple(
                Deliberation(
                    organe=d["organe"],
                    numero=d.get("numero"),
                    date=date.fromisoformat(d["date"]),
                    objet=d.get("objet"),
                    path=("deliberations", i),
                )
                for i, d in enumerate(data.get("deliberations", []))
            ),
            visas=Visas(
                par_defaut=data.get("visas", {}).get("par_defaut", True),
                exclus=tuple(data.get("visas", {}).get("exclus", [])),
                ajouts=tuple(data.get("visas", {}).get("ajouts", [])),
                path=("visas",),
            ),
            preambule=self.md(data, "preambule", ()),
            dispositifs=tuple(
                Dispositif(
                    type=d["type"],
                    intitule=d["intitule"],
                    date=_date(d.get("date")),
                    articulation=self.md(d, "articulation", ("dispositifs", i)),
                    path=("dispositifs", i),
                )
                for i, d in enumerate(data.get("dispositifs", []))
            ),
            diagnostic=self.diagnostic(diagnostic) if diagnostic is not None else None,
            volets=volets,
            gouvernance=self.gouvernance(data.get("gouvernance", {})),
            annexes=tuple(
                AnnexeLibre(
                    titre=a["titre"],
                    contenu=self.md(a, "contenu", ("annexes", i)) or "",
                    path=("annexes", i),
                )
                for i, a in enumerate(data.get("annexes", []))
            ),
            markdown_fields=tuple(self.markdown),
        )

    def territoire(self, data: dict[str, Any]) -> Territoire:
        epci = data.get("epci")
        return Territoire(
            type=TypeTerritoire(data["type"]),
            nom=data["nom"],
            departement=Departement(data["departement"]["code"], data["departement"]["nom"]),
            communes=tuple(
                Commune(
                    nom=c["nom"],
                    code_insee=c["code_insee"],
                    population=c.get("population"),
                    path=("territoire", "communes", i),
                )
                for i, c in enumerate(data["communes"])
            ),
            epci=Epci(
                nom=epci["nom"],
                nature=epci["nature"],
                siren=epci.get("siren"),
                path=("territoire", "epci"),
            )
            if epci
            else None,
            quartiers=tuple(
                Quartier(
                    nom=q["nom"],
                    type=q["type"],
                    code=q.get("code"),
                    commune=q.get("commune"),
                    depuis=_date(q.get("depuis")),
                    path=("territoire", "quartiers", i),
                )
                for i, q in enumerate(data.get("quartiers", []))
            ),
            path=("territoire",),
        )

    def parties(self, data: dict[str, Any]) -> Parties:
        def representants(side: str) -> tuple[Representant, ...]:
            return tuple(
                Representant(
                    id=r["id"],
                    partie=Partie(side),
                    fonction=r["fonction"],
                    civilite=r["civilite"],
                    prenom=r["prenom"],
                    nom=r["nom"],
                    qualite=r["qualite"],
                    signataire=r["signataire"],
                    commune=r.get("commune"),
                    path=("parties", side, i),
                )
                for i, r in enumerate(data[side])
            )

        return Parties(
            etat=representants("etat"),
            collectivites=representants("collectivites"),
            partenaires=tuple(
                Partenaire(
                    id=p["id"],
                    nom=p["nom"],
                    categorie=p["categorie"],
                    representant=Personne(**p["representant"]) if "representant" in p else None,
                    signataire=p.get("signataire", False),
                    path=("parties", "partenaires", i),
                )
                for i, p in enumerate(data.get("partenaires", []))
            ),
        )

    def diagnostic(self, data: dict[str, Any]) -> Diagnostic:
        path: Path_ = ("diagnostic",)
        return Diagnostic(
            synthese=self.md(data, "synthese", path),
            moyens_et_methodes=self.md(data, "moyens_et_methodes", path),
            indicateurs=tuple(
                Indicateur(
                    id=d["id"],
                    libelle=d["libelle"],
                    unite=d["unite"],
                    source=d["source"],
                    valeurs=_years(d["valeurs"]),
                    commentaire=d.get("commentaire"),
                    path=(*path, "indicateurs", i),
                )
                for i, d in enumerate(data.get("indicateurs", []))
            ),
            path=path,
        )

    def volet(self, volet_id: str, data: dict[str, Any], path: Path_) -> Volet:
        return Volet(
            id=volet_id,
            introduction=self.md(data, "introduction", path),
            engagements=tuple(
                self.engagement(volet_id, e, (*path, "engagements", i))
                for i, e in enumerate(data["engagements"])
            ),
            path=path,
        )

    def engagement(self, volet_id: str, data: dict[str, Any], path: Path_) -> Engagement:
        return Engagement(
            id=data.get("id"),
            mesure=data.get("mesure"),
            intitule=data.get("intitule"),
            partie=Partie(data["partie"]),
            porteurs=tuple(data.get("porteurs", [])),
            statut=StatutEngagement(data["statut"]),
            motif=data.get("motif"),
            texte=self.md(data, "texte", path),
            objectifs=tuple(
                self.objectif(o, (*path, "objectifs", i))
                for i, o in enumerate(data.get("objectifs", []))
            ),
            conditions=tuple(data.get("conditions", [])),
            cout_total=data.get("cout_total"),
            financements=tuple(
                Financement(
                    financeur=f["financeur"],
                    source=f["source"],
                    montant=f["montant"],
                    annee=f["annee"],
                    taux=f.get("taux"),
                    objet=f.get("objet"),
                    path=(*path, "financements", i),
                )
                for i, f in enumerate(data.get("financements", []))
            ),
            indicateurs=tuple(
                IndicateurSuivi(
                    libelle=d["libelle"],
                    unite=d.get("unite"),
                    source=d.get("source"),
                    periodicite=d.get("periodicite"),
                    indicateur=d.get("indicateur"),
                    valeur_cible=d.get("valeur_cible"),
                    path=(*path, "indicateurs", i),
                )
                for i, d in enumerate(data.get("indicateurs", []))
            ),
            volet=volet_id,
            path=path,
        )

    def objectif(self, data: dict[str, Any], path: Path_) -> Objectif:
        initial = data.get("situation_initiale")
        trajectoire = data.get("trajectoire")
        cible = data["cible"]
        return Objectif(
            libelle=data["libelle"],
            unite=data["unite"],
            situation_initiale=SituationInitiale(initial["valeur"], initial["annee"])
            if initial
            else None,
            cible=Cible(
                valeur=cible["valeur"],
                qualificatif=cible.get("qualificatif", "exactement"),
                valeur_max=cible.get("valeur_max"),
            ),
            echeance=_date(data.get("echeance")),
            trajectoire=Trajectoire(trajectoire["mode"], _years(trajectoire["valeurs"]))
            if trajectoire
            else None,
            path=path,
        )

    def gouvernance(self, data: dict[str, Any]) -> Gouvernance:
        def instance(key: str) -> Instance | None:
            value = data.get(key)
            if value is None:
                return None
            return Instance(value.get("presidence"), tuple(value["membres"]), value["frequence"])

        evaluation = data.get("evaluation")
        revoyure = data.get("revoyure")
        path: Path_ = ("gouvernance",)
        return Gouvernance(
            comite_pilotage=instance("comite_pilotage"),
            comite_technique=instance("comite_technique"),
            evaluation=Evaluation(
                evaluation["frequence"], self.md(evaluation, "modalites", (*path, "evaluation"))
            )
            if evaluation
            else None,
            revoyure=Revoyure(
                date=date.fromisoformat(revoyure["date"]),
                objet=self.md(revoyure, "objet", (*path, "revoyure")),
                path=(*path, "revoyure"),
            )
            if revoyure
            else None,
        )


def build_model(identifiant: str, data: dict[str, Any]) -> Contrat:
    contrat = _ModelBuilder().contrat(identifiant, data)
    return replace(contrat, placeholders=tuple(_placeholders(data)))


_INTERNAL_NOTES = ("notes_de_redaction", "note_de_redaction")


def _placeholders(data: Any) -> Iterator[Path_]:
    """Paths of the texts still holding the « [à compléter] » marker of a new contract."""
    stack: list[tuple[Path_, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        if path and path[-1] in _INTERNAL_NOTES:
            continue
        if isinstance(value, str) and PLACEHOLDER in value:
            yield path
        elif isinstance(value, dict):
            stack.extend(((*path, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))
