"""The tracked changes that LibreOffice reads in a .docx: a check of the comparison document.

``tracked_changes(path)`` runs this file under the system Python that has LibreOffice's
``uno`` module (Debian's python3-uno), like ``uno_convert.py`` whose start-up it reuses:
``/usr/bin/python3 uno_revisions.py PROFILE IN.docx`` prints, as JSON, each tracked change
LibreOffice lists (type, author, date, text).

Exit codes: 0 done, 3 LibreOffice could not be started, 4 the document could not be read.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class TrackedChange:
    type: str  # « Insert », « Delete », « Format », « ParagraphFormat »…
    author: str
    date: str  # AAAA-MM-JJ
    text: str


def tracked_changes(path: Path) -> list[TrackedChange]:
    """The tracked changes of ``path``, as LibreOffice lists them (Édition › Suivi)."""
    from csi_gen.document import pdf
    from csi_gen.errors import ConversionError

    script = Path(__file__).resolve()
    result = pdf.run_under_libreoffice(
        script, [str(path.resolve())], timeout=600
    )  # two starts of LibreOffice at most
    if result.returncode != 0:
        detail = result.stderr.strip() or f"code de sortie {result.returncode}"
        raise ConversionError(f"Erreur : LibreOffice n'a pas pu lire {path}.\n{detail}")
    return [TrackedChange(**item) for item in json.loads(result.stdout)]


# --- Under LibreOffice's Python ---------------------------------------------------------------------


def _read(desktop: Any, source: str, _property: Any) -> list[dict[str, str]]:
    import uno  # type: ignore[import-not-found]

    url = uno.systemPathToFileUrl(str(Path(source).resolve()))
    document = desktop.loadComponentFromURL(
        url, "_blank", 0, (_property("Hidden", True), _property("ReadOnly", True))
    )
    if document is None:
        raise RuntimeError(f"LibreOffice n'a pas pu ouvrir {source}")
    try:
        found = []
        redlines = document.getRedlines().createEnumeration()
        while redlines.hasMoreElements():
            redline = redlines.nextElement()
            start, end = redline.RedlineStart, redline.RedlineEnd
            cursor = start.getText().createTextCursorByRange(start)
            cursor.gotoRange(end, True)
            stamp = redline.RedlineDateTime
            found.append(
                {
                    "type": redline.RedlineType,
                    "author": redline.RedlineAuthor,
                    "date": f"{stamp.Year:04d}-{stamp.Month:02d}-{stamp.Day:02d}",
                    "text": cursor.getString(),
                }
            )
        return found
    finally:
        document.close(True)


def main(arguments: list[str]) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "csi_gen" / "document"))
    from uno_convert import _property, _start  # type: ignore[import-not-found]

    profile, source = arguments
    try:
        office = _start(profile)
    except Exception as error:
        print(f"Erreur : {error}", file=sys.stderr)
        return 3
    try:
        print(json.dumps(_read(office.desktop, source, _property), ensure_ascii=False))
    except Exception as error:
        print(f"Erreur : {source} : {error}", file=sys.stderr)
        return 4
    finally:
        office.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
