"""Domain rules beyond the schema: pure functions from the model to a list of problems.

Each rule has a code (shown to the user between brackets) and French wording. ``check``
runs them all; the caller locates the problems in the source file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from datetime import date

from csi_gen import catalogue
from csi_gen.errors import Path_, Problem, Severity, closest
from csi_gen.formatting import date_longue, mois_annee
from csi_gen.markdown_text import unsupported
from csi_gen.model import (
    LOCAL_FUNCTIONS,
    PLACEHOLDER,
    STATE_FUNCTIONS,
    Contrat,
    Engagement,
    Objectif,
    Partie,
    Statut,
    StatutEngagement,
    TypeTerritoire,
)
from csi_gen.wording import denomination

Rule = Callable[[Contrat], Iterable[Problem]]

MAX_YEARS = 6
ENVIRON_TOLERANCE = 0.10
CENT = 0.005


def _warning(code: str, path: Path_, message: str, **details: str | None) -> Problem:
    return Problem(code, path, message, severity=Severity.WARNING, **details)  # type: ignore[arg-type]


# --- The socle and the catalogue -----------------------------------------------------------


def socle_studied(contrat: Contrat) -> Iterator[Problem]:
    """Every measure in bold in the circular's annex is present with a status."""
    studied = {e.mesure for e in contrat.engagements if e.mesure}
    for mesure in catalogue.mesures():
        if mesure.socle and mesure.id not in studied:
            volet = contrat.volet(mesure.volet)
            yield Problem(
                "SOCLE-NON-ETUDIE",
                volet.path if volet else ("volets",),
                f"la mesure du socle {mesure.id} n'est pas étudiée : « {mesure.intitule} »",
                expected=f"un engagement {denomination(mesure.partie).de} "
                f"avec « mesure » : « {mesure.id} » dans volets.{mesure.volet}, "
                "et son statut (« retenue », « non_retenue »…)",
            )


def a_etudier_only_in_projet(contrat: Contrat) -> Iterator[Problem]:
    if contrat.statut is Statut.PROJET:
        return
    for engagement in contrat.engagements:
        if engagement.statut is StatutEngagement.A_ETUDIER:
            yield Problem(
                "STATUT-A-ETUDIER",
                (*engagement.path, "statut"),
                f"statut « a_etudier » dans un contrat « {contrat.statut.value} »",
                expected="« retenue », « non_retenue » ou « en_attente_arbitrage » "
                "(« a_etudier » n'est admis que dans un projet)",
            )


def catalogue_references(contrat: Contrat) -> Iterator[Problem]:
    """A catalogue reference exists and matches the engagement's party and volet."""
    known = catalogue.mesures_by_id()
    for engagement in contrat.engagements:
        if engagement.mesure is None:
            continue
        path = (*engagement.path, "mesure")
        mesure = known.get(engagement.mesure)
        if mesure is None:
            yield Problem(
                "MESURE-INCONNUE",
                path,
                f"la mesure « {engagement.mesure} » n'existe pas dans le catalogue",
                expected="un identifiant de « csi-gen mesures » (par exemple « E-SI-1 »)",
                suggestion=closest(engagement.mesure, known),
            )
            continue
        if mesure.partie != engagement.partie.value:
            yield Problem(
                "MESURE-PARTIE",
                (*engagement.path, "partie"),
                f"la mesure {mesure.id} est un engagement {denomination(mesure.partie).de}",
                expected=f"« partie » : « {mesure.partie} »",
                found=f"« {engagement.partie.value} »",
            )
        if mesure.volet != engagement.volet:
            yield Problem(
                "MESURE-VOLET",
                path,
                f"la mesure {mesure.id} appartient au volet "
                f"« {catalogue.volet(mesure.volet).titre.lower()} »",
                expected=f"l'engagement dans volets.{mesure.volet}",
                found=f"volets.{engagement.volet}",
            )


def custom_measures_have_a_title(contrat: Contrat) -> Iterator[Problem]:
    for engagement in contrat.engagements:
        if engagement.mesure is None and engagement.intitule is None:
            yield Problem(
                "ENGAGEMENT-INTITULE",
                engagement.path,
                "mesure propre au contrat sans intitulé",
                expected="« intitule » (ou « mesure » pour une mesure du catalogue)",
            )


