"""Numbers frozen at signature: what an engagement point is called once the contract is signed.

In a signed contract every reference (« le 2° de l'article 7 ») must stay valid through its
avenants: a point keeps its number, an inserted one takes « bis », « ter » after the point it
follows, a removed one stays as « (Supprimé) ». ``amend/numbering.py`` computes the frozen
numbers from the signed version; the document only prints them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from csi_gen.errors import Path_
from csi_gen.model import Partie

# The Latin adverbs of legislative numbering, after « bis ».
SUFFIXES = (
    "bis", "ter", "quater", "quinquies", "sexies", "septies", "octies", "nonies", "decies",
)  # fmt: skip
Side = tuple[str, Partie, str | None]  # (chapter, partie, partenaire): an article of engagements


@dataclass(frozen=True, order=True)
class Numero:
    """« 3 », « 3 bis »: a number and its suffix (empty for a plain number)."""

    numero: int
    rang: int = 0  # 0 for « 3 », 1 for « 3 bis », 2 for « 3 ter »…

    @property
    def suffixe(self) -> str:
        """« bis », « ter »…; « A » for a point inserted before the first one."""
        if self.rang < 0:
            return "A"
        return SUFFIXES[min(self.rang, len(SUFFIXES)) - 1] if self.rang else ""

    def __str__(self) -> str:
        return f"{self.numero} {self.suffixe}" if self.rang else str(self.numero)

    def point(self) -> str:
        """« 3° », « 3° bis »."""
        return f"{self.numero}° {self.suffixe}" if self.rang else f"{self.numero}°"


@dataclass(frozen=True)
class PointSupprime:
    """A removed point, kept in the text: it stands before the retained engagement at
    ``position`` in its article (at the end when ``position`` is the number of them)."""

    numero: Numero
    position: int


@dataclass(frozen=True)
class Numerotation:
    """The frozen numbers of a contract's points: by engagement, and the removed ones."""

    points: Mapping[Path_, Numero] = field(default_factory=dict)
    supprimes: Mapping[Side, tuple[PointSupprime, ...]] = field(default_factory=dict)
    # The labels of the amended version's articles (« 7 », « 1er »), by key; None before any
    # avenant, when articles are numbered in order.
    articles: Mapping[tuple[str, str], str] | None = None

    def numero(self, path: Path_) -> Numero | None:
        return self.points.get(path)


# --- Articles ------------------------------------------------------------------------------------

ArticleKey = tuple[str, str]  # (chapter, title): the same article in two versions


def article_key(chapter: str, title: str) -> ArticleKey:
    """The key of an article, whatever the typography (’ or ', no-break spaces)."""
    return tuple(" ".join(t.replace("’", "'").split()) for t in (chapter, title))  # type: ignore[return-value]


def parse_label(label: str) -> Numero:
    """« 7 » → 7; « 1er bis » → 1 bis; « 3 A » → 3 A."""
    number, _, suffix = label.partition(" ")
    rang = -1 if suffix == "A" else (SUFFIXES.index(suffix) + 1 if suffix in SUFFIXES else 0)
    return Numero(int(number.removesuffix("er")), rang)


def article_label(numero: Numero) -> str:
    """« 1er », « 1er bis », « 7 ter »."""
    number = "1er" if numero.numero == 1 else str(numero.numero)
    return f"{number} {numero.suffixe}" if numero.rang else number


class FrozenArticles:
    """The labels of a signed contract's articles, given in the order of the document: an
    article of the signed text keeps its own, a new one follows the one before it (« 5 bis »)."""

    def __init__(self, labels: Mapping[ArticleKey, str]) -> None:
        self.labels = labels
        self.used = {parse_label(label) for label in labels.values()}
        self.previous: Numero | None = None

    def label(self, chapter: str, title: str) -> str:
        known = self.labels.get(article_key(chapter, title))
        if known is not None:
            numero = parse_label(known)
        elif self.previous is None:
            numero = Numero(1, -1)
        else:
            rang = self.previous.rang + 1
            while Numero(self.previous.numero, rang) in self.used and rang < len(SUFFIXES):
                rang += 1
            numero = Numero(self.previous.numero, rang)
            self.used.add(numero)
        self.previous = numero
        return article_label(numero)


# --- Where an engagement stands in the signed text -----------------------------------------------

# For each retained engagement (by its path): its article and point in the signed text's
# numbering, (« 7 », « 3° bis »), so that a change is cited as a jurist cites it.
Places = Mapping[Path_, tuple[str, str]]


@dataclass(frozen=True)
class Frozen:
    """Two versions of a signed contract, numbered as the earlier one froze them."""

    places: tuple[Places, Places]
    numbers: tuple[Numerotation, Numerotation]
