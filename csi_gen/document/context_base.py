"""The context's building blocks: rich text, the document's hooks, the builders' base."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol, TypeVar, dataclass_transform

from markupsafe import Markup

from csi_gen import wording
from csi_gen.document import richtext, styles
from csi_gen.document.environment import number_mark
from csi_gen.model import Contrat, Statut
from csi_gen.versioning import Version

_Shape = TypeVar("_Shape")


@dataclass_transform(eq_default=False, frozen_default=True, field_specifiers=(field,))
def shape(cls: type[_Shape]) -> type[_Shape]:
    """A shape of the context: what a template reads, each field with its ``doc``.

    Frozen for the type checker, which refuses any assignment to a field (strict mypy runs
    over the whole package); a template cannot assign one either. At run time only
    ``__init__`` is generated, without equality or repr, which no template uses: each
    method a dataclass generates is compiled when its module is imported, and the shapes
    are most of the classes that ``generer`` creates."""
    return dataclass(eq=False, repr=False)(cls)


def doc(description: str) -> Any:
    """A field of the context, with the French description that docs/modeles.md gives it."""
    return field(metadata={"doc": description})


class Hooks(Protocol):
    """What the document being rendered offers: list numbering, chart parts, style ids."""

    def new_list(self, ordered: bool, level: int, start: int) -> int: ...

    def add_chart(self, index: int) -> str: ...

    def style(self, name: str) -> str: ...


class Xml:
    """Rich text: WordprocessingML produced on demand; truthy when it has content."""

    def __init__(self, produce: Callable[[], str], present: bool = True) -> None:
        self._produce = produce
        self._present = present

    def __html__(self) -> str:
        return self._produce()

    def __bool__(self) -> bool:
        return self._present

    def __str__(self) -> str:
        return self._produce()


class Builder:
    """Shared by the context's builders: the contract and the document's hooks."""

    def __init__(self, contrat: Contrat, hooks: Hooks) -> None:
        self.contrat = contrat
        self.hooks = hooks

    def markdown(self, text: str | None, continuation: bool = False) -> Xml | None:
        """A Markdown field as paragraphs of « Corps du contrat » (or a list's continuation)."""
        if text is None:
            return None
        hooks = self.hooks

        def produce() -> str:
            names = richtext.StyleIds(
                body=hooks.style(styles.CONTINUATION if continuation else styles.BODY),
                bullet=hooks.style(styles.BULLET),
                number=hooks.style(styles.NUMBER),
                continuation=hooks.style(styles.CONTINUATION),
            )
            return richtext.to_xml(text, hooks.new_list, names, base_level=1 if continuation else 0)

        return Xml(produce)


# --- What every document shows --------------------------------------------------------------------


@shape
class VersionDocument:
    """La version des données du document, telle qu'un juriste la cite."""

    numero: int | None = doc("le numéro de version : les enregistrements du fichier du contrat")
    date: date | None = doc("la date du dernier enregistrement du fichier du contrat")
    modifie: bool = doc("vrai si le fichier a changé depuis ce dernier enregistrement")


@shape
class Commun:
    """Ce que voient toutes les parties, l'en-tête et le pied de page."""

    intitule: str = doc("l'intitulé du contrat, en tête de chaque page")
    statut: str = doc("« projet », « definitif » ou « signe »")
    marquage: str = doc(
        "la mention « PROJET » et la confidentialité, en majuscules ; vide pour un contrat signé sans mention"
    )
    filigrane: str = doc("« PROJET » sur un projet, vide sinon (filigrane de l'en-tête)")
    version: VersionDocument = doc("la version des données (pas sur un contrat signé)")
    numero: Markup = doc(
        "dans un titre (styles Titre 1, 2 et 3) : le numéro de ce titre, écrit une fois le document complet (« Ier », « II », « 1er », « 2 »)"
    )
    # With defaults, keyword-only: documents that build their ``Commun`` by hand need not
    # know about avenants.
    version_consolidee: bool = field(
        default=False,
        kw_only=True,
        metadata={
            "doc": "vrai pour la version consolidée d'un contrat modifié par avenant (en-tête)"
        },
    )
    consolidee_au: date | None = field(
        default=None,
        kw_only=True,
        metadata={"doc": "la date de la version consolidée, celle du dernier avenant signé"},
    )


def marquage(contrat: Contrat) -> str:
    parts = []
    if contrat.statut is Statut.PROJET:
        parts.append(wording.libelle("statut_contrat", "projet"))
    confidentiality = wording.libelle("confidentialite", contrat.confidentialite)
    if confidentiality:
        parts.append(confidentiality)
    return " – ".join(parts).upper()


def commun(contrat: Contrat, version: Version, intitule: str | None = None) -> dict[str, Any]:
    """The fields of ``Commun`` for a contract's document."""
    return {
        "intitule": intitule or contrat.intitule,
        "statut": contrat.statut.value,
        "marquage": marquage(contrat),
        "filigrane": "PROJET" if contrat.statut is Statut.PROJET else "",
        "version": VersionDocument(version.number, version.day, version.modified),
        "numero": number_mark(),
        "version_consolidee": False,
        "consolidee_au": None,
    }
