"""Translations: complete catalogs, matching placeholders, dates written out in full."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from core.i18n import SUPPORTED_LOCALES, Translator, normalise_locale

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd.0-9f]*|%%")


def catalog(locale: str) -> Catalog:
    with (ROOT / "locales" / locale / "LC_MESSAGES" / "vaktbot.po").open("rb") as po_file:
        return read_po(po_file, locale=locale)


def message_id(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def translations(message: Message) -> list[str]:
    return [message.string] if isinstance(message.string, str) else list(message.string)


def extracted_messages(tmp_path: Path) -> set[str]:
    """Return every message marked in the code, by running Babel's extractor."""
    template = tmp_path / "vaktbot.pot"
    command = [
        sys.executable,
        "-m",
        "babel.messages.frontend",
        "extract",
        "--no-location",
        "-F",
        "babel.cfg",
        "-k",
        "N_",
        "-k",
        "gettext",
        "-k",
        "ngettext:1,2",
        "-k",
        "ngettext_noop:1,2",
        "-o",
        str(template),
        ".",
    ]
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
    with template.open("rb") as pot_file:
        return {message_id(message) for message in read_po(pot_file) if message.id}


@pytest.mark.parametrize("locale", ["nb", "nn"])
def test_every_message_is_translated(locale: str, tmp_path: Path) -> None:
    """Bokmål and nynorsk have a translation for every message in the code."""
    translated = {
        message_id(message)
        for message in catalog(locale)
        if message.id and all(translations(message))
    }

    missing = sorted(extracted_messages(tmp_path) - translated)

    assert missing == []


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_translations_keep_placeholders(locale: str) -> None:
    """A translation uses exactly the placeholders of its message."""
    mismatches = []
    for message in catalog(locale):
        if not message.id or not all(translations(message)):
            continue
        source = message.id if isinstance(message.id, str) else message.id[1]
        target = translations(message)[-1]
        if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(target)):
            mismatches.append(source)

    assert mismatches == []


# Bokmål words that nynorsk spells otherwise (eg, ikkje, nokon, kva, kven, sjuk, veke,
# tek, ventande, morgon, frå). A nynorsk reply that contains one quotes a bokmål example.
BOKMAL_ONLY_WORDS = re.compile(
    r"\b(?:jeg|ikke|noen|hva|hvem|hvilke|hvilken|syk|sykt|uke|uka|uken|tar|ventende|morgen"
    r"|fra)\b",
    re.IGNORECASE,
)


def test_nynorsk_replies_quote_nynorsk_examples() -> None:
    """No nynorsk reply quotes an example sentence in bokmål, such as «Jeg tar 42»."""
    bokmal_texts = [
        text
        for message in catalog("nn")
        if message.id
        for text in translations(message)
        if BOKMAL_ONLY_WORDS.search(text)
    ]

    assert bokmal_texts == []


# An infinitive after «å» or a modal verb. «ha» and «ta» have no e-form, and the
# past participles («er endra», «vart kopla») follow no such word.
NYNORSK_A_INFINITIVE = re.compile(
    r"\b(?:å|kan|kunne|må|skal|vil|bør)\s+(?:ikkje\s+)?(?!ha\b|ta\b)(\w+a)\b"
)


def test_nynorsk_uses_e_infinitives() -> None:
    """The nynorsk catalog writes e-infinitives throughout («publisere», «sende»)."""
    a_infinitives = [
        match.group(0)
        for message in catalog("nn")
        if message.id
        for text in translations(message)
        for match in NYNORSK_A_INFINITIVE.finditer(text)
    ]

    assert a_infinitives == []


def test_nynorsk_uses_gjev() -> None:
    """The nynorsk catalog writes «gjev», not the bokmål «gir», in every message."""
    gir_texts = [
        text
        for message in catalog("nn")
        if message.id
        for text in translations(message)
        if re.search(r"\bgir\b", text, re.IGNORECASE)
    ]

    assert gir_texts == []
    assert (
        "gjev beskjed til alle"
        in catalog("nn")
        .get("Publishing the roster from %(start)s to %(end)s, and telling everyone on it.")
        .string
    )


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("nb", "fredag 8. januar"), ("nn", "fredag 8. januar"), ("en", "Friday 8 January")],
)
def test_dates_are_written_out(locale: str, expected: str) -> None:
    """A read-back writes the weekday and the month in words."""
    actual = Translator(locale).date(dt.date(2027, 1, 8), today=dt.date(2027, 1, 6))

    assert actual == expected


