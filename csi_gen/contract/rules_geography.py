"""Rules against the official geography: INSEE codes, départements, intercommunalities,
communes merged since, populations and their vintage, names whose article is unknown.

The geography is INSEE's code officiel géographique and the DGCL's list of EPCI, as carried
by the State's package ``@etalab/decoupage-administratif`` (see ``csi_gen/geography.py``).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from csi_gen import geography, grammar
from csi_gen.errors import Problem, Severity, closest
from csi_gen.formatting import date_longue
from csi_gen.model import Contrat, Statut
from csi_gen.territory import lieu_commune


def communes_exist(contrat: Contrat) -> Iterator[Problem]:
    """Each INSEE code is a commune's, with its name, in the stated département and EPCI."""
    territoire = contrat.territoire
    epci = (
        geography.epci(territoire.epci.siren) if territoire.epci and territoire.epci.siren else None
    )
    if territoire.epci and territoire.epci.siren and epci is None:
        yield Problem(
            "EPCI-INCONNU",
            (*territoire.epci.path, "siren"),
            f"aucune intercommunalité n'a le SIREN {territoire.epci.siren}",
            expected="le SIREN d'une métropole, communauté ou EPT (liste de la DGCL)",
        )
    for commune in territoire.communes:
        official = geography.commune(commune.code_insee)
        path = (*commune.path, "code_insee")
        if official is None:
            yield from _unknown(contrat, commune.nom, commune.code_insee, path)
            continue
        if geography.name_key(official.nom) != geography.name_key(commune.nom):
            yield Problem(
                "COMMUNE-NOM",
                (*commune.path, "nom"),
                f"le code INSEE {commune.code_insee} est celui {_de(official.nom, official.tncc)}",
                expected=f"« nom » : « {official.nom} », ou le code INSEE "
                f"{grammar.de_lieu_message(grammar.deviner_lieu(commune.nom).lieu)}",
                found=commune.nom,
            )
        if official.departement != territoire.departement.code:
            yield Problem(
                "COMMUNE-DEPARTEMENT",
                path,
                f"{official.nom} n'est pas dans le département {territoire.departement.code}",
                expected=f"le département {official.departement}, ou une commune du "
                f"département {territoire.departement.code}",
            )
        if epci is not None and official.epci != epci.siren and official.ept != epci.siren:
            yield Problem(
                "COMMUNE-EPCI",
                path,
                f"{official.nom} n'est pas membre {_de(epci.nom, epci.tncc, in_name=False)}",
                expected="une commune membre de l'intercommunalité du contrat",
            )


def _de(nom: str, tncc: int, in_name: bool = True) -> str:
    """« d'Aussonne », « du Havre », « de la Communauté d'agglomération … »: for a message."""
    return grammar.de_lieu_message(grammar.Lieu(nom, tncc, in_name))


def _de_commune(nom: str, code: str) -> str:
    return grammar.de_lieu_message(lieu_commune(nom, code))


def _unknown(
    contrat: Contrat, nom: str, code: str, path: tuple[str | int, ...]
) -> Iterator[Problem]:
    current = geography.commune_actuelle(code)
    if current is not None:  # an old code: the commune has merged since
        yield Problem(
            "COMMUNE-FUSIONNEE",
            path,
            f"la commune {code} a depuis fusionné dans {current.nom} ({current.code}) : la "
            "géographie officielle est postérieure au contrat",
            expected=f"le code de la commune à la date du contrat, ou {current.code} pour un "
            "nouveau contrat",
            severity=Severity.WARNING,
        )
        return
    named = geography.communes_named(nom, contrat.territoire.departement.code)
    yield Problem(
        "COMMUNE-INCONNUE",
        path,
        f"aucune commune n'a le code INSEE {code}",
        expected="le code INSEE de la commune (code officiel géographique)",
        suggestion=named[0].code if len(named) == 1 else closest(code, [c.code for c in named]),
    )


def names_can_be_written(contrat: Contrat) -> Iterator[Problem]:
    """The contract must write « de » before the EPCI's name: from the official list, the
    writer's « forme_de », or a reading of the name that guessed nothing."""
    epci = contrat.territoire.epci
    if epci is None or epci.forme_de:
        return
    official = geography.epci(epci.siren) if epci.siren else None
    if official is not None and geography.name_key(official.nom) == geography.name_key(epci.nom):
        return
    doubt = grammar.deviner_lieu(epci.nom).doute
    if doubt:
        yield Problem(
            "NOM-FORME",
            (*epci.path, "nom"),
            f"« de » devant « {epci.nom} » : {doubt}",
            expected="« forme_de » : le nom précédé de « de », tel que le contrat doit l'écrire "
            "(« de la Métropole du Val d'Exemple »)",
            severity=Severity.WARNING,
        )


def population_is_dated(contrat: Contrat) -> Iterator[Problem]:
    """A population is printed with its vintage, which was in force when the contract was
    signed (the population of year N is in force on 1 January N+3)."""
    for commune in contrat.territoire.communes:
        if commune.population is None:
            continue
        if commune.population_millesime is None:
            yield Problem(
                "POPULATION-MILLESIME",
                (*commune.path, "population"),
                f"population {_de_commune(commune.nom, commune.code_insee)} sans son millésime",
                expected="« population_millesime » : l'année du recensement (le contrat "
                "l'imprime : « population légale 2017, en vigueur au 1er janvier 2020 »)",
                severity=Severity.WARNING if contrat.statut is Statut.PROJET else Severity.ERROR,
            )
            continue
        in_force = date(commune.population_millesime + 3, 1, 1)
        if in_force > contrat.date_de_reference:
            yield Problem(
                "POPULATION-MILLESIME",
                (*commune.path, "population_millesime"),
                f"population légale {commune.population_millesime}, en vigueur au "
                f"{date_longue(in_force)}, après la date du contrat",
                expected="la population en vigueur le "
                f"{date_longue(contrat.date_de_reference)} (millésime "
                f"{contrat.date_de_reference.year - 3} ou antérieur)",
            )
