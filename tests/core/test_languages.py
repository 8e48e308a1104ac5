"""Chosen reply languages of chat users, which win over the platform's language."""

from __future__ import annotations

import pytest

from core.identities import do_link_user, do_link_workspace
from core.languages import LanguageChoices
from core.messages import Sender
from tests.core.ward_cast import SeededWard

TEAM = "T0NORDVIK"


def linked_sender(ward: SeededWard, user_id: str, name: str) -> Sender:
    with ward.database.store() as store:
        do_link_workspace(store, "slack", TEAM, "Nordvik kommune", actor_id=None)
        do_link_user(store, "slack", TEAM, user_id, name, actor_id=None)
    return Sender("slack", TEAM, user_id)


def test_language_choice_round_trip(test_ward: SeededWard) -> None:
    """A linked user's choice is stored and read back; an unlinked user's is not."""
    sender = linked_sender(test_ward, "UKARI", "Kari Nordmann")
    languages = LanguageChoices(test_ward.database)

    assert languages.chosen(sender) is None
    assert languages.choose(sender, "nn") is True
    assert languages.chosen(sender) == "nn"
    assert languages.choose(Sender("slack", TEAM, "UFREMMED"), "nn") is False


def test_unsupported_language_raises(test_ward: SeededWard) -> None:
    """Only nb, nn and en can be chosen."""
    sender = linked_sender(test_ward, "UKARI", "Kari Nordmann")

    with pytest.raises(ValueError, match="unsupported language 'sv'"):
        LanguageChoices(test_ward.database).choose(sender, "sv")
