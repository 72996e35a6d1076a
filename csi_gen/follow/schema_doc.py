"""docs/suivi.md: the French reference of every field of a follow-up file, from its schema.

``csi-gen suivi --doc`` writes it; a test keeps the committed file in step with the schema.
The contract's reference (``csi_gen.contract.schema_doc``) gives the types and examples.
"""

from __future__ import annotations

import json
from typing import Any

from csi_gen.contract.schema_doc import SchemaDoc
from csi_gen.follow.loading import schema

HEADER = """# Référence des champs d'un fichier de suivi

Ce document est produit par `csi-gen suivi --doc` à partir de `schema/suivi.schema.json` ;
ne le modifiez pas à la main. Les mêmes titres et descriptions s'affichent dans l'éditeur
pendant la saisie, grâce à la ligne `"$schema": "../schema/suivi.schema.json"` en tête du
fichier. Le fichier `contracts/<territoire>.suivi.json` accompagne le contrat
`contracts/<territoire>.json`, qu'il ne modifie pas ; `csi-gen suivi <territoire> --annee
<année>` y ajoute une année, `csi-gen valider` le vérifie avec le contrat, `csi-gen bilan`
en fait le bilan annuel.

## Comment le suivi désigne ce qu'il suit

- **Un engagement**, par son identifiant dans le contrat (le champ `id` de l'engagement),
  en clé de `engagements`. Un engagement retenu sans identifiant ne peut pas être suivi :
  `csi-gen valider` le signale (`SUIVI-SANS-IDENTIFIANT`) et propose un identifiant.
- **Un objectif**, par son libellé, tel que le contrat l'écrit (`objectifs[].libelle` de
  l'engagement) : le suivi se lit sans le contrat sous les yeux, et un objectif déplacé dans
  la liste reste le même. Un libellé inconnu est une erreur qui propose le plus proche.
- **Un indicateur de suivi**, par son libellé de même.
- **Une ligne de financement**, par son financeur et son année, et sa source quand le même
  financeur a deux lignes la même année.

## Ce que compte la valeur d'un objectif

- Un objectif à trajectoire « annuel », ou sans trajectoire ni situation initiale, compte
  **des ajouts** (policiers affectés, caméras installées) : la valeur d'une année est ce qui a
  été ajouté pendant l'année. Le bilan la compare à l'étape de l'année, puis compare le
  cumul depuis le début du contrat à la somme des étapes, que la cible compte.
- Un objectif à trajectoire « cumule », ou avec une situation initiale, compte **un niveau**
  (heures de patrouille, points d'accueil ouverts) : la valeur d'une année est le niveau au
  31 décembre. Le bilan la compare au niveau prévu pour l'année.

Une valeur, un montant ou un texte encore « [à compléter] » est signalé par
`SUIVI-A-COMPLETER` et compte comme non renseigné dans le bilan.
"""

ORDER = (
    ("(racine)", None),
    ("annees.<année>", "annee_suivie"),
    ("annees.<année>.comite_pilotage", "comite"),
    ("annees.<année>.engagements.<id>", "engagement_suivi"),
    ("annees.<année>.engagements.<id>.objectifs[]", "objectif_realise"),
    ("annees.<année>.engagements.<id>.indicateurs[]", "mesure_indicateur"),
    ("annees.<année>.engagements.<id>.financements[]", "execution_financement"),
)
REFERENCED = {"annees": "annees.<année>", "comite_pilotage": "annees.<année>.comite_pilotage",
              "engagements": "annees.<année>.engagements.<id>"}  # fmt: skip


def render() -> str:
    data = schema()
    reference = SchemaDoc(data)
    parts = [HEADER]
    for path, name in ORDER:
        node = data if name is None else data["$defs"][name]
        anchor = "" if name is None else f" (`{path}`)"
        parts.append(f"\n## {node['title']}{anchor}\n")
        parts.append(f"{node['description']}\n")
        parts.append("| Champ | Type | Obligatoire | Description | Exemple |")
        parts.append("|---|---|---|---|---|")
        required = set(node.get("required", []))
        for key, raw in node["properties"].items():
            child = reference.resolve(raw)
            parts.append(
                f"| `{key}` | {_type(reference, key, raw)} | {'oui' if key in required else 'non'} "
                f"| {_cell(child.get('title', ''))} : {_cell(child.get('description', ''))} "
                f"| {_example(reference, key, path, raw)} |"
            )
    return "\n".join(parts) + "\n"


def _type(reference: SchemaDoc, key: str, raw: dict[str, Any]) -> str:
    node = reference.resolve(raw)
    if isinstance(node.get("type"), list):
        return "nombre, ou « [à compléter] »"
    if key in REFERENCED:
        return "objet" if key == "comite_pilotage" else "objet (une clé par élément)"
    return reference.type_of(raw)


def _example(reference: SchemaDoc, key: str, path: str, raw: dict[str, Any]) -> str:
    if key in REFERENCED:
        return f"voir `{REFERENCED[key]}`"
    node = reference.resolve(raw)
    items = node.get("items", {})
    if node.get("type") == "array" and reference.resolve(items).get("type") == "object":
        return f"voir `{path.removeprefix('(racine)').lstrip('.')}.{key}[]`".replace("`.", "`")
    value = reference.example_of(raw)
    return "" if value is None else f"`{json.dumps(value, ensure_ascii=False)}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")
