"""Which command a message is: ordered word rules, specific before general."""

from __future__ import annotations

import pytest

from core.commands import AbsenceKind, Intent
from nlu.intents import classify
from nlu.normalise import normalise
from nlu.slots import absence_kind


def intent_of(text: str) -> Intent:
    message = normalise(text)
    return classify(message.text, message.cleaned, absence_kind(message.text))


CASES = [
    ("Kan ikke jobbe fredag", Intent.REGISTER_UNAVAILABILITY),
    ("Eg kan ikkje jobbe", Intent.REGISTER_UNAVAILABILITY),
    ("Er ikke tilgjengelig uke 3", Intent.REGISTER_UNAVAILABILITY),
    ("utilgjengelig i morgen", Intent.REGISTER_UNAVAILABILITY),
    ("I can't work on Friday", Intent.REGISTER_UNAVAILABILITY),
    ("Kan jobbe natt 12.1", Intent.REGISTER_AVAILABILITY),
    ("Jeg kan ta ekstravakter", Intent.REGISTER_AVAILABILITY),
    ("tilgjengeleg laurdag", Intent.REGISTER_AVAILABILITY),
    ("Ønsker fri julaften", Intent.REGISTER_WISH),
    ("Vil gjerne ha nattevakter", Intent.REGISTER_WISH),
    ("Kan jeg få fri fredag?", Intent.REGISTER_WISH),
    ("Ønsker ferie i juli", Intent.REGISTER_WISH),
    ("Jeg ønsker permisjon fredag", Intent.REGISTER_WISH),
    ("Jeg vil ha julaften fri", Intent.REGISTER_WISH),
    ("I'd like leave on Friday", Intent.REGISTER_WISH),
    ("I don't want night shifts in April", Intent.REGISTER_WISH),
    ("I would rather not work evenings", Intent.REGISTER_WISH),
    ("Jeg vil ha ferie 1.–14. juli", Intent.REGISTER_ABSENCE),
    ("Eg vil ha ferie i juli", Intent.REGISTER_ABSENCE),
    ("Jeg vil ha permisjon fredag", Intent.REGISTER_ABSENCE),
    ("Jeg vil ha avspasering fredag", Intent.REGISTER_ABSENCE),
    ("Søker ferie 1.–14. juli", Intent.REGISTER_ABSENCE),
    ("I want vacation 1-14 July", Intent.REGISTER_ABSENCE),
    ("I want to take a holiday in July", Intent.REGISTER_ABSENCE),
    ("I need vacation July 1-14", Intent.REGISTER_ABSENCE),
    ("I want leave on Friday", Intent.REGISTER_ABSENCE),
    ("Jeg er syk i dag", Intent.REGISTER_ABSENCE),
    ("Ønsker å melde meg syk", Intent.REGISTER_ABSENCE),
    ("Kan ikke jobbe, er syk", Intent.REGISTER_ABSENCE),
    ("Kurs tirsdag", Intent.REGISTER_ABSENCE),
    ("Kan jeg bytte nattevakta mi?", Intent.REQUEST_SWAP),
    ("Kan eg byte vakt?", Intent.REQUEST_SWAP),
    ("Kan noen ta kveldsvakta mi lørdag?", Intent.OFFER_SHIFT),
    ("Gir bort dagvakt søndag", Intent.OFFER_SHIFT),
    ("Kan du ta vakta mi?", Intent.OFFER_SHIFT),
    ("Jeg tar den ledige vakta", Intent.TAKE_SHIFT),
    ("jeg tar 57", Intent.TAKE_SHIFT),
    ("Godkjenn 42", Intent.APPROVE_REQUEST),
    ("Ja til bytte #42", Intent.APPROVE_REQUEST),
    ("Avslå 42", Intent.REJECT_REQUEST),
    ("Nei til bytte 42", Intent.REJECT_REQUEST),
    ("ikke godkjenn 42", Intent.REJECT_REQUEST),
    ("Trekk tilbake 42", Intent.CANCEL_REQUEST),
    ("Avbryt forespørsel nr 12", Intent.CANCEL_REQUEST),
    ("Hvilke forespørsler venter?", Intent.LIST_REQUESTS),
    ("Hvilke bytter venter på godkjenning?", Intent.LIST_REQUESTS),
    ("Lag turnus for uke 3–8", Intent.GENERATE_ROSTER),
    ("Optimaliser turnusen", Intent.GENERATE_ROSTER),
    ("Forbedre turnusen", Intent.GENERATE_ROSTER),
    ("Forbetre turnusen for mars", Intent.GENERATE_ROSTER),
    ("Improve the roster", Intent.GENERATE_ROSTER),
    ("Publiser turnusen", Intent.PUBLISH_ROSTER),
    ("Når jobber jeg neste uke?", Intent.SHOW_SCHEDULE),
    ("Vis turnusen til Ola", Intent.SHOW_SCHEDULE),
    ("Når jobber Kari?", Intent.SHOW_SCHEDULE),
    ("Hvem har nattevakt lørdag?", Intent.WHO_WORKS),
    ("Kven er på kveld?", Intent.WHO_WORKS),
    ("Hvilke opplysninger har dere om meg?", Intent.MY_DATA),
    ("Eksporter dataene mine", Intent.MY_DATA),
    ("vis dataene til Ola", Intent.MY_DATA),
    ("Vis Ola sine data", Intent.MY_DATA),
    ("hva vet dere om Ola", Intent.MY_DATA),
    ("kva veit de om meg", Intent.MY_DATA),
    ("what do you know about me", Intent.MY_DATA),
    ("What information do you have about me?", Intent.MY_DATA),
    ("what have you stored on me", Intent.MY_DATA),
    ("what do you know about Ola", Intent.MY_DATA),
    # «have … on» names a day here, so it stays a question about shifts.
    ("what do you have on friday", Intent.UNKNOWN),
    # The reply language has no intent in the command language; the core reads it.
    ("bytt språk til nynorsk", Intent.UNKNOWN),
    ("change language to English", Intent.UNKNOWN),
    ("kva veit de om Kari", Intent.MY_DATA),
    ("Vet du om noen kan ta vakta mi fredag?", Intent.OFFER_SHIFT),
    ("Slett dataene mine", Intent.DELETE_MY_DATA),
    ("slett kontoen min", Intent.DELETE_MY_DATA),
    ("delete my data", Intent.DELETE_MY_DATA),
    ("slett Ola sine data", Intent.DELETE_MY_DATA),
    ("glem meg", Intent.DELETE_MY_DATA),
    ("Glem alt om meg!", Intent.DELETE_MY_DATA),
    ("gløym meg", Intent.DELETE_MY_DATA),
    ("jeg vil bli glemt", Intent.DELETE_MY_DATA),
    ("I want to be forgotten", Intent.DELETE_MY_DATA),
    ("ikke glem meg på turnusen", Intent.UNKNOWN),
    ("Ledige vakter", Intent.LIST_REQUESTS),
    ("ledige vakter?", Intent.LIST_REQUESTS),
    ("open shifts", Intent.LIST_REQUESTS),
    ("Hjelp", Intent.HELP),
    ("Hvordan bytter jeg vakt?", Intent.HELP),
    ("Hva er en ekstravakt?", Intent.HELP),
    ("hva kan du gjøre?", Intent.HELP),
    ("Hva blir været i morgen?", Intent.UNKNOWN),
    ("Ferje fredag", Intent.UNKNOWN),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[case[0] for case in CASES])
def test_classify(text: str, expected: Intent) -> None:
    """Each typical phrasing is the command it names."""
    assert intent_of(text) == expected


def test_classify_sickness_is_no_wish() -> None:
    """A wish verb with a sickness word is an absence, because sickness is not wished for."""
    assert classify("ønsker å melde meg syk", "", AbsenceKind.SICK) == Intent.REGISTER_ABSENCE
