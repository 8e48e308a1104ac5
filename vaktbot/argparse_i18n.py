"""argparse's own texts («usage:», «error:», «invalid choice») from vaktbot's catalogs.

CPython's argparse marks its texts for GNU gettext with `from gettext import gettext
as _, ngettext` (Lib/argparse.py, 3.11 to 3.13) and looks both names up each time it
formats a text. `argparse_translated` points them at vaktbot's catalogs for the time
of a `with` block and then puts the originals back, so that no other parser in the
process changes. A text that the catalogs lack stays in English.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from core.i18n import N_, Translator

# The texts argparse shows a user, spelt exactly as in Lib/argparse.py. Texts that only
# a programmer who builds a parser wrongly can see are left out.
ARGPARSE_MESSAGES = (
    N_("usage: "),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("unknown parser %(parser_name)r (choices: %(choices)s)"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("unexpected option string: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    # argparse picks one of these two with ngettext; see `_translate_plural`.
    N_("expected %s argument"),
    N_("expected %s arguments"),
)


def cli_translator() -> Translator:
    """Return the translator of the command line, which speaks bokmål like every operator text."""
    return Translator.for_locale(None)


def gettext(message: str, **params: Any) -> str:
    """Return `message` in the command line's language, with `params` filled in if given.

    Without `params` the placeholders stay as they are, for argparse to fill in.
    """
    return cli_translator().gettext(message, **params)


# argparse's gettext names are not in its type stubs, so the module is reached untyped.
_ARGPARSE_MODULE: Any = argparse


@contextmanager
def argparse_translated() -> Iterator[None]:
    """Let argparse write its own texts in the command line's language inside the block."""
    saved_gettext = getattr(argparse, "_", None)
    saved_ngettext = getattr(argparse, "ngettext", None)
    if saved_gettext is None or saved_ngettext is None:
        # NOTE: an argparse that imports gettext differently keeps its English texts.
        yield
        return
    _ARGPARSE_MODULE._ = _translate
    _ARGPARSE_MODULE.ngettext = _translate_plural
    try:
        yield
    finally:
        _ARGPARSE_MODULE._ = saved_gettext
        _ARGPARSE_MODULE.ngettext = saved_ngettext


def _translate(message: str | None) -> str | None:
    # argparse passes None for a missing subparser description.
    if message is None:
        return None
    return gettext(message)


def _translate_plural(singular: str, plural: str, count: int) -> str:
    # Bokmål, nynorsk and English all use the singular for exactly one.
    return gettext(singular if count == 1 else plural)
