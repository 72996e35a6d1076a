"""Render part templates in the master with docxtpl, in one pass, within bounds.

An error raised by a template — a name the context does not have, a forbidden access, a
loop that runs away — is reported with the template's file and the paragraph, counted as
in Word.
"""

from __future__ import annotations

import contextlib
import re
import signal
import threading
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from csi_gen.document import parts
from csi_gen.document.cache import body_key
from csi_gen.document.environment import Budget, RunawayTemplate, environment
from csi_gen.document.parts import MASTER, TEMPLATES_DIR, template_path
from csi_gen.errors import CsiGenError, TemplateError, display_path

if TYPE_CHECKING:
    from docx.document import Document

    from csi_gen.document.adapter import StrictDocxTemplate

__all__ = ["TEMPLATES_DIR", "ContractTemplate"]


class ContractTemplate:
    """The master template with the parts' bodies in order, rendered once by docxtpl.

    The body's compiled Jinja code is cached (see ``cache``), keyed by the bytes of every
    template used: when none changed, the parts are neither read nor checked nor compiled
    again.
    """

    def __init__(self, names: Iterable[str], directory: Path = TEMPLATES_DIR) -> None:
        from csi_gen.document.adapter import StrictDocxTemplate

        names = list(names)
        self.directory = directory
        self.template: StrictDocxTemplate = StrictDocxTemplate(
            str(template_path(MASTER, directory)),
            body_key=body_key(names, directory),
            body_xml=lambda: parts.assemble_body(names, directory),
        )
        self.template.init_docx()

    @property
    def document(self) -> Document:
        document: Document = self.template.docx
        return document

    def render(self, context: Any) -> Document:
        from jinja2 import TemplateError as JinjaError

        if is_dataclass(context) and not isinstance(context, type):
            context = {f.name: getattr(context, f.name) for f in fields(context)}
        try:
            with _bounded():
                self.template.render(context, jinja_env=environment(), autoescape=True)
        except CsiGenError:
            raise
        except (JinjaError, RunawayTemplate) as error:
            raise self._explain(error) from None
        except Exception as error:  # a tag that divides by zero, adds a number to a text…
            if not _raised_by_template(error):
                raise
            raise self._explain(error) from None
        return self.document

    def _explain(self, error: Exception) -> TemplateError:
        source = self.template.last_source or ""
        lines = source.splitlines()
        line = next(
            (
                frame.lineno
                for frame in reversed(traceback.extract_tb(error.__traceback__))
                if frame.filename == "<template>" and frame.lineno
            ),
            getattr(error, "lineno", None) or 0,
        )
        text = parts.paragraph_text(lines[line - 1]).strip() if 0 < line <= len(lines) else ""
        name, paragraph = MASTER, line
        # A part's marker ends the line before its first paragraph: look above the line.
        for index in range(min(line, len(lines)) - 2, -1, -1):
            match = parts.PART_MARKER.search(lines[index])
            if match and self.template.last_is_body:
                name = match.group(1)
                part = parts.read_part(name, self.directory)
                paragraph = parts.paragraph_number(part.body, text, fallback=line - index - 1)
                break
        where = display_path(template_path(name, self.directory))
        if not self.template.last_is_body:
            where += " (en-tête ou pied de page)"
        return TemplateError(
            f"le modèle {where}, paragraphe {paragraph} : {runtime_message(error)}"
            + (f"\n  paragraphe : « {text} »" if text else "")
        )


@contextlib.contextmanager
def _bounded() -> Iterator[None]:
    """Bound the rendering's time: checked at each call a template makes and, in the main
    thread, by an alarm that also stops a loop which calls nothing."""
    Budget.start()
    alarm = threading.current_thread() is threading.main_thread() and hasattr(signal, "setitimer")
    previous: Any = None
    if alarm:

        def expire(signum: int, frame: Any) -> None:
            Budget.deadline = 0.0
            Budget.check()

        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, Budget.allowed + 1)
    try:
        yield
    finally:
        Budget.stop()
        if alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _raised_by_template(error: BaseException) -> bool:
    """Whether a template's own code raised ``error`` (rather than csi-gen or a library)."""
    return any(
        frame.filename == "<template>" for frame in traceback.extract_tb(error.__traceback__)
    )


def runtime_message(error: Exception) -> str:
    from jinja2.exceptions import SecurityError, UndefinedError

    message = str(error)
    if isinstance(error, RunawayTemplate):
        return message
    if isinstance(error, SecurityError):
        attribute = re.search(r"attribute '([^']+)'", message)
        what = f"l'accès à « {attribute.group(1)} »" if attribute else "cette opération"
        return f"{what} est interdit dans un modèle (bac à sable) ; seules les données du contrat sont accessibles"
    if isinstance(error, UndefinedError):
        name = re.search(r"'([^']+)' (?:is undefined|has no attribute '([^']+)')", message)
        if name and name.group(2):
            return f"« {name.group(2)} » n'existe pas dans « {name.group(1)} » ({message})"
        if name:
            return f"variable inconnue « {name.group(1)} »"
        return f"valeur inconnue ({message})"
    if isinstance(error, ZeroDivisionError):
        return "division par zéro dans une balise"
    if isinstance(error, OverflowError) and "MAX_RANGE" in message:
        return "boucle trop longue dans une balise (bac à sable : 100 000 tours au plus)"
    if isinstance(error, TypeError | ValueError | OverflowError | IndexError | KeyError):
        return f"opération impossible dans une balise ({type(error).__name__} : {message})"
    return message
