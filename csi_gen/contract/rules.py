"""Domain rules beyond the schema: pure functions from the model to a list of problems.

Each rule has a code (shown to the user between brackets) and French wording; the rules
live by theme in ``rules_*.py``, and this registry lists them in the order they run.
``check`` runs them all; the caller locates the problems in the source file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from csi_gen.contract import (
    rules_avenants,
    rules_axes,
    rules_carriers,
    rules_dates,
    rules_figures,
    rules_geography,
    rules_measures,
    rules_money,
    rules_parties,
    rules_signatories,
    rules_texts,
)
from csi_gen.errors import Problem
from csi_gen.model import Contrat

Rule = Callable[[Contrat], Iterable[Problem]]

RULES: tuple[Rule, ...] = (
    rules_measures.socle_studied,
    rules_measures.a_etudier_only_in_projet,
    rules_measures.catalogue_references,
    rules_measures.custom_measures_have_a_title,
    rules_measures.reasons_are_given,
    rules_measures.retained_measures_have_a_text,
    rules_axes.engagements_have_their_axis,
    rules_axes.axes_are_used,
    rules_parties.ids_are_unique,
    rules_parties.party_references,
    rules_parties.indicator_references,
    rules_parties.commune_references,
    rules_parties.territory_shape,
    rules_parties.functions_match_sides,
    rules_parties.every_commune_signs,
    rules_parties.epci_has_its_president,
    rules_parties.the_state_signs,
    rules_signatories.partner_references,
    rules_signatories.committing_parties_sign,
    rules_signatories.implementers_sign,
    rules_signatories.funders_sign,
    rules_carriers.joint_parties_sign,
    rules_carriers.carrying_commune,
    rules_carriers.splits_add_up,
    rules_signatories.executives_are_empowered,
    rules_geography.communes_exist,
    rules_geography.names_can_be_written,
    rules_geography.population_is_dated,
    rules_dates.period_is_sound,
    rules_dates.signature_fits,
    rules_dates.dates_in_period,
    rules_figures.targets_are_consistent,
    rules_money.financing_lines_are_complete,
    rules_money.amounts_are_sound,
    rules_texts.markdown_is_supported,
    rules_texts.excluded_visas_exist,
    rules_texts.diagnostic_before_final,
    rules_texts.placeholders_are_filled,
    rules_avenants.only_on_a_signed_contract,
    rules_avenants.numbered_in_order,
    rules_avenants.signed_in_order,
    rules_avenants.signatories_are_known,
    rules_avenants.signatories_are_stated,
)


def check(contrat: Contrat) -> list[Problem]:
    """Every rule's problems, errors and warnings alike."""
    return [problem for rule in RULES for problem in rule(contrat)]
