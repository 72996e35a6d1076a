"""Styles by the names a jurist sees in Word's gallery, never by internal ids.

Word and LibreOffice rewrite style ids when they save a document (LibreOffice derives them
from the names: « Corps du contrat » becomes « Corpsducontrat »; a French Word names the
built-in heading « Titre1 »), but keep the names — built-in ones in English (« heading 3 »),
in any case. csi-gen therefore finds every style by its name, compared without regard to
case or repeated spaces, and maps each part template's styles onto the master's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from csi_gen.errors import TemplateError

# The styles csi-gen itself writes or looks for, by name.
NORMAL = "Normal"
BODY = "Corps du contrat"
BULLET = "List Bullet"
NUMBER = "List Number"
CONTINUATION = "List Continue"
TITLE = "heading 1"  # « Titre Ier – … »
CHAPTER = "heading 2"  # « Chapitre Ier – … »
ARTICLE = "heading 3"  # « Article 1er – … »
ANNEX = "Annexe"
DEFINITION = "Définition (non imprimée)"
TOC = ("toc 1", "toc 2", "toc 3")
NUMBERED_HEADINGS = (TITLE, CHAPTER, ARTICLE)  # numbered where a template writes {{ numero }}
TOC_LEVELS = {TITLE: 1, ANNEX: 1, CHAPTER: 2, ARTICLE: 3}

_STYLE = re.compile(
    r'<w:style\b[^>]*\bw:styleId="([^"]*)"[^>]*>.*?<w:name w:val="([^"]*)"', re.DOTALL
)


def key(name: str) -> str:
    """How names are compared: « heading 1 » written by Word, « Heading 1 » by LibreOffice."""
    return " ".join(name.split()).casefold()


@dataclass(frozen=True)
class StyleSheet:
    """The styles of one document: id ↔ name."""

    source: str  # the file, for messages
    ids: dict[str, str]  # name key → style id
    names: dict[str, str]  # style id → name as written

    def id(self, name: str) -> str:
        """The id of the style called ``name``; a French error if the document has none."""
        found = self.ids.get(key(name))
        if found is None:
            raise TemplateError(
                f"le modèle {self.source} n'a pas de style « {name} » ; csi-gen en a besoin : "
                "rétablissez-le sous ce nom (Accueil › Styles dans Word)."
            )
        return found

    def name(self, style_id: str) -> str | None:
        return self.names.get(style_id)

    def has(self, name: str) -> bool:
        return key(name) in self.ids


def parse(xml: str, source: str) -> StyleSheet:
    ids: dict[str, str] = {}
    names: dict[str, str] = {}
    for style_id, name in _STYLE.findall(xml):
        names[style_id] = name
        ids.setdefault(key(name), style_id)
    return StyleSheet(source, ids, names)


@cache
def _read(path: Path, mtime: int, size: int) -> StyleSheet:
    import zipfile

    from csi_gen.errors import display_path

    try:
        with zipfile.ZipFile(path) as archive:
            xml = archive.read("word/styles.xml").decode("utf-8")
    except KeyError:
        xml = ""
    except (OSError, zipfile.BadZipFile) as error:
        raise TemplateError(
            f"le modèle {display_path(path)} n'est pas un document Word lisible ({error})."
        ) from None
    return parse(xml, display_path(path))


def of(path: Path) -> StyleSheet:
    """The style sheet of a .docx, read once per version of the file."""
    stat = path.stat()
    return _read(path, stat.st_mtime_ns, stat.st_size)
