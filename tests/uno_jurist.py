"""A jurist's session in LibreOffice: open each template, maybe edit it, save it as .docx.

``resave(pairs, edits)`` runs this file under the system Python that has LibreOffice's
``uno`` module (Debian's python3-uno), like ``csi_gen/document/uno_convert.py`` whose
start-up it reuses: ``/usr/bin/python3 uno_jurist.py PROFILE JOB.json``. The job lists the
documents (source, target) and the edits, each as a jurist makes them in Writer:

- ``{"remplacer": [old, new]}``: Édition › Rechercher et remplacer, everywhere;
- ``{"apres": text, "paragraphe": new, "style": name}``: a new paragraph, in the given
  paragraph style, after the first paragraph that contains ``text``.

Each document is then saved with Writer's « Word 2007-365 » filter, as « Enregistrer sous ».
Exit codes: 0 done, 3 LibreOffice could not be started, 4 a document failed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any


def resave(pairs: list[tuple[Path, Path]], edits: dict[str, list[dict[str, Any]]]) -> None:
    """Save each source as its target through LibreOffice, after the edits named for it."""
    import tempfile

    from csi_gen.document import pdf
    from csi_gen.errors import ConversionError

    with tempfile.TemporaryDirectory() as folder:
        job = Path(folder) / "job.json"
        job.write_text(
            json.dumps(
                {
                    "documents": [[str(s.resolve()), str(t.resolve())] for s, t in pairs],
                    "edits": edits,
                }
            ),
            encoding="utf-8",
        )
        result = pdf.run_under_libreoffice(
            Path(__file__).resolve(), [str(job)], timeout=600
        )  # two starts of LibreOffice at most
    if result.returncode != 0:
        raise ConversionError(result.stderr.strip() or f"code de sortie {result.returncode}")


# --- Under LibreOffice's Python ---------------------------------------------------------------------


def _edit(document: Any, edit: dict[str, Any]) -> None:
    from com.sun.star.text.ControlCharacter import (  # type: ignore[import-not-found]
        PARAGRAPH_BREAK,
    )

    if "remplacer" in edit:
        old, new = edit["remplacer"]
        replace = document.createReplaceDescriptor()
        replace.SearchString = old
        replace.ReplaceString = new
        if document.replaceAll(replace) == 0:
            raise ValueError(f"texte introuvable : {old}")
        return
    search = document.createSearchDescriptor()
    search.SearchString = edit["apres"]
    found = document.findFirst(search)
    if found is None:
        raise ValueError(f"texte introuvable : {edit['apres']}")
    text = found.getText()
    cursor = text.createTextCursorByRange(found)
    cursor.gotoEndOfParagraph(False)
    text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
    cursor.ParaStyleName = edit["style"]
    text.insertString(cursor, edit["paragraphe"], False)


def _save(desktop: Any, source: str, target: str, edits: list[dict[str, Any]], prop: Any) -> None:
    import uno  # type: ignore[import-not-found]

    document = desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),)
    )
    try:
        for edit in edits:
            _edit(document, edit)
        document.storeToURL(
            uno.systemPathToFileUrl(target), (prop("FilterName", "MS Word 2007 XML"),)
        )
    finally:
        document.close(True)


def main(arguments: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "csi_gen" / "document"))
    from uno_convert import _property, _start  # type: ignore[import-not-found]

    profile, job_path = arguments
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    try:
        office = _start(profile)
    except Exception as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 3
    try:
        for source, target in job["documents"]:
            edits = job["edits"].get(Path(source).name, [])
            _save(office.desktop, source, target, edits, _property)
    except Exception as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 4
    finally:
        office.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
