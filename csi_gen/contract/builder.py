"""From schema-valid data to the model: the only code that sees the raw JSON after the schema.

It also records where the Markdown fields are (the rules check what Markdown they use)
and which texts still hold the « [à compléter] » marker of a new contract.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from typing import Any

from csi_gen import catalogue
from csi_gen.errors import Path_
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
