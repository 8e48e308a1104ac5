"""Greetings and thanks: messages that ask for nothing but deserve a short reply.

The command language has no intent for them, so the parser returns them as unknown
with `small_talk` set, and the core greets back or says «Bare hyggelig».
"""

from __future__ import annotations

import re

from core.commands import SmallTalk

# Bokmål, nynorsk and English greetings, each a whole phrase.
GREETING = (
    r"(?:hei(?:\s+hei)?|heisann|hallo|halla|hallois|hoi|morn|morna|god\s+(?:morgen|morgon|"
    r"dag|ettermiddag|kveld)|hi|hello|hey|good\s+(?:morning|afternoon|evening))"
)
THANKS = (
    r"(?:(?:tusen|mange|hjertelig|tusen\s+hjertelig)\s+)?takk(?:\s+(?:skal\s+du\s+ha|for\s+"
    r"(?:hjelpen|det|svaret|sist)|så\s+mye))?|thanks?(?:\s+you)?(?:\s+(?:so|very)\s+much)?|"
    r"thank\s+you|ty"
)
# A greeting or thanks may be followed by the bot's name and punctuation («Hei
# vaktbot!»), and a thanks may follow a word of praise («supert, takk :)»). «ok takk»
# is a yes to a read-back, which `nlu.replies` reads first.
TRAILING = r"(?:\s*,?\s*(?:vaktbot|du|dere|de))?[\s!.:,)(;-]*"
LEADING = r"(?:(?:supert|flott|fint|great|nice)\s*,?\s*)?"
GREETING_MESSAGE = re.compile(rf"^{GREETING}{TRAILING}$")
THANKS_MESSAGE = re.compile(rf"^{LEADING}(?:{GREETING}\s*,?\s*)?(?:{THANKS}){TRAILING}$")


def small_talk(text: str) -> SmallTalk | None:
    """Return what kind of small talk the normalised message `text` is, or None.

    Only a message that is nothing but a greeting or thanks counts, so «Hei, jeg er
    syk» is still a sick report.
    """
    phrase = text.strip()
    if THANKS_MESSAGE.match(phrase):
        return SmallTalk.THANKS
    if GREETING_MESSAGE.match(phrase):
        return SmallTalk.GREETING
    return None
