"""Choosing the reply language in the chat: «bytt språk til nynorsk», «change language to English».

The choice is the one the Slack App Home menu stores, so it holds on every platform.
It is stored at once, without a read-back, because it changes no roster data and the
reply in the new language shows what was done.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace

from core.context import Context
from core.i18n import N_, Translator
from core.messages import Outcome, Reply

logger = logging.getLogger(__name__)

LANGUAGE_RULE = re.compile(r"\b(?:språk\w*|målform\w*|language)\b", re.IGNORECASE)
LOCALE_RULES = (
    ("nn", re.compile(r"\bnynorsk\b", re.IGNORECASE)),
    ("nb", re.compile(r"\b(?:bokmål|bokmal|norwegian)\b", re.IGNORECASE)),
    ("en", re.compile(r"\b(?:engelsk|english)\b", re.IGNORECASE)),
)
HOW_TO_CHOOSE = N_(
    "Which language do you want? Write «bytt språk til bokmål», «bytt språk til nynorsk» "
    "or «change language to English»."
)
CHOSEN = N_("From now on I answer in English.")


def is_about_language(text: str) -> bool:
    """Tell whether a message names the reply language («språk», «målform», «language»)."""
    return LANGUAGE_RULE.search(text) is not None


def choose_language(context: Context, text: str) -> Outcome:
    """Store the reply language the message names, and answer in it; ask if it names none."""
    locale = next((locale for locale, rule in LOCALE_RULES if rule.search(text)), None)
    if locale is None:
        return Outcome((Reply(context._(HOW_TO_CHOOSE)),))

    context.store.languages.choose(context.actor.id, locale, actor_id=context.actor.id)
    logger.info("employee %s chose the language %s in the chat", context.actor.id, locale)
    in_new_language = replace(context, translator=Translator.for_locale(locale))
    return Outcome((Reply(in_new_language._(CHOSEN)),))
