"""The argument parser of every `vaktbot` command, which names a mistyped option.

argparse reports an unknown option only after its other checks, so
`vaktbot export roster --outt x.csv` reported only that --out was missing.
`CommandParser` looks for an unknown option before argparse parses the
arguments, and stops with exit status 2 and a message that names it and the
nearest option the command has («mente du --out?»).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from core.i18n import N_
from vaktbot.argparse_i18n import gettext

UNKNOWN_OPTION_WITH_SUGGESTION = N_(
    "unknown option %(option)s. Did you mean %(suggestion)s? Write for example %(example)s"
)
UNKNOWN_OPTION = N_(
    "unknown option %(option)s. This command has the options %(options)s, and --help explains them"
)


class CommandParser(argparse.ArgumentParser):
    """An `ArgumentParser` that stops on an unknown option before its other checks.

    `add_subparsers` makes every subcommand's parser a `CommandParser` too.
    """

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[argparse.Namespace, list[str]]:
        arguments = list(sys.argv[1:] if args is None else args)
        unknown = self.unknown_option(arguments)
        if unknown is not None:
            self.error(self.unknown_option_message(unknown, arguments))
        return super().parse_known_args(arguments, namespace)

    def unknown_option(self, arguments: list[str]) -> str | None:
        """Return the first option in `arguments` that this parser does not have, or None.

        A parser with subcommands looks only at the arguments before the subcommand,
        which the subcommand's own parser checks.
        """
        subcommands = self.subcommand_names()
        for argument in arguments:
            if argument == "--" or argument in subcommands:
                return None
            if not self.looks_like_option(argument):
                continue
            name = argument.split("=", 1)[0]
            if not self.has_option(name):
                return name
        return None

    def subcommand_names(self) -> set[str]:
        names: set[str] = set()
        for action in self._actions:
            if isinstance(action, argparse._SubParsersAction):
                names.update(action.choices)
        return names

    def looks_like_option(self, argument: str) -> bool:
        """Tell whether argparse reads `argument` as an option rather than as a value.

        This follows `ArgumentParser._parse_optional`: a lone «-», a negative number
        and a text with a space are values.
        """
        if len(argument) < 2 or argument[0] not in self.prefix_chars or " " in argument:
            return False
        negative_number = self._negative_number_matcher.match(argument) is not None
        return not negative_number or bool(self._has_negative_number_optionals)

    def has_option(self, name: str) -> bool:
        """Tell whether `name` is one of this parser's options, or a unique start of one."""
        if name in self._option_string_actions:
            return True
        if not self.allow_abbrev or not name.startswith("--"):
            return False
        return any(option.startswith(name) for option in self.option_names())

    def option_names(self) -> list[str]:
        """Return the parser's long options («--out»), or its short ones if it has none."""
        options = list(self._option_string_actions)
        long_options = [option for option in options if option.startswith("--")]
        return long_options or options

    def unknown_option_message(self, unknown: str, arguments: list[str]) -> str:
        """Return the message naming `unknown` and the nearest option, or all options."""
        options = self.option_names()
        suggestion = nearest_option(unknown, options)
        if suggestion is None:
            return gettext(UNKNOWN_OPTION, option=unknown, options=", ".join(options))
        corrected = [corrected_argument(argument, unknown, suggestion) for argument in arguments]
        example = " ".join([self.prog, *corrected])
        return gettext(
            UNKNOWN_OPTION_WITH_SUGGESTION, option=unknown, suggestion=suggestion, example=example
        )


def corrected_argument(argument: str, unknown: str, suggestion: str) -> str:
    """Return `argument` with `unknown` replaced by `suggestion`, keeping any «=value»."""
    if argument.split("=", 1)[0] != unknown:
        return argument
    return suggestion + argument[len(unknown) :]


def nearest_option(unknown: str, options: list[str]) -> str | None:
    """Return the option that `unknown` most likely misspells, or None if none is near.

    An option written short and then mistyped («--tme» for «--time-limit») is near
    the start of the option, so each start about as long as `unknown` counts too.
    """
    from nlu.parser import allowed_distance, edit_distance

    name = unknown.lstrip("-")
    nearest, nearest_distance = None, allowed_distance(name) + 1
    for option in options:
        target = option.lstrip("-")
        lengths = (len(name) - 1, len(name), len(name) + 1)
        starts = {target[:length] for length in lengths if 0 < length < len(target)}
        distance = min(edit_distance(name, candidate) for candidate in {target, *starts})
        if distance < nearest_distance:
            nearest, nearest_distance = option, distance
    return nearest
