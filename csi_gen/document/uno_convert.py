"""Convert .docx files to PDF with LibreOffice, filling the table of contents first.

Runs under the system Python that has LibreOffice's ``uno`` module (Debian's python3-uno),
not under the virtualenv: ``/usr/bin/python3 uno_convert.py PROFILE``. LibreOffice starts
at once; the documents to convert arrive on standard input, one JSON array
``["IN.docx", "OUT.pdf"]`` per line, while it starts or works, until the input ends. Each
outcome is one JSON line on standard output: ``{"source": IN, "pdf": OUT}`` or
``{"source": IN, "erreur": "..."}``. One LibreOffice process, with its own user profile,
converts them all, so that a batch pays LibreOffice's start-up once, and a build can start
it before its document is ready. ``soffice --convert-to pdf`` alone does not update the
table of contents; here every index is updated before the export.

Exit codes: 0 done, 3 LibreOffice could not be started (message on stderr), 4 a document
failed (the other documents are still converted).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]

# A machine busy with other LibreOffices (parallel tests, a batch) may take well over a
# minute to start one, more with a new profile: the wait is long, and one failed start is
# retried, as LibreOffice sometimes exits at its first start on a profile it has just made.
START_TIMEOUT = 180.0
START_ATTEMPTS = 2


def _property(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


def _start(profile: str) -> tuple[subprocess.Popen[bytes], object]:
    """LibreOffice on ``profile``, and its desktop; a start that fails is tried again."""
    for _ in range(START_ATTEMPTS - 1):
        with contextlib.suppress(RuntimeError):
            return _start_once(profile)
    return _start_once(profile)


def _start_once(profile: str) -> tuple[subprocess.Popen[bytes], object]:
    pipe = f"csigen_{uuid.uuid4().hex}"
    soffice = shutil.which("soffice") or "soffice"
    process = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation=file://{profile}",
            f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            break
        except NoConnectException:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                process.wait()
                raise RuntimeError("LibreOffice n'a pas démarré") from None
            time.sleep(0.1)
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    return process, desktop


class Window:
    """One hidden window that holds each document in turn.

    Loading a document into the window of the previous one closes that one and spares
    creating and destroying a window: about 30 ms, a twentieth of a contract.
    """

    def __init__(self, desktop: object) -> None:
        self.desktop = desktop
        self.frame: object | None = None

    def open(self, source: str) -> object:
        url = uno.systemPathToFileUrl(os.path.abspath(source))
        options = (_property("Hidden", True), _property("ReadOnly", True))
        try:
            if self.frame is None:
                document = self.desktop.loadComponentFromURL(url, "_blank", 0, options)  # type: ignore[attr-defined]
            else:
                document = self.frame.loadComponentFromURL(url, "_self", 0, options)  # type: ignore[attr-defined]
        except Exception as error:
            self.close()
            detail = getattr(error, "Message", "") or str(error)
            raise RuntimeError(f"LibreOffice n'a pas pu l'ouvrir ({detail})") from None
        if document is None:
            self.close()
            raise RuntimeError("LibreOffice n'a pas pu l'ouvrir")
        self.frame = document.getCurrentController().getFrame()
        return document

    def close(self) -> None:
        if self.frame is not None:
            with contextlib.suppress(Exception):  # already gone with its document
                self.frame.close(True)  # type: ignore[attr-defined]
            self.frame = None


def convert(window: Window, source: str, target: str) -> None:
    document = window.open(source)
    # The table of contents arrives filled with its entries, so updating it once does not
    # move a page: one pass gives the final page numbers.
    indexes = document.getDocumentIndexes()  # type: ignore[attr-defined]
    for position in range(indexes.getCount()):
        indexes.getByIndex(position).update()
    directory = os.path.dirname(os.path.abspath(target))
    name = os.path.basename(target)
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    os.close(descriptor)
    try:
        document.storeToURL(  # type: ignore[attr-defined]
            uno.systemPathToFileUrl(temporary),
            (
                _property("FilterName", "writer_pdf_Export"),
                _property("FilterData", _pdf_options()),
            ),
        )
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise


def _pdf_options() -> object:
    """PDF/A-2b (for archiving: fonts embedded, metadata) and tagged (for accessibility:
    headings, tables, alternative text of the charts)."""
    options = (
        _property("SelectPdfVersion", 2),  # 2: PDF/A-2b
        _property("UseTaggedPDF", True),
        _property("ExportBookmarks", True),
    )
    return uno.Any("[]com.sun.star.beans.PropertyValue", options)


def _report(**outcome: str) -> None:
    print(json.dumps(outcome, ensure_ascii=False), flush=True)


def main(arguments: list[str]) -> int:
    profile = arguments[0]
    try:
        process, desktop = _start(profile)
    except Exception as error:
        # runs in LibreOffice's Python, without csi_gen: the prefix of errors.error_line
        print(f"Erreur : {error}", file=sys.stderr)
        return 3
    failed = False
    window = Window(desktop)
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            source, target = json.loads(line)
            try:
                convert(window, source, target)
                _report(source=source, pdf=target)
            except Exception as error:
                failed = True
                _report(source=source, erreur=str(error))
        window.close()
    finally:
        with contextlib.suppress(Exception):  # LibreOffice may already be gone
            desktop.terminate()  # type: ignore[attr-defined]
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    return 4 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