def reasons_are_given(contrat: Contrat) -> Iterator[Problem]:
    for engagement in contrat.engagements:
        if engagement.statut is StatutEngagement.NON_RETENUE and not engagement.motif:
            yield Problem(
                "MOTIF-ABSENT",
                (*engagement.path, "statut"),
                "mesure non retenue sans motif",
                expected="« motif » : la raison pour laquelle la mesure n'est pas retenue",
            )
        if engagement.statut is StatutEngagement.EN_ATTENTE_ARBITRAGE and not engagement.motif:
            yield _warning(
                "MOTIF-ABSENT",
                (*engagement.path, "statut"),
                "mesure en attente d'arbitrage sans motif",
                expected="« motif » : le diagnostic attendu et l'arbitrage national en cause",
            )


# --- Identifiers and references -------------------------------------------------------------


def ids_are_unique(contrat: Contrat) -> Iterator[Problem]:
    seen: dict[str, Path_] = {}
    items: list[tuple[str | None, Path_]] = [
        *((r.id, r.path) for r in contrat.parties.representants),
        *((p.id, p.path) for p in contrat.parties.partenaires),
    ]
    for ids in (
        items,
        [(e.id, e.path) for e in contrat.engagements],
        [(i.id, i.path) for i in (contrat.diagnostic.indicateurs if contrat.diagnostic else ())],
    ):
        seen = {}
        for identifier, path in ids:
            if identifier is None:
                continue
            if identifier in seen:
                yield Problem(
                    "ID-DOUBLE",
                    (*path, "id"),
                    f"identifiant « {identifier} » déjà employé",
                    expected="un identifiant unique dans le contrat",
                )
            seen[identifier] = path
    codes = Counter(c.code_insee for c in contrat.territoire.communes)
    for commune in contrat.territoire.communes:
        if codes[commune.code_insee] > 1:
            yield Problem(
                "COMMUNE-DOUBLE",
                (*commune.path, "code_insee"),
                f"commune {commune.code_insee} citée plusieurs fois",
                expected="chaque commune une seule fois",
            )
            codes[commune.code_insee] = 0


def party_references(contrat: Contrat) -> Iterator[Problem]:
    parties = contrat.parties.ids()
    for engagement in contrat.engagements:
        for index, porteur in enumerate(engagement.porteurs):
            if porteur not in parties:
                yield Problem(
                    "REFERENCE-PORTEUR",
                    (*engagement.path, "porteurs", index),
                    f"porteur « {porteur} » inconnu",
                    expected="l'identifiant d'un représentant ou d'un partenaire",
                    suggestion=closest(porteur, parties),
                )


def indicator_references(contrat: Contrat) -> Iterator[Problem]:
    series = {i.id for i in contrat.diagnostic.indicateurs} if contrat.diagnostic else set()
    for engagement in contrat.engagements:
        for indicateur in engagement.indicateurs:
            if indicateur.indicateur and indicateur.indicateur not in series:
                yield Problem(
                    "REFERENCE-INDICATEUR",
                    (*indicateur.path, "indicateur"),
                    f"série « {indicateur.indicateur} » absente du diagnostic",
                    expected="l'identifiant d'un indicateur de diagnostic.indicateurs",
                    suggestion=closest(indicateur.indicateur, series),
                )


def commune_references(contrat: Contrat) -> Iterator[Problem]:
    codes = {c.code_insee for c in contrat.territoire.communes}
    for representant in contrat.parties.representants:
        if representant.commune and representant.commune not in codes:
            yield Problem(
                "REFERENCE-COMMUNE",
                (*representant.path, "commune"),
                f"la commune {representant.commune} n'est pas dans le territoire",
                expected="le code INSEE d'une commune de territoire.communes",
                suggestion=closest(representant.commune, codes),
            )
    for quartier in contrat.territoire.quartiers:
        if quartier.commune and quartier.commune not in codes:
            yield Problem(
                "REFERENCE-COMMUNE",
                (*quartier.path, "commune"),
                f"la commune {quartier.commune} n'est pas dans le territoire",
                expected="le code INSEE d'une commune de territoire.communes",
                suggestion=closest(quartier.commune, codes),
            )


# --- Territory and parties --------------------------------------------------------------------


