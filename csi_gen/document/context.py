"""What the templates see: the contract turned into words, numbers and rich text.

Everything a template prints is prepared here, once: sums, counts, sentences, French
formatting. Templates only place values and loop over lists. Rich text (Markdown fields
and engagement blocks) is given as objects whose ``__html__`` yields WordprocessingML,
which Jinja inserts as is; plain values are escaped by the environment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, Protocol

from csi_gen import catalogue, wording
from csi_gen.document import charts, richtext
from csi_gen.document.ooxml import paragraph_xml, run_xml
from csi_gen.document.richtext import NewList
from csi_gen.formatting import (
    date_longue,
    en_lettres,
    euros,
    euros_en_lettres,
    liste_et,
    majuscule,
    nom_signature,
    nombre,
    pourcentage,
)
from csi_gen.model import (
    Contrat,
    Engagement,
    Indicateur,
    Partie,
    Representant,
    Statut,
    StatutEngagement,
    TypeTerritoire,
)
from csi_gen.versioning import Version

PLACEHOLDER_DATE = "……………………"


class Hooks(Protocol):
    """What the document being rendered offers: list numbering and chart parts."""

    def new_list(self, ordered: bool, level: int, start: int) -> int: ...

    def add_chart(self, index: int) -> str: ...


class Xml:
    """WordprocessingML produced on demand; truthy when it has content."""

    def __init__(self, produce: Callable[[], str], present: bool = True) -> None:
        self._produce = produce
        self._present = present

    def __html__(self) -> str:
        return self._produce()

    def __bool__(self) -> bool:
        return self._present

    def __str__(self) -> str:
        return self._produce()


def markdown(
    text: str | None, new_list: NewList, style: str = richtext.STYLE_BODY, base_level: int = 0
) -> Xml | None:
    if text is None:
        return None
    return Xml(lambda: richtext.to_xml(text, new_list, style, base_level))


def _paragraphs(items: list[tuple[str, str]]) -> str:
    """(style, text) pairs → plain paragraphs."""
    return "".join(paragraph_xml(run_xml(text), style) for style, text in items)


def _engagement_title(engagement: Engagement) -> str:
    """The engagement's own title, else the short title of its catalogue measure."""
    if engagement.intitule:
        return engagement.intitule
    mesure = catalogue.mesures_by_id().get(engagement.mesure or "")
    return mesure.intitule if mesure else "Engagement"


