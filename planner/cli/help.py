"""`--help` in the reader's language: the texts of commands and options through the catalogs.

The help texts stay English in the code (docstrings and `help=`); when the language is not
English, a command's help is made from a copy whose texts are translated, and the few words
click adds itself (headings, "[default: ...]") are put in the same language. The language is
--lang wherever it is written (`lang_written`), else the locale's. `extract` lists the texts
for Babel.
"""

from __future__ import annotations

import copy
import inspect
import re
from collections.abc import Iterator
from typing import IO, Any

import click

from planner.i18n import LANGS, N_, lang_from_environment, translate

LANG_KEY = "planner.lang"  # where --lang is kept for help and the messages of errors
# Words click writes around the texts of a command's help.
_HEADINGS = (N_("Usage:"), N_("Options:"), N_("Commands:"), N_("Examples:"), N_("Example:"))
_CLICK_TEXTS = (N_("Show this message and exit."), N_("Show the version and exit."))
_DEFAULT, _REQUIRED = N_("default:"), N_("required")


def current_lang(ctx: click.Context | None = None) -> str:
    """The command's --lang, else the locale's language."""
    ctx = ctx or click.get_current_context(silent=True)
    return (ctx.meta.get(LANG_KEY) if ctx else None) or lang_from_environment()


def lang_written(args: list[str]) -> str | None:
    """The value of --lang among a command's arguments, wherever it is written.

    click shows --help as soon as it reads it, before a later `--lang es` is parsed, so the
    command looks for --lang itself first. An unknown value is left to click to refuse.
    """
    for index, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--lang="):
            value = arg.removeprefix("--lang=")
        else:
            continue
        return value if value in LANGS else None
    return None


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


def extract(fileobj: IO[bytes], keywords: Any, comment_tags: Any,
            options: Any) -> Iterator[tuple[Any, ...]]:
    """A Babel extractor for this file: its marked phrases, then every help text of the CLI
    (see planner/locale/babel.cfg)."""
    from babel.messages.extract import extract_python

    yield from extract_python(fileobj, keywords, comment_tags, options)
    from planner.cli import cli

    for text in dict.fromkeys(help_texts(cli)):
        yield 0, None, text, []