def territory_shape(contrat: Contrat) -> Iterator[Problem]:
    territoire = contrat.territoire
    count = len(territoire.communes)
    path = (*territoire.path, "type")
    if territoire.type is TypeTerritoire.COMMUNE and count != 1:
        yield Problem(
            "TERRITOIRE-TYPE",
            path,
            f"territoire de type « commune » avec {count} communes",
            expected="une seule commune, ou le type « communes » ou « intercommunalite »",
        )
    if territoire.type is TypeTerritoire.COMMUNES and count < 2:
        yield Problem(
            "TERRITOIRE-TYPE",
            path,
            "territoire de type « communes » avec une seule commune",
            expected="au moins deux communes, ou le type « commune »",
        )
    if territoire.type is TypeTerritoire.INTERCOMMUNALITE and territoire.epci is None:
        yield Problem(
            "TERRITOIRE-EPCI",
            territoire.path,
            "intercommunalité sans EPCI",
            expected="« epci » : le nom et la nature de la métropole ou de l'EPCI",
        )
    if territoire.type is not TypeTerritoire.INTERCOMMUNALITE and territoire.epci is not None:
        yield Problem(
            "TERRITOIRE-EPCI",
            territoire.epci.path,
            "EPCI indiqué pour un territoire qui n'est pas une intercommunalité",
            expected="« type » : « intercommunalite », ou pas de clé « epci »",
        )


def functions_match_sides(contrat: Contrat) -> Iterator[Problem]:
    for representant in contrat.parties.representants:
        path = (*representant.path, "fonction")
        if representant.partie is Partie.ETAT and representant.fonction in LOCAL_FUNCTIONS:
            yield Problem(
                "FONCTION-PARTIE",
                path,
                f"la fonction « {representant.fonction} » relève des collectivités",
                expected="ce représentant dans parties.collectivites",
            )
        if representant.partie is Partie.COLLECTIVITES and representant.fonction in STATE_FUNCTIONS:
            yield Problem(
                "FONCTION-PARTIE",
                path,
                f"la fonction « {representant.fonction} » relève de l'État",
                expected="ce représentant dans parties.etat",
            )
        if representant.fonction in ("maire", "elu_delegue") and representant.commune is None:
            yield Problem(
                "FONCTION-COMMUNE",
                representant.path,
                "maire ou élu délégué sans commune",
                expected="« commune » : le code INSEE de la commune qu'il représente",
            )


def every_commune_signs(contrat: Contrat) -> Iterator[Problem]:
    """Each commune has a signing mayor, or an elected official who signs for it."""
    signing = {
        r.commune
        for r in contrat.parties.collectivites
        if r.signataire and r.fonction in ("maire", "elu_delegue")
    }
    for commune in contrat.territoire.communes:
        if commune.code_insee not in signing:
            yield Problem(
                "COMMUNE-SIGNATAIRE",
                commune.path,
                f"la commune de {commune.nom} ({commune.code_insee}) n'a pas de signataire",
                expected="dans parties.collectivites, son maire (ou un élu délégué) avec "
                f"« commune » : « {commune.code_insee} » et « signataire » : true",
            )


def epci_has_its_president(contrat: Contrat) -> Iterator[Problem]:
    if contrat.territoire.type is not TypeTerritoire.INTERCOMMUNALITE:
        return
    if not any(r.fonction == "president_epci" for r in contrat.parties.collectivites):
        yield Problem(
            "EPCI-PRESIDENT",
            ("parties", "collectivites"),
            "le président de l'intercommunalité ne figure pas parmi les parties",
            expected="un représentant avec « fonction » : « president_epci »",
        )


def the_state_signs(contrat: Contrat) -> Iterator[Problem]:
    if not any(r.signataire for r in contrat.parties.etat):
        yield Problem(
            "ETAT-SIGNATAIRE",
            ("parties", "etat"),
            "aucun représentant de l'État ne signe le contrat",
            expected="au moins un représentant de l'État avec « signataire » : true",
        )


# --- Dates and the period ---------------------------------------------------------------------


