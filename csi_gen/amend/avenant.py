"""Write avenant n° N: the version it amends and the version after it, rendered, compared.

Both versions are rendered with the current templates and their frozen numbers; what differs
in their articles, points and annexes becomes the avenant's articles (``drafting``). The
field-level changes of ``comparer`` are computed too: the same pairing, the same list.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path

from csi_gen.amend import drafting
from csi_gen.amend.consolidated import chain, labels, read_units
from csi_gen.amend.history import amended_versions
from csi_gen.amend.numbering import freeze
from csi_gen.amend.places import places
from csi_gen.compare.changes import Change, changes
from csi_gen.contract.validation import validate
from csi_gen.dates import DatePartielle
from csi_gen.document import finishing
from csi_gen.document.assembly import hooks_for
from csi_gen.document.context import build_context
from csi_gen.document.context_annexes import ANNEX_TEMPLATES
from csi_gen.document.context_avenant import (
    AVENANT_PARTS,
    Amendement,
    Avenant,
    ContexteAvenant,
    DeliberationAvenant,
)
from csi_gen.document.context_base import Builder
from csi_gen.document.context_consolidation import avenants_integres
from csi_gen.document.packaging import to_bytes
from csi_gen.document.parts import TEMPLATES_DIR
from csi_gen.document.rendering import ContractTemplate
from csi_gen.errors import Problem, UsageError, display_path
from csi_gen.grammar import de_lieu
from csi_gen.model import Contrat, Deliberation, Parties, Representant, Signature, Statut
from csi_gen.model_avenant import Avenant as AvenantModel
from csi_gen.numbering import Numerotation
from csi_gen.versioning import data_version


@dataclass(frozen=True)
class Drafted:
    """An avenant drafted: its document, its amendments and the changes they state."""

    numero: int
    identifiant: str
    docx: bytes
    amendements: tuple[Amendement, ...]
    changes: tuple[Change, ...]
    warnings: tuple[Problem, ...]  # the contract's, located: shown before drafting


def output_path(identifiant: str, numero: int, output_dir: Path) -> Path:
    return output_dir / f"{identifiant}-avenant-{numero}.docx"


def draft(source: Path, numero: int | None = None, templates: Path = TEMPLATES_DIR) -> Drafted:
    validated = validate(source)
    contrat = validated.contrat
    if not contrat.avenants:
        raise UsageError(
            f"{display_path(source)} n'enregistre aucun avenant : ajoutez-en un dans "
            "« avenants » (numéro, statut, objet), voir « Modifier un contrat signé » du README."
        )
    numero = numero or contrat.avenants[-1].numero
    if not 1 <= numero <= len(contrat.avenants):
        raise UsageError(
            f"pas d'avenant n° {numero} dans {display_path(source)} : les avenants vont "
            f"du n° 1 au n° {len(contrat.avenants)}."
        )
    versions = amended_versions(source, contrat)
    numbers = chain(versions, source, templates)
    old, old_numbers = versions[numero - 1].contrat, numbers[numero - 1]
    new = versions[numero].contrat if numero < len(versions) else contrat
    old_units = read_units(old, old_numbers, source, templates)
    new_numbers = freeze(old, old_numbers, new, labels(old_units))
    found = drafting.amendments(old_units, read_units(new, new_numbers, source, templates))
    revision = next((a.label for a in old_units.articles if a.key[1] == "Révision"), None)
    frozen = places(source, old, new)
    field_changes = tuple(changes(old, new, frozen.places if frozen else None))
    if not found:
        raise UsageError(
            f"l'avenant n° {numero} ne modifie aucun article ni aucune annexe : la version qu'il "
            f"modifie ({versions[numero - 1].revision.label}) et la suivante ont le même texte."
        )
    avenant = contrat.avenants[numero - 1]
    document = _render(new, new_numbers, (avenant, revision), found, contrat, source, templates)
    return Drafted(
        numero, contrat.identifiant, document, tuple(found), field_changes, validated.warnings
    )


def _at_its_date(contrat: Contrat, avenant: AvenantModel) -> Contrat:
    """The contract as the avenant's page shows it: its signatories, place, date, status."""
    by_id = {s.representant: s for s in avenant.signataires}

    def signer(r: Representant) -> Representant:
        s = by_id.get(r.id)
        return r if s is None else replace(r, civilite=s.civilite, prenom=s.prenom, nom=s.nom,
                                           qualite=s.qualite)  # fmt: skip

    parties = contrat.parties
    sides = {
        n: tuple(map(signer, getattr(parties, n))) for n in ("etat", "justice", "collectivites")
    }
    signature = contrat.signature
    return replace(
        contrat,
        statut=Statut.SIGNE if avenant.signe else Statut.PROJET,
        parties=Parties(**sides, partenaires=parties.partenaires),
        signature=Signature(
            avenant.lieu or signature.lieu,
            DatePartielle.du_jour(avenant.date) if avenant.date else None,
            None,  # an avenant bears the date it is signed
            signature.exemplaires,
            signature.path,
        ),
        # Its own deliberations empower the signatories (« dûment habilité par délibération »).
        deliberations=tuple(
            Deliberation(d.organe, None, d.numero, d.date, None, d.path)
            for d in avenant.deliberations
        ),
    )


def _render(
    new: Contrat,
    numbers: Numerotation,
    which: tuple[AvenantModel, str | None],
    found: list[Amendement],
    current: Contrat,
    source: Path,
    templates: Path,
) -> bytes:
    avenant, revision = which
    contrat = _at_its_date(new, avenant)
    annexes = next((a.annexes for a in found if a.genre == "annexes_remplacees"), [])
    names = [*ANNEX_TEMPLATES, "annexes-libres"]
    parts = [*AVENANT_PARTS]
    parts += dict.fromkeys(names[min(n, len(names)) - 1] for n in annexes)
    template = ContractTemplate(parts, templates)
    hooks = hooks_for(template.document, contrat, templates)
    version = data_version(source)
    base = build_context(contrat, version, hooks, numbers)
    values = {f.name: getattr(base, f.name) for f in fields(base)}
    values.update(consolidation=None, approbations=[], version_consolidee=False, consolidee_au=None, intitule=f"Avenant n° {avenant.numero} – "
                  f"{current.intitule}")  # fmt: skip
    context = ContexteAvenant(**values, avenant=_avenant(avenant, found, current, hooks, revision))
    document = template.render(context)
    finishing.finish(document, contrat, version)  # its own articles, numbered in order
    document.core_properties.title = values["intitule"]
    return to_bytes(document)


def _avenant(
    avenant: AvenantModel,
    found: list[Amendement],
    contrat: Contrat,
    hooks: object,
    revision: str | None,
) -> Avenant:
    commune = de_lieu(contrat.territoire.lieu)
    builder = Builder(contrat, hooks)  # type: ignore[arg-type]
    assert contrat.signature.date is not None  # an avenant amends a signed contract
    intitule = contrat.intitule
    return Avenant(
        numero=avenant.numero,
        contrat=intitule[:1].lower() + intitule[1:],
        date=avenant.date,
        signe=avenant.signe,
        objet=builder.markdown(avenant.objet),  # type: ignore[arg-type]
        contrat_signe_le=contrat.signature.date.debut(),  # signed: known to the day
        article_revision=revision or "[à compléter]",
        precedents=[a for a in avenants_integres(contrat) if a.numero < avenant.numero],
        deliberations=[
            DeliberationAvenant(d.organe, commune, d.numero, d.date) for d in avenant.deliberations
        ],
        amendements=found,
    )