def test_another_year_is_named() -> None:
    """A date in another year than today's carries the year."""
    actual = Translator("nb").date(dt.date(2028, 1, 8), today=dt.date(2027, 12, 20))

    assert actual == "lørdag 8. januar 2028"


@pytest.mark.parametrize(
    ("requested", "expected"),
    [
        (None, "nb"),
        ("nb-NO", "nb"),
        ("no", "nb"),
        ("nn_NO", "nn"),
        ("en-GB", "en"),
        ("de-DE", "nb"),
        ("", "nb"),
    ],
)
def test_locales_are_normalised(requested: str | None, expected: str) -> None:
    """Platform locales map to nb, nn or en, with bokmål as the default."""
    assert normalise_locale(requested) == expected


def test_year_is_named_on_request() -> None:
    """A past day of this year may carry its year, so that «1. januar» in December is clear."""
    actual = Translator("nb").date(dt.date(2026, 1, 1), today=dt.date(2026, 12, 5), with_year=True)

    assert actual == "torsdag 1. januar 2026"


NBSP = "\N{NO-BREAK SPACE}"


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        pytest.param("nb", f"2{NBSP}100", id="nb"),
        pytest.param("nn", f"2{NBSP}100", id="nn"),
        pytest.param("en", "2,100", id="en"),
    ],
)
def test_numbers_group_thousands(locale: str, expected: str) -> None:
    """A number above 999 is grouped as the language does: a non-breaking space in Norwegian."""
    assert Translator(locale).number(2100) == expected


def test_numbers_below_thousand_are_not_grouped() -> None:
    """Three digits stay as they are, and decimals follow the language."""
    assert Translator("nb").number(999) == "999"
    assert Translator("nb").number(11.56, decimals=1) == "11,6"


def test_counted_messages_group_their_count() -> None:
    """The count of a singular/plural message is written like any other number."""
    text = Translator("nb").ngettext(
        "Imported %(count)s employee to %(unit)s.",
        "Imported %(count)s employees to %(unit)s.",
        1250,
        unit="Sengepost 3B",
    )

    assert text == f"Importerte 1{NBSP}250 ansatte til Sengepost 3B."