def period_is_sound(contrat: Contrat) -> Iterator[Problem]:
    periode = contrat.periode
    if periode.fin <= periode.debut:
        yield Problem(
            "PERIODE-ORDRE",
            (*periode.path, "fin"),
            "la fin du contrat ne suit pas son début",
            expected=f"une date postérieure au {date_longue(periode.debut)}",
            found=date_longue(periode.fin),
        )
        return
    years = (periode.fin - periode.debut).days / 365.25
    if years > MAX_YEARS:
        yield _warning(
            "PERIODE-DUREE",
            (*periode.path, "fin"),
            f"contrat de plus de {MAX_YEARS} ans ({years:.1f} ans)".replace(".", ","),
            expected="une durée alignée sur le mandat municipal restant à courir",
        )
    mandat = catalogue.mandat_en_cours(periode.debut)
    if mandat is not None and periode.fin > mandat.fin:
        yield _warning(
            "PERIODE-MANDAT",
            (*periode.path, "fin"),
            f"le contrat dépasse le mandat municipal en cours (fin en {mois_annee(mandat.fin)})",
            expected=f"une fin au plus tard le {date_longue(mandat.fin)}",
            found=date_longue(periode.fin),
        )


def signature_fits(contrat: Contrat) -> Iterator[Problem]:
    signature = contrat.signature
    if signature.date is None:
        if contrat.statut is Statut.SIGNE:
            yield Problem(
                "SIGNATURE-DATE",
                signature.path,
                "contrat signé sans date de signature",
                expected="« date » : la date de signature",
            )
        return
    path = (*signature.path, "date")
    periode = contrat.periode
    if signature.date > periode.fin:
        yield Problem(
            "SIGNATURE-DATE",
            path,
            "la signature est postérieure à la fin du contrat",
            expected=f"au plus tard le {date_longue(periode.fin)}",
            found=date_longue(signature.date),
        )
    elif (periode.debut - signature.date).days > 366:  # « debut - 366 days » overflows in year 1
        yield Problem(
            "SIGNATURE-DATE",
            path,
            "la signature précède de plus d'un an le début du contrat",
            expected=f"une date proche du {date_longue(periode.debut)}",
            found=date_longue(signature.date),
        )
    for deliberation in contrat.deliberations:
        if deliberation.date > signature.date:
            yield Problem(
                "DELIBERATION-DATE",
                (*deliberation.path, "date"),
                "délibération postérieure à la signature",
                expected=f"au plus tard le {date_longue(signature.date)}",
                found=date_longue(deliberation.date),
            )


def _in_period(contrat: Contrat, day: date) -> bool:
    return contrat.periode.debut <= day <= contrat.periode.fin


def _year_in_period(contrat: Contrat, year: int) -> bool:
    return contrat.periode.debut.year <= year <= contrat.periode.fin.year


def _period_text(contrat: Contrat) -> str:
    periode = contrat.periode
    return f"du {date_longue(periode.debut)} au {date_longue(periode.fin)}"


def dates_in_period(contrat: Contrat) -> Iterator[Problem]:
    """Deadlines, trajectory and financing years, the review date fall inside the period."""
    years = f"{contrat.periode.debut.year} à {contrat.periode.fin.year}"
    for engagement in contrat.engagements:
        for objectif in engagement.objectifs:
            if objectif.echeance and not _in_period(contrat, objectif.echeance):
                yield Problem(
                    "DATE-HORS-PERIODE",
                    (*objectif.path, "echeance"),
                    "échéance hors de la période du contrat",
                    expected=f"une date {_period_text(contrat)}",
                    found=date_longue(objectif.echeance),
                )
            if objectif.trajectoire:
                for year, _ in objectif.trajectoire.valeurs:
                    if not _year_in_period(contrat, year):
                        yield Problem(
                            "DATE-HORS-PERIODE",
                            (*objectif.path, "trajectoire", "valeurs", str(year)),
                            f"année {year} de la trajectoire hors de la période du contrat",
                            expected=f"une année de {years}",
                        )
        for financement in engagement.financements:
            if not _year_in_period(contrat, financement.annee):
                yield Problem(
                    "DATE-HORS-PERIODE",
                    (*financement.path, "annee"),
                    f"financement de l'année {financement.annee}, hors de la période du contrat",
                    expected=f"une année de {years}",
                )
    revoyure = contrat.gouvernance.revoyure
    if revoyure and not _in_period(contrat, revoyure.date):
        yield Problem(
            "DATE-HORS-PERIODE",
            (*revoyure.path, "date"),
            "clause de revoyure hors de la période du contrat",
            expected=f"une date {_period_text(contrat)}",
            found=date_longue(revoyure.date),
        )


# --- Targets and trajectories -------------------------------------------------------------------


