"""The context of an amended contract: its consolidated version, and the avenant itself.

The avenant is rendered with the whole context of the amended contract (its parties and
signatories at the avenant's date, its annexes, which the avenant may replace) and one
``avenant`` field: its number, its visas, and its amendments, one per article, each of a
kind the template words (« les mots … sont remplacés par les mots … »).
"""

from __future__ import annotations

import datetime as dt
from datetime import date

from csi_gen.document.context import Contexte
from csi_gen.document.context_annexes import ANNEX_TEMPLATES
from csi_gen.document.context_base import Xml, doc, shape
from csi_gen.document.context_consolidation import AvenantIntegre


@shape
class Amendement:
    """Une modification du contrat : un article de l'avenant."""

    genre: str = doc(
        "« mots » (des mots remplacés), « point_remplace », « point_insere », « point_ajoute » "
        "(après le dernier point), « point_abroge », « mots_article », « article_remplace », "
        "« article_insere » ou « annexes_remplacees »"
    )
    article: str = doc("le numéro de l'article modifié (« 7 », « 1er »)")
    point: str = doc("le point modifié, inséré ou abrogé (« 2° », « 3° bis ») ; vide sinon")
    apres: str = doc(
        "pour un point ou un article inséré : le point (« 3° ») ou l'article (« 9 ») qui le précède"
    )
    mots_avant: str = doc("pour « mots » : les mots remplacés")
    mots_apres: str = doc("pour « mots » : les mots qui les remplacent")
    texte: list[str] = doc("la nouvelle rédaction, paragraphe par paragraphe")
    annexes: list[int] = doc("pour « annexes_remplacees » : les numéros des annexes remplacées")


@shape
class DeliberationAvenant:
    """Une délibération qui approuve l'avenant."""

    organe: str = doc("l'assemblée (« conseil municipal »)")
    collectivite: str = doc("la collectivité, avec sa préposition (« de Toulouse »)")
    numero: str | None = doc("son numéro")
    date: date = doc("sa date")


@shape
class Avenant:
    """L'avenant."""

    numero: int = doc("son numéro")
    contrat: str = doc(
        "l'intitulé du contrat, sans majuscule initiale (« contrat de sécurité intégrée de Toulouse »)"
    )
    date: date | None = doc("sa date de signature")
    signe: bool = doc("vrai s'il est signé")
    objet: Xml = doc("son objet, repris au préambule")
    contrat_signe_le: dt.date = doc("la date de signature du contrat")
    article_revision: str = doc("le numéro de l'article « Révision » du contrat")
    precedents: list[AvenantIntegre] = doc("les avenants signés avant lui, visés")
    deliberations: list[DeliberationAvenant] = doc("les délibérations qui l'approuvent")
    amendements: list[Amendement] = doc("ses modifications, une par article")


@shape
class ContexteAvenant(Contexte):
    """L'avenant (modèle avenant.docx), avec le contexte du contrat qu'il modifie."""

    avenant: Avenant = doc("l'avenant")


AVENANT_PARTS = ("definitions", "avenant", "parties", "avenant-articles", "signatures")
# And the annexes the avenant replaces, joined after its signatures.
AVENANT_TEMPLATES = (*AVENANT_PARTS, *ANNEX_TEMPLATES, "annexes-libres")
