"""Choosing the reply language in the chat: «bytt språk til nynorsk» is no swap request."""

from __future__ import annotations

import pytest

from tests.core.ward_cast import SeededWard, texts


def chosen_language(ward: SeededWard) -> str | None:
    with ward.database.store() as store:
        return store.languages.chosen(ward.staff["Kari Nordmann"].id)


@pytest.mark.parametrize(
    ("message", "locale", "expected"),
    [
        pytest.param("bytt språk til nynorsk", "nn", "Frå no av svarar eg på nynorsk.", id="nn"),
        pytest.param("Bytt språk til bokmål", "nb", "Fra nå av svarer jeg på bokmål.", id="nb"),
        pytest.param(
            "change language to English", "en", "From now on I answer in English.", id="en"
        ),
    ],
)
def test_language_is_chosen(
    test_ward: SeededWard, message: str, locale: str, expected: str
) -> None:
    """Naming a language stores it as the reply language, and the reply is in it."""
    outcome = test_ward.say("Kari Nordmann", message)

    assert texts(outcome) == [expected]
    assert chosen_language(test_ward) == locale


def test_language_without_name_asks(test_ward: SeededWard) -> None:
    """«bytt språk» without a language says how to choose one, and stores nothing."""
    outcome = test_ward.say("Kari Nordmann", "bytt språk")

    assert texts(outcome) == [
        "Hvilket språk vil du ha? Skriv «bytt språk til bokmål», «bytt språk til nynorsk» "
        "eller «change language to English»."
    ]
    assert chosen_language(test_ward) is None


def test_language_change_is_no_swap(test_ward: SeededWard) -> None:
    """«bytt språk til nynorsk» leaves no question about a swap open for «fredag» to answer."""
    test_ward.say("Kari Nordmann", "bytt språk til nynorsk")

    outcome = test_ward.say("Kari Nordmann", "fredag")

    assert texts(outcome)[0].startswith("Det forsto jeg ikke.")