def _meets(value: float, objectif: Objectif) -> bool:
    cible = objectif.cible
    if cible.qualificatif == "au_moins":
        return value >= cible.valeur - 1e-9
    if cible.qualificatif == "au_plus":
        return value <= cible.valeur + 1e-9
    if cible.qualificatif == "environ":
        return abs(value - cible.valeur) <= abs(cible.valeur) * ENVIRON_TOLERANCE + 1e-9
    if cible.qualificatif == "entre" and cible.valeur_max is not None:
        return cible.valeur - 1e-9 <= value <= cible.valeur_max + 1e-9
    return abs(value - cible.valeur) <= 1e-9


def _target_text(objectif: Objectif) -> str:
    from csi_gen.wording import cible_text

    return cible_text(objectif)


def targets_are_consistent(contrat: Contrat) -> Iterator[Problem]:
    for engagement in contrat.engagements:
        for objectif in engagement.objectifs:
            yield from _target_shape(objectif)
            yield from _trajectory(objectif)


def _target_shape(objectif: Objectif) -> Iterator[Problem]:
    cible = objectif.cible
    path = (*objectif.path, "cible")
    if cible.qualificatif == "entre":
        if cible.valeur_max is None or cible.valeur_max <= cible.valeur:
            yield Problem(
                "CIBLE-ENTRE",
                path,
                "cible « entre » sans borne haute supérieure à « valeur »",
                expected="« valeur_max » plus grand que « valeur »",
            )
    elif cible.valeur_max is not None:
        yield Problem(
            "CIBLE-ENTRE",
            (*path, "valeur_max"),
            "« valeur_max » sans le qualificatif « entre »",
            expected="« qualificatif » : « entre », ou pas de « valeur_max »",
        )


def _trajectory(objectif: Objectif) -> Iterator[Problem]:
    trajectoire = objectif.trajectoire
    if trajectoire is None:
        return
    path = (*objectif.path, "trajectoire")
    initial = objectif.situation_initiale
    start = initial.valeur if initial else 0.0
    first_year = trajectoire.valeurs[0][0]
    if initial and initial.annee > first_year:
        yield Problem(
            "TRAJECTOIRE-ANNEE",
            (*objectif.path, "situation_initiale", "annee"),
            "situation initiale postérieure au début de la trajectoire",
            expected=f"une année au plus égale à {first_year}",
            found=str(initial.annee),
        )
    if objectif.echeance:
        for year, _ in trajectoire.valeurs:
            if year > objectif.echeance.year:
                yield Problem(
                    "TRAJECTOIRE-ECHEANCE",
                    (*path, "valeurs", str(year)),
                    f"année {year} de la trajectoire après l'échéance",
                    expected=f"une année au plus égale à {objectif.echeance.year}",
                )
    if trajectoire.mode == "annuel":
        reached = start + sum(v for _, v in trajectoire.valeurs)
        how = (
            "situation initiale + somme des valeurs annuelles"
            if initial
            else ("somme des valeurs annuelles")
        )
    else:
        reached = trajectoire.valeurs[-1][1]
        how = "dernière valeur cumulée"
        yield from _monotonic(objectif, start)
    if not _meets(reached, objectif):
        from csi_gen.formatting import nombre

        yield Problem(
            "TRAJECTOIRE-CIBLE",
            path,
            "la trajectoire n'atteint pas la cible",
            expected=f"{how} : {_target_text(objectif)}",
            found=f"{nombre(reached)} {objectif.unite}",
        )


def _monotonic(objectif: Objectif, start: float) -> Iterator[Problem]:
    assert objectif.trajectoire is not None
    values = [start] + [v for _, v in objectif.trajectoire.valeurs]
    rising = objectif.cible.valeur >= start
    for (year, value), previous in zip(objectif.trajectoire.valeurs, values, strict=False):
        if (value < previous) if rising else (value > previous):
            yield Problem(
                "TRAJECTOIRE-SENS",
                (*objectif.path, "trajectoire", "valeurs", str(year)),
                f"la trajectoire cumulée {'recule' if rising else 'remonte'} en {year}",
                expected="des valeurs cumulées qui vont de la situation initiale vers la cible",
            )


# --- Money ------------------------------------------------------------------------------------------


