"""Help, greetings, thanks, and the reply to a message that is not understood."""

from __future__ import annotations

import pytest

from tests.core.ward_cast import SeededWard, texts

GREETING_REPLIES = {
    "nb": (
        "Hei, Kari! Jeg er vaktbot, og jeg hjelper deg med vaktene dine. Skriv for eksempel "
        "«Jeg er syk i dag», «Kan ikke jobbe fredag» eller «Når jobber jeg neste uke?». Skriv "
        "«hjelp» for å se alt jeg kan."
    ),
    "nn": (
        "Hei, Kari! Eg er vaktbot, og eg hjelper deg med vaktene dine. Skriv til dømes «Eg er "
        "sjuk i dag», «Kan ikkje jobbe fredag» eller «Når jobbar eg neste veke?». Skriv «hjelp» "
        "for å sjå alt eg kan."
    ),
    "en": (
        "Hi, Kari! I am vaktbot, and I help you with your shifts. Write for example «Jeg er syk "
        "i dag», «Kan ikke jobbe fredag» or «Når jobber jeg neste uke?». Write «help» to see "
        "everything I can do."
    ),
}
THANKS_REPLIES = {"nb": "Bare hyggelig!", "nn": "Berre hyggeleg!", "en": "You're welcome!"}


@pytest.mark.parametrize("locale", ["nb", "nn", "en"])
@pytest.mark.parametrize("greeting", ["hei", "Hallo!", "God morgen", "Hei vaktbot 👋", "hello"])
def test_greeting_is_answered_with_short_help(
    test_ward: SeededWard, locale: str, greeting: str
) -> None:
    """A greeting gets a greeting back and three things to write, not «not understood»."""
    outcome = test_ward.say_in(locale, "Kari Nordmann", greeting)

    assert texts(outcome) == [GREETING_REPLIES[locale]]


@pytest.mark.parametrize("locale", ["nb", "nn", "en"])
@pytest.mark.parametrize("thanks", ["takk", "Tusen takk!", "Takk for hjelpen :)", "supert, takk"])
def test_thanks_is_answered_briefly(test_ward: SeededWard, locale: str, thanks: str) -> None:
    """A thanks gets «Bare hyggelig!» and nothing more."""
    outcome = test_ward.say_in(locale, "Kari Nordmann", thanks)

    assert texts(outcome) == [THANKS_REPLIES[locale]]


def test_thanks_leaves_a_read_back_open(test_ward: SeededWard) -> None:
    """«Takk» while a read-back waits is answered, and «ja» after it still confirms."""
    test_ward.say("Kari Nordmann", "Kan ikke jobbe fredag")

    thanked = texts(test_ward.say("Kari Nordmann", "takk"))
    confirmed = texts(test_ward.say("Kari Nordmann", "ja"))

    assert thanked[0] == "Bare hyggelig!"
    assert confirmed[0].startswith("Registrert.")


NOT_UNDERSTOOD = [
    pytest.param(
        "nb",
        "Blah Kaffemaskinen er  ØDELAGT",
        "Jeg forsto ikke «Blah Kaffemaskinen er ØDELAGT».",
        id="nb-case-kept",
    ),
    pytest.param(
        "nn",
        "Kaffimaskina er øydelagd",
        "Eg forstod ikkje «Kaffimaskina er øydelagd».",
        id="nn",
    ),
    pytest.param(
        "en",
        "The coffee machine\nis BROKEN",
        "I did not understand «The coffee machine is BROKEN».",
        id="en-one-line",
    ),
    pytest.param(
        "nb",
        "Kan du fortelle meg hvorfor kaffemaskinen på vaktrommet har vært ødelagt så lenge?",
        "Jeg forsto ikke «Kan du fortelle meg hvorfor kaffemaskinen på vaktrommet har…».",
        id="nb-shortened",
    ),
]


@pytest.mark.parametrize(("locale", "text", "expected"), NOT_UNDERSTOOD)
def test_unknown_message_is_quoted_as_written(
    test_ward: SeededWard, locale: str, text: str, expected: str
) -> None:
    """The reply quotes the message as the user wrote it, on one line and cut when long."""
    (reply,) = texts(test_ward.say_in(locale, "Kari Nordmann", text))

    assert reply.splitlines()[0] == expected
