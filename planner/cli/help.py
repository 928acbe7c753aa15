"""`--help` in the reader's language: the texts of commands and options through the catalogs.

The help texts stay English in the code (docstrings and `help=`); when the language is not
English, a command's help is made from a copy whose texts are translated, and the few words
click adds itself (headings, "[default: ...]") are put in the same language. The language is
--lang wherever it is written, else the locale's (planner.cli.options.current_lang).
`help_texts` lists the texts for the catalogs (planner.cli.extract).
"""

from __future__ import annotations

import copy
import inspect
import re
from collections.abc import Iterator

import click

from planner.cli.options import current_lang
from planner.i18n import N_, translate

# Words click writes around the texts of a command's help.
_HEADINGS = (N_("Usage:"), N_("Options:"), N_("Commands:"), N_("Examples:"), N_("Example:"))
_CLICK_TEXTS = (N_("Show this message and exit."), N_("Show the version and exit."))
_DEFAULT, _REQUIRED = N_("default:"), N_("required")


def _text(text: str | None, lang: str) -> str | None:
    return translate(lang, inspect.cleandoc(text)) if text else text


def translated(command: click.Command, lang: str) -> click.Command:
    """A copy of `command` whose help, short help and options' help are in `lang`."""
    if lang == "en":
        return command
    result = copy.copy(command)
    result.help = _text(command.help, lang)
    result.short_help = _text(command.short_help, lang)
    params = []
    for param in command.params:
        param = copy.copy(param)
        if isinstance(param, click.Option):
            param.help = _text(param.help, lang)
            if isinstance(param.show_default, str):
                param.show_default = translate(lang, param.show_default)
        params.append(param)
    result.params = params
    return result


class PlannerContext(click.Context):
    """A context whose --help speaks the reader's language."""

    def get_help(self) -> str:
        lang = current_lang(self)
        if lang == "en":
            return super().get_help()
        command = self.command
        try:
            self.command = translated(command, lang)
            text = self.command.get_help(self)
        finally:
            self.command = command
        for heading in _HEADINGS:
            text = re.sub(rf"(?m)^(\s*){re.escape(heading)}",
                          rf"\g<1>{translate(lang, heading)}", text)
        text = text.replace("[default: ", f"[{translate(lang, _DEFAULT)} ")
        for english in _CLICK_TEXTS:  # the --help and --version options click makes itself
            text = text.replace(english, translate(lang, english))
        return text.replace("[required]", f"[{translate(lang, _REQUIRED)}]")


def help_texts(command: click.Command, ctx: click.Context | None = None) -> Iterator[str]:
    """Every text --help shows of `command` and its subcommands, as the catalogs hold it."""
    ctx = ctx or click.Context(command)
    if command.help:
        yield inspect.cleandoc(command.help)
    for param in command.params:
        if isinstance(param, click.Option):
            if param.help:
                yield inspect.cleandoc(param.help)
            if isinstance(param.show_default, str):
                yield param.show_default
    if isinstance(command, click.Group):
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                yield from help_texts(sub, ctx)