def amounts_are_sound(contrat: Contrat) -> Iterator[Problem]:
    from csi_gen.formatting import euros, pourcentage

    for engagement in contrat.engagements:
        if engagement.cout_total is not None and engagement.cout_total < 0:
            yield Problem(
                "MONTANT-NEGATIF",
                (*engagement.path, "cout_total"),
                "coût total négatif",
                expected="un montant positif ou nul",
                found=euros(engagement.cout_total),
            )
        for financement in engagement.financements:
            if financement.montant < 0:
                yield Problem(
                    "MONTANT-NEGATIF",
                    (*financement.path, "montant"),
                    "montant négatif",
                    expected="un montant positif ou nul",
                    found=euros(financement.montant),
                )
        yield from _totals(engagement, euros, pourcentage)


def _totals(
    engagement: Engagement, euros: Callable[[float], str], pourcentage: Callable[[float], str]
) -> Iterator[Problem]:
    total = engagement.cout_total
    if total is None or not engagement.financements:
        return
    funded = sum(f.montant for f in engagement.financements)
    if abs(funded - total) > CENT:
        yield Problem(
            "FINANCEMENT-TOTAL",
            (*engagement.path, "financements"),
            "la somme des financements ne fait pas le coût total",
            expected=euros(total),
            found=euros(funded),
        )
    if total < CENT:  # no rate of a cost under a cent (a rate of 1e-300 € would be infinite)
        return
    for financement in engagement.financements:
        if financement.taux is None:
            continue
        rate = financement.montant / total * 100
        if abs(rate - financement.taux) > 0.5:
            yield Problem(
                "FINANCEMENT-TAUX",
                (*financement.path, "taux"),
                "le taux ne correspond pas au montant rapporté au coût total",
                expected=pourcentage(round(rate, 1)),
                found=pourcentage(financement.taux),
            )


# --- Text and visas ---------------------------------------------------------------------------------


def markdown_is_supported(contrat: Contrat) -> Iterator[Problem]:
    for path, text in contrat.markdown_fields:
        for found in unsupported(text):
            yield Problem(
                "MARKDOWN",
                path,
                f"mise en forme Markdown non prise en charge : {found.label}, "
                f"ligne {found.line} du texte",
                expected="paragraphes, **gras**, *italique*, listes « - » ou « 1. »",
            )


def excluded_visas_exist(contrat: Contrat) -> Iterator[Problem]:
    known = [v.id for v in catalogue.visas_types()]
    for index, visa in enumerate(contrat.visas.exclus):
        if visa not in known:
            yield Problem(
                "VISA-INCONNU",
                (*contrat.visas.path, "exclus", index),
                f"visa type « {visa} » inconnu",
                expected="l'identifiant d'un visa type (« csi-gen visas »)",
                suggestion=closest(visa, known),
            )


def diagnostic_before_final(contrat: Contrat) -> Iterator[Problem]:
    diagnostic = contrat.diagnostic
    if contrat.statut is Statut.PROJET:
        return
    if diagnostic is None or not (diagnostic.synthese or diagnostic.indicateurs):
        yield Problem(
            "DIAGNOSTIC-ABSENT",
            diagnostic.path if diagnostic else ("statut",),
            f"contrat « {contrat.statut.value} » sans diagnostic partagé",
            expected="« diagnostic » avec une synthèse ou des indicateurs "
            "(le contrat repose sur un diagnostic partagé)",
        )


def placeholders_are_filled(contrat: Contrat) -> Iterator[Problem]:
    """A new contract's « [à compléter] » markers may stay in a projet, not beyond."""
    for path in contrat.placeholders:
        problem = Problem(
            "A-COMPLETER",
            path,
            f"texte encore marqué « {PLACEHOLDER} »",
            expected="le texte définitif, sans la marque",
            severity=Severity.WARNING if contrat.statut is Statut.PROJET else Severity.ERROR,
        )
        yield problem


RULES: tuple[Rule, ...] = (
    socle_studied,
    a_etudier_only_in_projet,
    catalogue_references,
    custom_measures_have_a_title,
    reasons_are_given,
    ids_are_unique,
    party_references,
    indicator_references,
    commune_references,
    territory_shape,
    functions_match_sides,
    every_commune_signs,
    epci_has_its_president,
    the_state_signs,
    period_is_sound,
    signature_fits,
    dates_in_period,
    targets_are_consistent,
    amounts_are_sound,
    markdown_is_supported,
    excluded_visas_exist,
    diagnostic_before_final,
    placeholders_are_filled,
)


def check(contrat: Contrat) -> list[Problem]:
    """Every rule's problems, errors and warnings alike."""
    return [problem for rule in RULES for problem in rule(contrat)]