class ContextBuilder:
    def __init__(self, contrat: Contrat, version: Version, hooks: Hooks) -> None:
        self.contrat = contrat
        self.version = version
        self.new_list = hooks.new_list
        self.add_chart = hooks.add_chart
        self.numbers: dict[int, str] = {}  # engagement → « volet justice, engagement n° 2 »

    # --- top level ---------------------------------------------------------------------

    def build(self) -> dict[str, Any]:
        contrat = self.contrat
        volets = {v.id: self.volet(v.id) for v in contrat.volets}
        return {
            "intitule": contrat.intitule,
            "titre_propre": contrat.titre if contrat.titre != self.default_title() else None,
            "statut_libelle": wording.libelle("statut_contrat", contrat.statut.value),
            "marquage": self.marquage(),
            "filigrane": "PROJET" if contrat.statut is Statut.PROJET else "",
            "version": self.version.label,
            "service_etat": self.service_etat(),
            "territoire": self.territoire(),
            "periode": {
                "texte": f"du {date_longue(contrat.periode.debut)} "
                f"au {date_longue(contrat.periode.fin)}",
                "texte_couverture": f"{contrat.periode.debut.year} – {contrat.periode.fin.year}",
            },
            "parties": self.parties(),
            "visas": self.visas(),
            "preambule": markdown(contrat.preambule, self.new_list),
            "dispositifs": self.dispositifs(),
            "diagnostic": self.diagnostic(),
            "volets": volets,
            "gouvernance": self.gouvernance(),
            "signature": self.signature(),
            "reciprocite": self.reciprocite(),
            "trajectoires": self.trajectoires(),
            "financement": self.financement(),
            "indicateurs": self.indicateurs(),
            "catalogue": self.catalogue(),
            "annexes_libres": [
                {"titre": a.titre, "contenu": markdown(a.contenu, self.new_list)}
                for a in contrat.annexes
            ],
        }

    def default_title(self) -> str:
        return f"Contrat de sécurité intégrée de {self.contrat.territoire.nom}"

    def marquage(self) -> str:
        parts = []
        if self.contrat.statut is Statut.PROJET:
            parts.append("Projet")
        confidentiality = wording.libelle("confidentialite", self.contrat.confidentialite)
        if confidentiality:
            parts.append(confidentiality)
        return " – ".join(parts).upper()

    def service_etat(self) -> str:
        from csi_gen.departements import prefecture

        return prefecture(
            self.contrat.territoire.departement.code, self.contrat.territoire.departement.nom
        )

    # --- territory and parties -------------------------------------------------------------

    def territoire(self) -> dict[str, Any]:
        territoire = self.contrat.territoire
        communes = {c.code_insee: c for c in territoire.communes}
        designation, de_designation = self.designation()
        return {
            "nom": territoire.nom,
            "designation": designation,
            "de_designation": de_designation,
            "departement": territoire.departement.nom,
            "plusieurs_communes": len(territoire.communes) > 1,
            "nombre_communes": len(territoire.communes),
            "communes": [
                {
                    "nom": c.nom,
                    "code_insee": c.code_insee,
                    "population": f", {nombre(c.population)} habitants" if c.population else "",
                }
                for c in territoire.communes
            ],
            "quartiers": [
                {
                    "description": majuscule(
                        f"{q.nom}, {wording.libelle('type_quartier', q.type)}"
                        + (f" ({q.code})" if q.code else "")
                        + (
                            f", à {communes[q.commune].nom}"
                            if q.commune in communes and len(communes) > 1
                            else ""
                        )
                        + (f", depuis le {date_longue(q.depuis)}" if q.depuis else "")
                    )
                }
                for q in territoire.quartiers
            ],
        }

    def designation(self) -> tuple[str, str]:
        """``la commune de Toulouse`` and ``de la commune de Toulouse``."""
        territoire = self.contrat.territoire
        if territoire.type is TypeTerritoire.COMMUNE:
            name = f"la commune de {territoire.communes[0].nom}"
            return name, f"de {name}"
        if territoire.type is TypeTerritoire.INTERCOMMUNALITE and territoire.epci:
            return (
                f"{territoire.epci.nom} et ses communes membres",
                f"de {territoire.epci.nom} et de ses communes membres",
            )
        communes = liste_et(c.nom for c in territoire.communes)
        return f"les communes de {communes}", f"des communes de {communes}"

    def _deliberation_for(self, representant: Representant) -> str:
        """« , dûment habilité par délibération … » when a deliberation matches."""
        organes = []
        for deliberation in self.contrat.deliberations:
            numero = f" n° {deliberation.numero}" if deliberation.numero else ""
            organes.append(
                (
                    deliberation.organe,
                    f"délibération du {deliberation.organe}{numero} "
                    f"du {date_longue(deliberation.date)}",
                )
            )
        if representant.commune:
            commune = self.contrat.territoire.commune(representant.commune)
            name = commune.nom.lower() if commune else ""
            matching = [text for organe, text in organes if name and name in organe.lower()]
        elif representant.fonction == "president_epci" and self.contrat.territoire.epci:
            name = self.contrat.territoire.epci.nom.lower()
            matching = [text for organe, text in organes if name in organe.lower()]
        else:
            matching = []
        if not matching:
            return ""
        feminine = "e" if representant.civilite == "Mme" else ""
        return f", dûment habilité{feminine} par {liste_et(matching)}"

    def parties(self) -> dict[str, Any]:
        contrat = self.contrat
        etat_signataires = [r for r in contrat.parties.etat if r.signataire]
        etat = ""
        if etat_signataires:
            etat = (
                "L'État, représenté par "
                + liste_et(
                    f"{wording.personne(r.civilite, r.prenom, r.nom)}, {r.qualite}"
                    for r in etat_signataires
                )
                + ","
            )
        collectivites = []
        for r in contrat.parties.collectivites:
            if not r.signataire:
                continue
            heading = wording.signature_heading(contrat, r).removeprefix("Pour ")
            represented = "représentée" if heading.startswith(("la ", "la\u00a0")) else "représenté"
            if r.fonction == "president_epci":
                represented = "représentée"
            collectivites.append(
                f"{majuscule(heading)}, {represented} par "
                f"{wording.personne(r.civilite, r.prenom, r.nom)}, {r.qualite}"
                f"{self._deliberation_for(r)},"
            )
        partenaires_signataires: list[str] = []
        associes: list[str] = []
        for p in contrat.parties.partenaires:
            rep = p.representant
            text = p.nom + (
                f", représenté par {wording.personne(rep.civilite, rep.prenom, rep.nom)}, {rep.qualite}"
                if rep
                else ""
            )
            (partenaires_signataires if p.signataire else associes).append(text + ",")
        for r in contrat.parties.representants:
            if not r.signataire:
                associes.append(f"{wording.personne(r.civilite, r.prenom, r.nom)}, {r.qualite},")
        single = contrat.territoire.type is TypeTerritoire.COMMUNE
        return {
            "etat": [etat] if etat else [],
            "collectivites": collectivites,
            "signataires_partenaires": partenaires_signataires,
            "associes": [
                a.removesuffix(",") + (" ;" if i < len(associes) - 1 else ".")
                for i, a in enumerate(associes)
            ],
            "accord": "e" if single else "es",
            "nom_collectivites": "la commune" if single else "les collectivités",
            "de_collectivites": wording.collectivites_label(contrat),
            "sujet_collectivites": "la commune" if single else "les collectivités signataires",
            "sujet_collectivites_majuscule": "La commune"
            if single
            else ("Les collectivités signataires"),
            "verbe_pluriel": "" if single else "nt",
            "verbe_pluriel_nt": "" if single else "nent",
            "representant_collectivites": "le maire" if single else "les exécutifs locaux",
        }

    def visas(self) -> list[str]:
        contrat = self.contrat
        reference = contrat.signature.date or contrat.periode.debut
        visas: list[str] = []
        if contrat.visas.par_defaut:
            for visa in catalogue.visas_types():
                if visa.id in contrat.visas.exclus:
                    continue
                if visa.date and visa.date > reference:
                    continue
                if (
                    visa.condition == "intercommunalite"
                    and contrat.territoire.type is not TypeTerritoire.INTERCOMMUNALITE
                ):
                    continue
                visas.append(visa.texte)
        for ajout in contrat.visas.ajouts:
            text = ajout[3:] if ajout.startswith(("Vu ", "vu ")) else ajout
            visas.append(text)
        for deliberation in contrat.deliberations:
            numero = f" n° {deliberation.numero}" if deliberation.numero else ""
            objet = deliberation.objet or "approuvant le présent contrat et autorisant sa signature"
            visas.append(
                f"la délibération{numero} du {deliberation.organe} "
                f"en date du {date_longue(deliberation.date)} {objet}"
            )
        return visas

    def dispositifs(self) -> list[dict[str, Any]]:
        return [
            {
                "description": d.intitule
                + (f" ({date_longue(d.date)})" if d.date else "")
                + (
                    f" – {wording.libelle('dispositif', d.type).lower()}"
                    if d.type != "autre"
                    and wording.libelle("dispositif", d.type).lower() not in d.intitule.lower()
                    else ""
                ),
                "articulation": markdown(
                    d.articulation, self.new_list, richtext.STYLE_CONTINUATION, base_level=1
                ),
            }
            for d in self.contrat.dispositifs
        ]

    # --- diagnostic ---------------------------------------------------------------------------

    def diagnostic(self) -> dict[str, Any]:
        diagnostic = self.contrat.diagnostic
        if diagnostic is None:
            return {
                "synthese": None,
                "moyens_et_methodes": None,
                "indicateurs": [],
                "annees": [],
                "sources": "",
                "graphiques": [],
                "evolution": "",
            }
        years = charts.years(diagnostic.indicateurs)
        groups = charts.by_unit(diagnostic.indicateurs)
        return {
            "synthese": markdown(diagnostic.synthese, self.new_list),
            "moyens_et_methodes": markdown(diagnostic.moyens_et_methodes, self.new_list),
            "annees": [str(y) for y in years],
            "sources": _sources(diagnostic.indicateurs),
            "indicateurs": [
                {
                    "libelle": i.libelle,
                    "unite": i.unite,
                    "valeurs": [
                        nombre(dict(i.valeurs)[y]) if y in dict(i.valeurs) else "–" for y in years
                    ],
                }
                for i in diagnostic.indicateurs
            ],
            "evolution": (
                "le graphique qui le suit en montre l'évolution"
                if len(groups) == 1
                else "les graphiques qui le suivent, un par unité de mesure, en montrent l'évolution"
            ),
            "graphiques": [
                {
                    "graphique": Xml(partial(self.add_chart, index)),
                    **_chart_captions(group),
                }
                for index, group in enumerate(groups)
            ],
        }

    # --- volets and engagements ----------------------------------------------------------------

    def _retained(self, volet_id: str, partie: Partie) -> list[Engagement]:
        volet = self.contrat.volet(volet_id)
        if volet is None:
            return []
        return [e for e in volet.engagements if e.partie is partie and e.retenue]

    def volet(self, volet_id: str) -> dict[str, Any]:
        volet = self.contrat.volet(volet_id)
        assert volet is not None
        reference = catalogue.volet(volet_id)
        result: dict[str, Any] = {
            "titre": f"Volet {reference.titre.lower()}",
            "introduction": markdown(volet.introduction, self.new_list),
            "description": (
                "La circulaire du Premier ministre du 16 avril 2021 prévoit "
                + reference.description
                + "."
            )
            if reference.description
            else None,
        }
        for partie in Partie:
            retained = self._retained(volet_id, partie)
            side = "État" if partie is Partie.ETAT else "collectivités"
            for number, engagement in enumerate(retained, start=1):
                self.numbers[id(engagement)] = (
                    f"volet {reference.titre.lower()}, {side} n° {number}"
                )
            result[partie.value] = Xml(
                partial(self.engagements_xml, retained), present=bool(retained)
            )
            pending = [
                e
                for e in volet.engagements
                if e.partie is partie and e.statut is StatutEngagement.EN_ATTENTE_ARBITRAGE
            ]
            result[f"{partie.value}_arbitrage"] = liste_et(
                f"« {_engagement_title(e)} »" for e in pending
            )
        return result

    def engagements_xml(self, engagements: list[Engagement]) -> str:
        return "".join(self.engagement_xml(n, e) for n, e in enumerate(engagements, start=1))

    def engagement_xml(self, number: int, engagement: Engagement) -> str:
        parts = [paragraph_xml(run_xml(f"{number}. {_engagement_title(engagement)}"), "Engagement")]
        mesure = catalogue.mesures_by_id().get(engagement.mesure or "")
        if engagement.texte:
            parts.append(richtext.to_xml(engagement.texte, self.new_list))
        elif mesure:
            parts.append(
                paragraph_xml(
                    run_xml(mesure.texte + (" :" if mesure.elements else ".")), richtext.STYLE_BODY
                )
            )
            num = self.new_list(False, 0, 1)
            parts.extend(
                paragraph_xml(run_xml(element), richtext.STYLE_BULLET, num=(num, 0))
                for element in mesure.elements
            )
        details: list[str] = []
        if mesure and engagement.texte:
            socle = ", qui relève du socle" if mesure.socle else ""
            details.append(f"Mesure {mesure.id} de l'annexe de la circulaire{socle}.")
        for objectif in engagement.objectifs:
            details.append("Objectif – " + wording.objectif_text(objectif))
            trajectory = wording.trajectoire_text(objectif)
            if trajectory:
                details.append(trajectory)
        conditions = wording.conditions_text(engagement.conditions)
        if conditions:
            details.append(conditions)
        if engagement.cout_total is not None:
            details.append(wording.cout_total_text(engagement.cout_total))
        for financement in engagement.financements:
            details.append("Financement – " + wording.financement_text(financement))
        if engagement.porteurs:
            details.append("Mise en œuvre : " + self._porteurs(engagement.porteurs) + ".")
        if engagement.indicateurs:
            details.append(
                "Indicateurs de suivi : "
                + " ; ".join(i.libelle for i in engagement.indicateurs)
                + "."
            )
        parts.append(_paragraphs([("Precision", d) for d in details]))
        return "".join(parts)

    def _porteurs(self, ids: Iterable[str]) -> str:
        names = []
        by_id: dict[str, str] = {
            r.id: f"{majuscule(r.qualite)}" for r in self.contrat.parties.representants
        }
        by_id.update({p.id: p.nom for p in self.contrat.parties.partenaires})
        for identifier in ids:
            names.append(by_id.get(identifier, identifier))
        return liste_et(names)

    # --- governance and signature --------------------------------------------------------------

    def gouvernance(self) -> dict[str, Any]:
        gouvernance = self.contrat.gouvernance

        def instance(value: Any) -> dict[str, str] | None:
            if value is None:
                return None
            return {
                "presidence": f", présidé par {value.presidence}," if value.presidence else "",
                "membres": liste_et(value.membres),
                "frequence": wording.libelle("frequence", value.frequence),
            }

        evaluation = gouvernance.evaluation
        revoyure = gouvernance.revoyure
        return {
            "comite_pilotage": instance(gouvernance.comite_pilotage),
            "comite_technique": instance(gouvernance.comite_technique),
            "evaluation": {
                "frequence": wording.libelle("periodicite", evaluation.frequence)
                if evaluation
                else "annuelle",
                "modalites": markdown(evaluation.modalites, self.new_list) if evaluation else None,
            },
            "revoyure": {
                "date": date_longue(revoyure.date),
                "objet": markdown(revoyure.objet, self.new_list),
            }
            if revoyure
            else None,
        }

    def signature(self) -> dict[str, Any]:
        contrat = self.contrat
        blocks: list[dict[str, str]] = []
        for r in contrat.parties.representants:
            if r.signataire:
                blocks.append(
                    {
                        "pour": wording.signature_heading(contrat, r),
                        "qualite": wording.qualite_signature(r.qualite),
                        "nom": f"{r.prenom} {nom_signature(r.nom)}",
                    }
                )
        for p in contrat.parties.partenaires:
            if p.signataire:
                rep = p.representant
                blocks.append(
                    {
                        "pour": wording.partenaire_heading(p),
                        "qualite": wording.qualite_signature(rep.qualite) if rep else "",
                        "nom": f"{rep.prenom} {nom_signature(rep.nom)}" if rep else "",
                    }
                )
        copies = contrat.signature.exemplaires or len(blocks)
        day = date_longue(contrat.signature.date) if contrat.signature.date else PLACEHOLDER_DATE
        copies_text = (
            "un exemplaire original"
            if copies == 1
            else f"{en_lettres(copies)} exemplaires originaux"
        )
        rows = [
            [blocks[i], blocks[i + 1] if i + 1 < len(blocks) else None]
            for i in range(0, len(blocks), 2)
        ]
        return {
            "fait_a": f"Fait à {contrat.signature.lieu}, le {day}, en {copies_text}.",
            "blocs": rows,
        }

    # --- annexes ---------------------------------------------------------------------------------

    def reciprocite(self) -> list[dict[str, Any]]:
        rows = []
        for volet in self.contrat.volets:
            cells = {}
            for partie in Partie:
                retained = self._retained(volet.id, partie)
                titles = [_engagement_title(e) for e in retained]
                cells[partie.value] = Xml(partial(self._table_list, titles))
            rows.append({"titre": f"Volet {catalogue.volet(volet.id).titre.lower()}", **cells})
        return rows

    def _table_list(self, titles: list[str]) -> str:
        if not titles:
            return paragraph_xml(run_xml("–"), "TableauTexte")
        return "".join(
            paragraph_xml(run_xml(f"{n}. {t}"), "TableauTexte")
            for n, t in enumerate(titles, start=1)
        )

    def trajectoires(self) -> dict[str, Any]:
        periode = self.contrat.periode
        years = list(range(periode.debut.year, periode.fin.year + 1))
        rows = []
        for engagement in self.contrat.engagements:
            if not engagement.retenue:
                continue
            for objectif in engagement.objectifs:
                if objectif.trajectoire is None:
                    continue
                values = dict(objectif.trajectoire.valeurs)
                mode = "par an" if objectif.trajectoire.mode == "annuel" else "cumulé"
                rows.append(
                    {
                        "libelle": f"{objectif.libelle} ({objectif.unite}, {mode})",
                        "valeurs": [nombre(values[y]) if y in values else "" for y in years],
                    }
                )
        used = sorted(
            {
                y
                for e in self.contrat.engagements
                for o in e.objectifs
                if o.trajectoire
                for y, _ in o.trajectoire.valeurs
            }
        )
        if used:
            years_shown = [y for y in years if used[0] <= y <= used[-1]]
            for row in rows:
                row["valeurs"] = [
                    v for y, v in zip(years, row["valeurs"], strict=True) if y in years_shown
                ]
            years = years_shown
        return {"annees": [str(y) for y in years], "lignes": rows}

    def financement(self) -> dict[str, Any]:
        lines = []
        per_funder: dict[str, float] = defaultdict(float)
        per_year: dict[int, float] = defaultdict(float)
        total = 0.0
        for engagement in self.contrat.engagements:
            if not engagement.retenue:
                continue
            for f in engagement.financements:
                lines.append(
                    {
                        "engagement": _engagement_title(engagement),
                        "financeur": f.financeur,
                        "source": wording.libelle("source_financement", f.source, "court"),
                        "annee": str(f.annee),
                        "montant": euros(f.montant),
                        "taux": pourcentage(f.taux) if f.taux is not None else "",
                    }
                )
                per_funder[f.financeur] += f.montant
                per_year[f.annee] += f.montant
                total += f.montant
        return {
            "lignes": lines,
            "par_financeur": [
                {"libelle": k, "montant": euros(v)} for k, v in sorted(per_funder.items())
            ],
            "par_annee": [
                {"libelle": str(k), "montant": euros(v)} for k, v in sorted(per_year.items())
            ],
            "total": euros(total),
            "total_en_lettres": euros_en_lettres(total),
        }

    def indicateurs(self) -> list[dict[str, str]]:
        rows = []
        for engagement in self.contrat.engagements:
            if not engagement.retenue:
                continue
            for indicateur in engagement.indicateurs:
                rows.append(
                    {
                        "engagement": _engagement_title(engagement),
                        "libelle": indicateur.libelle
                        + (f" ({indicateur.unite})" if indicateur.unite else "")
                        + (
                            f" ; cible : {nombre(indicateur.valeur_cible)}"
                            if indicateur.valeur_cible is not None
                            else ""
                        ),
                        "periodicite": majuscule(indicateur.periodicite)
                        if indicateur.periodicite
                        else "",
                        "source": indicateur.source or "",
                    }
                )
        return rows

    def catalogue(self) -> dict[str, Any]:
        by_measure: dict[str, list[Engagement]] = defaultdict(list)
        for engagement in self.contrat.engagements:
            if engagement.mesure:
                by_measure[engagement.mesure].append(engagement)
        sections = []
        for section in catalogue.sections():
            rows = []
            for mesure in catalogue.mesures():
                if (mesure.partie, mesure.volet) != (section.partie, section.volet):
                    continue
                rows.append(
                    {
                        "id": mesure.id,
                        "texte": mesure.texte
                        + (" : " + " ; ".join(mesure.elements) if mesure.elements else ""),
                        "socle": "socle" if mesure.socle else "",
                        "statut": self._status(by_measure.get(mesure.id, [])),
                    }
                )
            partie = "État" if section.partie == "etat" else "Collectivités"
            memo = " (pour mémoire)" if section.pour_memoire else ""
            titre = catalogue.volet(section.volet).titre.lower()
            sections.append({"titre": f"{partie} – volet {titre}{memo}", "mesures": rows})
        propres = [
            {"texte": _engagement_title(e), "statut": self._status([e])}
            for e in self.contrat.engagements
            if e.mesure is None
        ]
        socle = [m for m in catalogue.mesures() if m.socle]
        retained = sum(1 for m in socle if any(e.retenue for e in by_measure.get(m.id, [])))
        bilan = (
            f"Les {len(socle)} mesures du socle ont été étudiées ; "
            f"{retained} sont retenues dans le présent contrat."
        )
        return {"sections": sections, "propres": propres, "bilan": bilan}

    def _status(self, engagements: list[Engagement]) -> str:
        if not engagements:
            return "Non reprise"
        texts = []
        for engagement in engagements:
            label = wording.libelle("statut_engagement", engagement.statut.value)
            if engagement.retenue and id(engagement) in self.numbers:
                label += f" ({self.numbers[id(engagement)]})"
            elif engagement.motif:
                label += f" : {engagement.motif}"
            texts.append(label)
        return " ; ".join(dict.fromkeys(texts))


def _sources(indicateurs: Iterable[Indicateur]) -> str:
    """``Source : X`` or ``Sources : X ; Y``, each source once."""
    sources = list(dict.fromkeys(i.source for i in indicateurs))
    return f"{'Sources' if len(sources) > 1 else 'Source'} : {' ; '.join(sources)}"


def _chart_captions(group: list[Indicateur]) -> dict[str, Any]:
    """The caption under one chart of the diagnostic, and its series' comments."""
    if len(group) == 1:
        i = group[0]
        comment = f" {i.commentaire}" if i.commentaire else ""
        return {
            "legende": f"{i.libelle} ({i.unite}). Source : {i.source}.{comment}",
            "commentaires": [],
        }
    years = charts.years(group)
    period = f"en {years[0]}" if years[0] == years[-1] else f"de {years[0]} à {years[-1]}"
    return {
        "legende": f"{majuscule(group[0].unite)}, {period}. {_sources(group)}.",
        "commentaires": [f"{i.libelle} – {i.commentaire}" for i in group if i.commentaire],
    }


def build_context(contrat: Contrat, version: Version, hooks: Hooks) -> dict[str, Any]:
    return ContextBuilder(contrat, version, hooks).build()
