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

Each document is opened, converted and closed by LibreOffice's main thread, in one go: left
open between two calls, a document gets LibreOffice's idle-time work (counting its words,
collecting them for word completion), which a conversion does not need and which cost a
quarter of it.

Exit codes: 0 done, 3 LibreOffice could not be started (message on stderr), 4 a document
failed (the other documents are still converted).
"""

from __future__ import annotations

import contextlib
import ctypes.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable
from typing import Any, NamedTuple

import uno  # type: ignore[import-not-found]
import unohelper  # type: ignore[import-not-found]
from com.sun.star.awt import XCallback  # type: ignore[import-not-found]
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


class Office(NamedTuple):
    """A started LibreOffice: its process, its desktop, its queue of main-thread callbacks."""

    process: subprocess.Popen[bytes]
    desktop: Any
    callbacks: Any  # com.sun.star.awt.AsyncCallback

    def stop(self) -> None:
        """Ask LibreOffice to quit; kill it if it has not within 30 s."""
        with contextlib.suppress(Exception):  # LibreOffice may already be gone
            self.desktop.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _start(profile: str) -> Office:
    """LibreOffice on ``profile``; a start that fails is tried again."""
    for _ in range(START_ATTEMPTS - 1):
        with contextlib.suppress(RuntimeError):
            return _start_once(profile)
    return _start_once(profile)


def _start_once(profile: str) -> Office:
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
        env=_environment(),
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
    manager = context.ServiceManager
    return Office(
        process,
        manager.createInstanceWithContext("com.sun.star.frame.Desktop", context),
        manager.createInstanceWithContext("com.sun.star.awt.AsyncCallback", context),
    )


def _environment() -> dict[str, str]:
    """LibreOffice's environment: jemalloc's memory allocator in place of the C library's,
    when it is installed (Debian's libjemalloc2).

    A conversion keeps allocating and freeing small blocks (strings, text portions, the
    charts' shapes), an eighth of its time in malloc and free: with jemalloc, LibreOffice
    converts the Toulouse contract in about a tenth less time, into the same PDF. Without
    it, LibreOffice runs as it is.
    """
    environment = dict(os.environ)
    library = ctypes.util.find_library("jemalloc")
    if library:
        preloaded = environment.get("LD_PRELOAD", "")
        environment["LD_PRELOAD"] = f"{preloaded} {library}".strip()
    return environment


class _Call(unohelper.Base, XCallback):  # type: ignore[misc]
    """``work``, for LibreOffice to call back from its main thread."""

    def __init__(self, work: Callable[[], None]) -> None:
        self.work = work
        self.done = threading.Event()
        self.error: BaseException | None = None

    def notify(self, _data: object) -> None:
        try:
            self.work()
        except BaseException as error:  # raised again in the thread that waits
            self.error = error
        finally:
            self.done.set()


def in_main_thread(office: Office, work: Callable[[], None]) -> None:
    """Run ``work`` in LibreOffice's main thread, and wait until it has run.

    LibreOffice calls ``work`` back from its main thread; the UNO calls ``work`` makes are
    then carried out by that thread, which waits for them (the bridge sends a call made
    within a call to the thread that made the outer one). Nothing else runs in LibreOffice
    meanwhile, its idle-time work included.
    """
    call = _Call(work)
    office.callbacks.addCallback(call, None)
    while not call.done.wait(0.5):
        if office.process.poll() is not None:
            raise RuntimeError("LibreOffice s'est arrêté")
    if call.error is not None:
        raise call.error


def _open(desktop: Any, source: str) -> Any:
    """``source``, read-only, in a hidden window of its own."""
    url = uno.systemPathToFileUrl(os.path.abspath(source))
    options = (_property("Hidden", True), _property("ReadOnly", True))
    try:
        document = desktop.loadComponentFromURL(url, "_blank", 0, options)
    except Exception as error:
        detail = getattr(error, "Message", "") or str(error)
        raise RuntimeError(f"LibreOffice n'a pas pu l'ouvrir ({detail})") from None
    if document is None:
        raise RuntimeError("LibreOffice n'a pas pu l'ouvrir")
    return document


def convert(office: Office, source: str, target: str) -> None:
    """Write ``source``'s PDF to ``target``, in LibreOffice's main thread."""
    in_main_thread(office, lambda: _convert(office.desktop, source, target))


def _convert(desktop: Any, source: str, target: str) -> None:
    document = _open(desktop, source)
    try:
        _export(document, target)
    finally:
        with contextlib.suppress(Exception):  # already gone, with LibreOffice
            document.getCurrentController().getFrame().close(True)


def _export(document: Any, target: str) -> None:
    # The table of contents arrives filled with its entries, so updating it once does not
    # move a page: one pass gives the final page numbers.
    indexes = document.getDocumentIndexes()
    for position in range(indexes.getCount()):
        indexes.getByIndex(position).update()
    directory = os.path.dirname(os.path.abspath(target))
    name = os.path.basename(target)
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=f".{name}.", suffix=".tmp")
    os.close(descriptor)
    try:
        document.storeToURL(
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
        office = _start(profile)
    except Exception as error:
        # runs in LibreOffice's Python, without csi_gen: the prefix of errors.error_line
        print(f"Erreur : {error}", file=sys.stderr)
        return 3
    failed = False
    try:
        for line in sys.stdin:
            if not line.strip():
                continue
            source, target = json.loads(line)
            try:
                convert(office, source, target)
                _report(source=source, pdf=target)
            except Exception as error:
                failed = True
                _report(source=source, erreur=str(error))
    finally:
        office.stop()
    return 4 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
