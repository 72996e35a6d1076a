"""French help pages and usage errors for the ``csi-gen`` command.

Typer (and the Click it vendors) write their help headings, built-in option texts and
usage errors in English. The command and group classes here lay the same help out in
French and turn usage errors into a French sentence with the command to get help; they
plug into Typer through its documented ``cls=`` extension point.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import Any

from typer import _click
from typer.core import TyperCommand, TyperGroup
from typer.exceptions import Abort

from csi_gen.errors import closest, error_line

BUILTIN_HELP = {
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Install completion for the current shell.": (
        "Installe la complétion de csi-gen pour le shell courant."
    ),
    "Show completion for the current shell, to copy it or customize the installation.": (
        "Affiche le script de complétion du shell courant, pour le copier ou l'adapter."
    ),
}
EXTRAS = (("[default: ", "[par défaut : "), ("[required]", "[obligatoire]"))


def _translate(text: str) -> str:
    text = BUILTIN_HELP.get(text, text)
    for english, french in EXTRAS:
        text = text.replace(english, french)
    return text


def _format_help(command: Any, ctx: Any, formatter: Any, commands: Sequence[Any] = ()) -> None:
    pieces = " ".join(command.collect_usage_pieces(ctx))
    pieces = re.sub(r"\{([A-Z_]+)\}", r"\1", pieces)  # typer writes a required « {NAME} »
    formatter.write_usage(ctx.command_path, pieces, prefix="Utilisation : ")
    command.format_help_text(ctx, formatter)
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        row = (re.sub(r"\s*<[^>]+>$", "", record[0]), _translate(record[1]))
        (arguments if param.param_type_name == "argument" else options).append(row)
    for title, rows in (("Arguments", arguments), ("Options", options), ("Commandes", commands)):
        if rows:
            formatter.write_paragraph()
            formatter.write(f"{title} :\n")
            with formatter.indentation():
                formatter.write_dl(rows)
    command.format_epilog(ctx, formatter)


def _quote_all(values: Sequence[str]) -> str:
    quoted = [f"« {v} »" for v in values]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " ou " + quoted[-1]


def usage_message(error: Any) -> str:
    """The French wording of a Click usage error, with where to find help."""
    exceptions = _click.exceptions
    ctx = getattr(error, "ctx", None)
    message = str(getattr(error, "message", error))
    if isinstance(error, exceptions.NoSuchOption):
        text = f"option inconnue « {error.option_name} »"
        if error.possibilities:
            text += f" ; vouliez-vous dire {_quote_all(sorted(error.possibilities))} ?"
    elif isinstance(error, exceptions.MissingParameter):
        param = error.param
        kind = "argument" if param is not None and param.param_type_name == "argument" else "option"
        text = f"{kind} obligatoire manquant : « {_name(param)} »"
    elif isinstance(error, exceptions.BadParameter):
        param = error.param
        text = f"valeur invalide pour « {_name(param)} »"
        descriptor = getattr(param, "type_descriptor", None)
        choices = getattr(descriptor, "choices", None) or getattr(
            getattr(param, "type", None), "choices", None
        )
        if choices:
            text += f" ; attendu : {_quote_all([str(c) for c in choices])}"
    elif isinstance(error, exceptions.BadOptionUsage):
        text = f"l'option « {error.option_name} » attend une valeur"
    elif match := re.match(r"No such command '(.+)'\.", message):
        text = f"commande inconnue « {match.group(1)} »"
        group = ctx.command if ctx is not None else None
        names = list(getattr(group, "commands", {}))
        close = closest(match.group(1), names)
        if close:
            text += f" ; vouliez-vous dire « {close} » ?"
    elif message.startswith("Missing command"):
        text = "commande manquante"
    elif match := re.match(r"Got unexpected extra arguments? \((.*)\)", message):
        text = f"argument en trop : {match.group(1)}"
    else:
        text = f"utilisation incorrecte ({message})"
    path = ctx.command_path if ctx is not None else "csi-gen"
    end = "" if text.endswith("?") else "."
    return error_line(f"{text}{end}\nVoir « {path} --help ».")


def _name(param: Any) -> str:
    if param is None:
        return "?"
    if param.param_type_name == "argument":
        return str(param.metavar or param.name.upper())
    return " / ".join(param.opts)


def _help_option(command: Any, ctx: Any, option: Any) -> Any:
    if option is not None:
        option.help = BUILTIN_HELP["Show this message and exit."]
    return option


class FrenchCommand(TyperCommand):
    """A csi-gen command whose help is in French."""

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(self, ctx, super().get_help_option(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _format_help(self, ctx, formatter)


class FrenchGroup(TyperGroup):
    """The csi-gen group: French help, French usage errors, exit code 2 on misuse."""

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(self, ctx, super().get_help_option(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        rows = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(limit=70)))
        _format_help(self, ctx, formatter, rows)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        try:
            result = super().main(
                args,
                prog_name,
                complete_var,
                standalone_mode=False,
                windows_expand_args=windows_expand_args,
                **extra,
            )
        except _click.exceptions.NoArgsIsHelpError as error:
            if not standalone_mode:
                raise
            _click.echo(error.ctx.get_help())
            sys.exit(0)
        except _click.exceptions.UsageError as error:
            if not standalone_mode:
                raise
            _click.echo(usage_message(error), err=True)
            sys.exit(2)
        except Abort:
            if not standalone_mode:
                raise
            _click.echo("Interrompu.", err=True)
            sys.exit(1)
        if standalone_mode:
            sys.exit(result if isinstance(result, int) else 0)
        return result
