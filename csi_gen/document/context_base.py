"""The context's building blocks: rich text, the document's hooks, the builders' base."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import field
from typing import Any, Protocol

from csi_gen.document import richtext, styles
from csi_gen.model import Contrat


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