# Replies that tell the user what to write, with the commands their examples stand for.
REPLY_EXAMPLES = [
    (
        "Which request do you want to approve? Write its number, for example «Godkjenn 42». "
        "«Vis ventende bytter» lists them.",
        ("approve_request", "list_requests"),
    ),
    (
        "Which request do you want to reject? Write its number, for example «Avslå 42». «Vis "
        "ventende bytter» lists them.",
        ("reject_request", "list_requests"),
    ),
    (
        "Which request do you want to withdraw? Write its number, for example «Trekk tilbake "
        "42». «Vis ventende bytter» lists them.",
        ("cancel_request", "list_requests"),
    ),
    (
        "Which request? Write its number, for example «Godkjenn 42». «Vis ventende bytter» "
        "lists them.",
        ("approve_request", "list_requests"),
    ),
    (
        "Which shift do you want to give away? Write the day, for example «Kan noen ta vakta "
        "mi lørdag?».",
        ("offer_shift",),
    ),
    (
        "Which shift do you want to take? Write the day or the request number, for example "
        "«jeg tar den ledige vakta 14. januar».",
        ("take_shift",),
    ),
    (
        "Which of your shifts do you want to swap? Write the day, for example «bytte fredag "
        "med Ola».",
        ("request_swap",),
    ),
    (
        "Who do you want to swap with? Write the colleague's name, for example «bytte fredag "
        "med Ola».",
        ("request_swap",),
    ),
    (
        "%(requester)s asks you: %(request)s. Do you accept? You can also write «ja til bytte "
        "%(id)s» or «nei til bytte %(id)s».",
        ("approve_request", "reject_request"),
    ),
    (
        "%(requester)s offers their %(code)s shift on %(day)s. Write «jeg tar %(id)s» to take it.",
        ("take_shift",),
    ),
    (
        "Request #%(id)s: your %(code)s shift on %(day)s is offered. A colleague takes it by "
        "writing «jeg tar %(id)s»; then a manager decides.",
        ("take_shift",),
    ),
    (
        "You cannot take your own shift. Write «trekk tilbake %(id)s» to withdraw the offer.",
        ("cancel_request",),
    ),
    (
        "I could not find request #%(request_id)s. «Vis ventende bytter» lists the requests "
        "you can see, with their numbers.",
        ("list_requests",),
    ),
    (
        "%(name)s has not offered a shift on %(day)s. Write «vis ventende bytter» to see the "
        "shifts you can take.",
        ("list_requests",),
    ),
    (
        "No colleague offers a shift on %(day)s, and no shift is open then. Write «vis "
        "ventende bytter» to see the shifts you can take.",
        ("list_requests",),
    ),
    (
        "Only a planner or a manager can get the roster as a file. To see your own shifts, "
        "write for example «når jobber jeg neste uke?».",
        ("show_schedule",),
    ),
    ("The roster is a draft. Write «publiser turnusen» to publish it.", ("publish_roster",)),
    ("There is no draft roster to publish. Write «lag turnus» first.", ("generate_roster",)),
    (
        "Here is the draft roster from %(start)s to %(end)s as a CSV file. It is not "
        "published yet: write «publiser turnusen» to publish it.",
        ("publish_roster",),
    ),
    (
        "What kind of absence? For example «syk», «ferie» or «kurs».",
        ("register_absence", "register_absence", "register_absence"),
    ),
    ("%(code)s offered by %(name)s: write «jeg tar %(id)s»", ("take_shift",)),
    (
        "A roster can cover at most 26 weeks. Write a shorter period, for example «lag turnus "
        "for uke 3–8».",
        ("generate_roster",),
    ),
    (
        "%(unit)s has no draft or published roster yet, so there is no file to send. A planner "
        "makes one with for example «lag turnus for uke 3–8».",
        ("generate_roster",),
    ),
    ("«eksporter turnusen fra %(day)s»", ("export_roster",)),
    ("To plan the next period instead, answer «nei, uke %(weeks)s».", ("amend",)),
    (
        "%(unit)s has no draft or published roster to improve yet. Write «lag turnus» to plan "
        "the next period, week %(weeks)s.",
        ("generate_roster",),
    ),
    (
        "There is no draft to improve. The roster from %(start)s to %(end)s is published, and I "
        "do not plan a published roster again, because the staff have their shifts. It changes "
        "through swaps, open shifts and the repairs I propose after absences, which a manager "
        "approves. Write %(export)s to get it as a file, or «lag turnus» to plan the next "
        "period, week %(weeks)s.",
        ("export_roster", "generate_roster"),
    ),
    (
        "For which period? I register recurring days only within a period. Write for example "
        "«Kan ikke jobbe mandager i januar» or «Ønsker fri i helgene uke 10–14».",
        ("register_unavailability", "register_wish"),
    ),
    (
        "Repair proposal #%(request_id)s comes from vaktbot, so nobody withdraws it. A manager "
        "approves it with «godkjenn %(request_id)s» or rejects it with «avslå %(request_id)s».",
        ("approve_request", "reject_request"),
    ),
    (
        "Repair proposal #%(request_id)s no longer fits the roster: %(reason)s Nothing was "
        "changed, and the proposal is closed. Write «vis ventende bytter» to see the open "
        "shifts.",
        ("list_requests",),
    ),
    (
        "Request #%(request_id)s is already taken by a colleague, and a manager decides it now."
        " «Vis ventende bytter» lists the shifts you can still take.",
        ("list_requests",),
    ),
    (
        "Request #%(request_id)s is not a swap: %(name)s gives away the %(code)s shift on "
        "%(day)s, so you need not answer it. To take it, write «jeg tar %(request_id)s».",
        ("take_shift",),
    ),
    (
        "Request #%(request_id)s is not a swap: %(name)s gives away the %(code)s shift on "
        "%(day)s. To take it, write «jeg tar %(request_id)s».",
        ("take_shift",),
    ),
    (
        "There is no request #%(request_id)s for you to answer. «Vis ventende bytter» lists the"
        " requests you can answer, with their numbers. Other requests are approved by the "
        "manager of %(unit)s.",
        ("list_requests",),
    ),
    (
        "There is no request #%(request_id)s for you to answer. «Vis ventende bytter» lists the"
        " requests you can answer, with their numbers. Other requests are rejected by the "
        "manager of %(unit)s.",
        ("list_requests",),
    ),
    (
        "To get a new file, write the request again in this chat: «eksporter mine data» for "
        "your own data, or «eksporter turnusen» for the roster's file (planners and managers).",
        ("my_data", "export_roster"),
    ),
    (
        "Until which day? Write the last day too, for example «ferie fra 1. juli til 14. juli».",
        ("register_absence",),
    ),
    (
        "Write «godkjenn %(request_id)s» to apply it, or «avslå %(request_id)s» to reject it. "
        "If you reject it, the roster stays as it is, and I look for another repair of the "
        "shifts it covers.",
        ("approve_request", "reject_request"),
    ),
    (
        "You already have an open request for this shift: %(request)s. Wait for it to be "
        "decided, or withdraw it with «trekk tilbake %(id)s».",
        ("cancel_request",),
    ),
    (
        "You have already asked for %(absence)s %(dates)s, and request #%(id)s is waiting for a"
        " manager. Write «trekk tilbake %(id)s» to withdraw it first if you want other days.",
        ("cancel_request",),
    ),
    (
        "You have asked for %(absence)s %(dates)s in request #%(id)s, which is waiting for a "
        "manager, so it is only for the other days. Write «trekk tilbake %(id)s» if you would "
        "rather work then.",
        ("cancel_request",),
    ),
    (
        "You have asked for %(absence)s %(dates)s, and request #%(id)s is waiting for a "
        "manager, so I have not registered anything. If you would rather work then, withdraw "
        "the request first with «trekk tilbake %(id)s», and then write your message again.",
        ("cancel_request",),
    ),
    (
        "Your request for %(absence)s %(dates)s is not approved yet, so nothing is registered. "
        "Write «trekk tilbake %(id)s» to withdraw request #%(id)s.",
        ("cancel_request",),
    ),
    (
        "%(day)s is too far ahead for sick leave: it can be registered up to %(days)s days "
        "ahead. For planned absence, such as an operation, write «permisjon» and the dates, "
        "and a leader decides.",
        ("register_absence",),
    ),
    (
        "%(day)s is too far back: sick leave can be reported up to %(days)s days back. Write "
        "a day from %(earliest)s on, for example «syk i går».",
        ("register_absence",),
    ),
    (
        "%(name)s has no shift on %(day)s or in the week before or after it, so there is no "
        "shift to swap with. To give your %(mine)s shift away, write «Kan noen ta vakta mi "
        "%(short_day)s?».",
        ("offer_shift",),
    ),
    (
        "%(name)s has no shift on %(day)s, so you cannot swap shifts that day. Which of their"
        " shifts do you want in return for your %(mine)s shift? %(name)s works %(shifts)s. "
        "Write for example «Vil bytte %(mine_kind)s-vakt %(short_day)s mot %(name)s sin "
        "%(their_kind)s-vakt %(their_short_day)s».",
        ("request_swap",),
    ),
    (
        "None of the unit's shifts falls %(part)s, so there is nothing to register. To "
        "register the whole day, write for example «kan ikke jobbe %(day)s».",
        ("register_unavailability",),
    ),
    (
        "The roster %(dates)s is already published, so a wish can no longer be planned for. "
        "To work then, take an open shift, for example «Jeg tar den ledige vakta "
        "%(example)s», or write «Kan jobbe %(example)s» to offer extra work.",
        ("take_shift", "register_availability"),
    ),
    (
        "The roster %(dates)s is already published, so a wish can no longer be planned for. "
        "You have shifts then: %(shifts)s. Ask a colleague to take one, for example «Kan noen"
        " ta vakta mi %(example)s?», or talk to your manager.",
        ("offer_shift",),
    ),
    (
        "The roster from %(start)s to %(end)s is already published, so there is nothing new "
        "to publish. To plan the weeks after it, write for example «lag turnus for uke "
        "%(week)s».",
        ("generate_roster",),
    ),
    (
        "To plan other weeks, answer for example «nei, uke %(weeks)s».",
        ("amend",),
    ),
    (
        "Write the whole period to change the end, for example «syk fra i dag til fredag», or"
        " write «friskmeldt fra mandag» when you are well again.",
        ("register_absence", "unknown"),
    ),
    (
        "You are not in the rota, because your position is %(position)s. Your working hours "
        "are not in the roster, so the rules on rest and working hours cannot be checked for "
        "a shift you take. Ask a colleague in the rota to take it: «vis ventende bytter» "
        "lists the open shifts. To work shifts yourself, ask an administrator to change your "
        "position (stilling) in the HR file.",
        ("list_requests",),
    ),
    (
        "You have published shifts then: %(shifts)s. Agree time off on those days with your "
        "manager, or ask a colleague to take them, for example «Kan noen ta vakta mi "
        "%(example)s?». Then register it again.",
        ("offer_shift",),
    ),
    (
        "Your published shifts stay yours: %(shifts)s. The days they cover, %(days)s, are "
        "left out of the registration. To be free then, ask a colleague to take the shift, "
        "for example «Kan noen ta vakta mi %(example)s?», or agree it with your manager.",
        ("offer_shift",),
    ),
    (
        "%(name)s has no shift on %(day)s, and every swap with one of their shifts in the week "
        "before or after it would break a rule. To give your %(mine)s shift away, write «Kan "
        "noen ta vakta mi %(short_day)s?».",
        ("offer_shift",),
    ),
    (
        "I do not know that button, or it has expired, so nothing was changed. Write what you "
        "want instead, for example «vis ventende bytter», or «hjelp» to see what I can do.",
        ("list_requests", "help"),
    ),
    (
        "Request %(request)s would give you a shift you cannot work, and only a manager can "
        "stop it now. Tell your manager, who can reject it with «avslå %(id)s».",
        ("reject_request",),
    ),
    (
        "The shift now needs cover. To take it, write «Jeg tar den ledige vakta %(example)s».",
        ("take_shift",),
    ),
    (
        "You have no unavailability registered %(dates)s, so there is nothing to withdraw. To "
        "offer to work extra, write for example «Kan jobbe ekstra %(day)s».",
        ("register_availability",),
    ),
    # The first quote is the user's own time range, «-» in these parameters.
    (
        "«%(written)s» ends before it starts, so I have not registered anything. Write the "
        "earlier time first, for example «Kan ikke jobbe fredag fra kl 15 til 17». For the "
        "morning and the evening of one day, write for example «Kan ikke jobbe fredag før kl 7 "
        "eller etter kl 20».",
        ("unknown", "register_unavailability", "register_unavailability"),
    ),
    (
        "«%(written)s» starts and ends at the same time, so I have not registered anything. "
        "Write two different times, for example «Kan ikke jobbe fredag fra kl 15 til 17», or "
        "one, for example «Kan ikke jobbe fredag etter kl 15».",
        ("unknown", "register_unavailability", "register_unavailability"),
    ),
]
REPLY_PARAMS = {
    "id": "42",
    "request_id": "42",
    "requester": "Per Hansen",
    "request": "-",
    "name": "Kari Nordmann",
    "code": "D",
    "day": "-",
    "start": "-",
    "end": "-",
    "unit": "Nordvik sykehjem",
    "reason": "-",
    "numbers": "#42",
    "example_id": "42",
    "absence": "-",
    "dates": "-",
    "days": "3",
    "earliest": "-",
    "mine": "D",
    "shifts": "-",
    "mine_kind": "D",
    "their_kind": "A",
    "part": "-",
    "week": "10",
    "weeks": "10–15",
    "export": "«eksporter turnusen fra 4.1.2027»",
    "position": "-",
    "written": "-",
}


