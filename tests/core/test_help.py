"""Help, greetings, thanks, and the reply to a message that is not understood."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from core.actions.help import EXAMPLES, GREETING_EXAMPLES
from core.commands import Intent, ParseProblem, ShiftKind
from core.i18n import N_, Translator
from nlu import parse
from tests.core.ward_cast import SeededWard, noon_today, texts

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
        "Hi, Kari! I am vaktbot, and I help you with your shifts. Write for example «I am sick "
        "today», «I can't work Friday» or «When do I work next week?». Write «help» to see "
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


HELP_IN_ENGLISH = """\
You can write to me in English or Norwegian, for example:
  • «I am sick today», «Vacation 1–14 July», «Course on Tuesday»
  • «I can't work Friday», «Can't take night shifts in week 3»
  • «I can take extra shifts this weekend»
  • «I would like Christmas Eve off», «I'd like night shifts in February»
  • «Can I swap my night shift on Friday with Kari?»
  • «Can someone take my evening shift on Saturday?»
  • «I'll take the open shift on 14 January», «I take 57»
  • «Withdraw request 42»
  • «Show pending swaps»
  • «When do I work next week?»
  • «Who has the night shift on Saturday?»
  • «What data do you have about me?»
  • «Make a roster for weeks 3–8», «Publish the roster»
  • «Export the roster», «Export the roster for weeks 10–15»
I always read back what I understood before I change anything."""


def test_english_help_gives_english_examples(test_ward: SeededWard) -> None:
    """The planner who chose English gets English examples, and none in Norwegian."""
    (reply,) = texts(test_ward.say_in("en", "Turid Lie", "help"))

    assert reply == HELP_IN_ENGLISH


# The intents an example line stands for, one per quoted example, where they differ from
# the line's own intent.
EXAMPLE_INTENTS = {
    Intent.APPROVE_REQUEST: (Intent.APPROVE_REQUEST, Intent.REJECT_REQUEST),
    Intent.GENERATE_ROSTER: (Intent.GENERATE_ROSTER, Intent.PUBLISH_ROSTER),
}


def quoted_examples(text: str) -> list[str]:
    return re.findall(r"«([^»]+)»", text)


def parsed_intents(examples: list[str], locale: str) -> list[tuple[Intent, ParseProblem | None]]:
    """Return the intent and problem the parser finds in each example, read as `locale`."""
    commands = [parse(example, noon_today(), lang=locale) for example in examples]
    return [(command.intent, command.problem) for command in commands]


@pytest.mark.parametrize("locale", ["nb", "nn", "en"])
@pytest.mark.parametrize("intent", list(EXAMPLES), ids=str)
def test_help_examples_parse_in_their_language(locale: str, intent: Intent) -> None:
    """Each example of a help line is a whole command the parser reads in that language."""
    examples = quoted_examples(Translator.for_locale(locale).gettext(EXAMPLES[intent]))
    expected_intents = EXAMPLE_INTENTS.get(intent, (intent,) * len(examples))

    assert examples
    assert parsed_intents(examples, locale) == [(expected, None) for expected in expected_intents]


GREETING_AND_HINT_EXAMPLES = [
    pytest.param(
        GREETING_EXAMPLES,
        (Intent.REGISTER_ABSENCE, Intent.REGISTER_UNAVAILABILITY, Intent.SHOW_SCHEDULE),
        id="greeting",
    ),
    pytest.param(
        N_(
            "I have not registered anything, because the message says that you are not "
            "absent. To report an absence, write for example «I am sick tomorrow»."
        ),
        (Intent.REGISTER_ABSENCE,),
        id="negated-absence",
    ),
]


@pytest.mark.parametrize("locale", ["nb", "nn", "en"])
@pytest.mark.parametrize(("message", "expected_intents"), GREETING_AND_HINT_EXAMPLES)
def test_greeting_and_hint_examples_parse(
    locale: str, message: str, expected_intents: tuple[Intent, ...]
) -> None:
    """The greeting and the hints after a misunderstanding give examples that work as typed."""
    examples = quoted_examples(Translator.for_locale(locale).gettext(message))

    assert parsed_intents(examples, locale) == [(intent, None) for intent in expected_intents]


@pytest.mark.parametrize("locale", ["nb", "nn", "en"])
def test_date_problem_examples_parse(test_ward: SeededWard, locale: str) -> None:
    """The examples after a date that does not exist name a real day, in the user's language."""
    (reply,) = texts(test_ward.say_in(locale, "Kari Nordmann", "35.5"))

    examples = quoted_examples(reply)[1:]

    assert parsed_intents(examples, locale) == [
        (Intent.REGISTER_ABSENCE, None),
        (Intent.REGISTER_UNAVAILABILITY, None),
    ]
    assert [parse(example, noon_today(), lang=locale).dates[0].start for example in examples] == [
        dt.date(2027, 5, 25),
        dt.date(2027, 5, 25),
    ]


SHIFT_COUNT_LIMIT_REPLY = (
    "Jeg kan ikke lagre en grense for hvor mange vakter du jobber per uke eller måned, så jeg "
    "har ikke registrert noe. Det er planleggeren som setter slike grenser, så snakk med "
    "planleggeren om det. I chatten kan du skrive dagene du ikke kan jobbe, for eksempel «Kan "
    "ikke jobbe natt 15. januar», eller vaktene du helst ikke vil ha, for eksempel «Ønsker "
    "ikke nattevakt fredag»."
)


@pytest.mark.parametrize(
    "message",
    [
        pytest.param("Kan ikke jobbe mer enn to netter per uke i januar", id="more than, month"),
        pytest.param("vil ikke ha mer enn to netter per uke", id="wish"),
        pytest.param("maks to netter i uka", id="maks"),
    ],
)
def test_shift_count_limit_registers_nothing(test_ward: SeededWard, message: str) -> None:
    """A limit on nights per week is explained, not read back as days, and leaves no question."""
    limit_reply = texts(test_ward.say("Kari Nordmann", message))
    yes_reply = texts(test_ward.say("Kari Nordmann", "ja"))

    assert limit_reply == [SHIFT_COUNT_LIMIT_REPLY]
    assert yes_reply == ["Ingenting venter på svar fra deg nå."]


@pytest.mark.parametrize("locale", ["nb", "nn", "en"])
def test_shift_count_limit_examples_parse(test_ward: SeededWard, locale: str) -> None:
    """The examples after a shift count limit register a night, in the user's language."""
    (reply,) = texts(test_ward.say_in(locale, "Kari Nordmann", "maks to netter i uka"))

    examples = quoted_examples(reply)

    assert parsed_intents(examples, locale) == [
        (Intent.REGISTER_UNAVAILABILITY, None),
        (Intent.REGISTER_WISH, None),
    ]
    assert [parse(example, noon_today(), lang=locale).shift for example in examples] == [
        ShiftKind.NIGHT,
        ShiftKind.NIGHT,
    ]