def reply_params(locale: str) -> dict[str, str]:
    """Return the parameters of the replies, with days written as `locale` writes them."""
    translator = Translator.for_locale(locale)
    day = translator.day_month(dt.date(2027, 1, 9))
    later_day = translator.day_month(dt.date(2027, 1, 11))
    return {
        **REPLY_PARAMS,
        "day": day,
        "example": day,
        "short_day": day,
        "their_short_day": later_day,
    }


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize(
    ("message", "expected_intents"),
    REPLY_EXAMPLES,
    ids=[message[:40] for message, _ in REPLY_EXAMPLES],
)
def test_reply_examples_parse_in_their_language(
    locale: str, message: str, expected_intents: tuple[str, ...]
) -> None:
    """A reply's quoted examples are commands the parser reads in the reply's language."""
    from nlu import parse

    now = dt.datetime(2027, 1, 6, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    params = reply_params(locale)
    text = Translator.for_locale(locale).gettext(message, **params)
    examples = re.findall(r"«([^»]+)»", text)

    intents = [parse(example, now, lang=locale).intent.value for example in examples]

    assert intents == list(expected_intents)
    # The source messages quote Norwegian examples, so English needs its own text.
    assert locale != "en" or text != message % params


# Counted replies, each as its singular and plural message, with the commands of its examples.
COUNTED_REPLY_EXAMPLES = [
    (
        "The manager sees the other one with «vis ventende bytter».",
        "The manager sees the other %(count)s with «vis ventende bytter».",
        ("list_requests",),
    ),
    (
        "Write «vis ventende bytter» to see the other one.",
        "Write «vis ventende bytter» to see the other %(count)s.",
        ("list_requests",),
    ),
    (
        "You can withdraw your own waiting request %(numbers)s: write «trekk tilbake "
        "%(example_id)s».",
        "You can withdraw your own waiting requests %(numbers)s: write for example «trekk "
        "tilbake %(example_id)s».",
        ("cancel_request",),
    ),
    (
        "A new roster from %(start)s to %(end)s is published: you have %(count)s shift. Write "
        "«når jobber jeg neste uke?» to see it.",
        "A new roster from %(start)s to %(end)s is published: you have %(count)s shifts. Write "
        "«når jobber jeg neste uke?» to see them.",
        ("show_schedule",),
    ),
    (
        "You are on %(shifts)s, and that collides with not being able to work %(part)s. The "
        "shift is published, so it stays yours and is left out of the registration. To be free "
        "then, ask a colleague to take it, for example «Kan noen ta vakta mi %(example)s?», or "
        "agree it with your manager.",
        "You are on %(shifts)s, and those collide with not being able to work %(part)s. The "
        "shifts are published, so they stay yours and are left out of the registration. To be "
        "free then, ask a colleague to take them, for example «Kan noen ta vakta mi "
        "%(example)s?», or agree it with your manager.",
        ("offer_shift",),
    ),
]


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
@pytest.mark.parametrize("count", [1, 2])
@pytest.mark.parametrize(
    ("singular", "plural", "expected_intents"),
    COUNTED_REPLY_EXAMPLES,
    ids=[singular[:40] for singular, _, _ in COUNTED_REPLY_EXAMPLES],
)
def test_counted_reply_examples_parse(
    locale: str, count: int, singular: str, plural: str, expected_intents: tuple[str, ...]
) -> None:
    """Both forms of a counted reply quote commands the parser reads in the reply's language."""
    from nlu import parse

    now = dt.datetime(2027, 1, 6, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    params = reply_params(locale)
    text = Translator.for_locale(locale).ngettext(singular, plural, count, **params)
    examples = re.findall(r"«([^»]+)»", text)
    source = (singular if count == 1 else plural) % {"count": count, **params}

    intents = [parse(example, now, lang=locale).intent.value for example in examples]

    assert intents == list(expected_intents)
    assert locale != "en" or text != source


@pytest.mark.parametrize("locale", SUPPORTED_LOCALES)
def test_offer_example_parses_in_its_language(locale: str) -> None:
    """The offer example that refusals quote is a command in the reply's language."""
    from nlu import parse

    now = dt.datetime(2027, 1, 6, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    params = reply_params(locale)
    source = "Kan noen ta vakta mi %(day)s?"
    example = Translator.for_locale(locale).gettext(source, **params)

    assert parse(example, now, lang=locale).intent.value == "offer_shift"
    assert locale != "en" or example != source % params
