"""The assistant's guards: unknown users, redelivered events, unexpected errors."""

from __future__ import annotations

import dataclasses
import logging

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.messages import IncomingMessage, ReplyKind, Sender
from tests.core.ward_cast import SeededWard, noon_today, texts


def absences_count(ward: SeededWard) -> int:
    with ward.database.store() as store:
        return len(store.absences.list_absences(unit_id=ward.unit.id))


def test_unlinked_chat_user_is_told_whom_to_ask(test_ward: SeededWard) -> None:
    """A Slack user nobody has linked learns whom to ask, and nothing about the ward."""
    stranger = Sender("slack", "T0001", "U-UKJENT")

    outcome = test_ward.assistant.handle(IncomingMessage(stranger, "D1", text="Hvem jobber i dag?"))

    (reply,) = outcome.replies
    assert reply.kind == ReplyKind.ERROR
    assert "leder" in reply.text
    assert "Kari" not in reply.text


def test_redelivered_event_is_handled_once(test_ward: SeededWard) -> None:
    """The same event id twice registers once; the second delivery gets no reply."""
    kari = Sender("console", "local", "Kari Nordmann")
    test_ward.assistant.handle(
        IncomingMessage(kari, "k", text="Kurs fredag", event_id="E1", received_at=noon_today())
    )
    first = test_ward.assistant.handle(
        IncomingMessage(kari, "k", text="ja", event_id="E2", received_at=noon_today())
    )

    again = test_ward.assistant.handle(
        IncomingMessage(kari, "k", text="ja", event_id="E2", received_at=noon_today())
    )

    assert len(first.replies) == 1
    assert again.replies == ()
    assert absences_count(test_ward) == 1


def test_unexpected_error_gives_an_apology_with_an_id(
    test_ward: SeededWard, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A bug becomes a short apology with an id the user can quote; the log has the id."""

    def broken_parse(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("parser bug")

    broken = dataclasses.replace(test_ward.assistant.services, parse=broken_parse)
    monkeypatch.setattr(test_ward.assistant, "services", broken)
    caplog.set_level(logging.ERROR)

    outcome = test_ward.say("Kari Nordmann", "Jeg er syk i dag")

    (reply,) = outcome.replies
    assert reply.kind == ReplyKind.ERROR
    assert "Traceback" not in reply.text
    error_id = reply.text.rsplit(" ", 1)[-1]
    assert error_id in caplog.text
    assert absences_count(test_ward) == 0


def test_unexpected_error_ends_the_read_back(
    test_ward: SeededWard, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a bug in the next message, a «ja» no longer confirms the earlier read-back."""
    test_ward.say("Kari Nordmann", "Jeg er syk i morgen")
    working = test_ward.assistant.services

    def broken_parse(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("parser bug")

    monkeypatch.setattr(
        test_ward.assistant, "services", dataclasses.replace(working, parse=broken_parse)
    )
    test_ward.say("Kari Nordmann", "Hvem jobber i dag?")
    monkeypatch.setattr(test_ward.assistant, "services", working)

    outcome = test_ward.say("Kari Nordmann", "ja")

    assert [reply.text for reply in outcome.replies] == ["Ingenting venter på svar fra deg nå."]
    assert absences_count(test_ward) == 0


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("\x00\x1b[31m", id="control-characters"),
        pytest.param("Robert'); DROP TABLE employees;--", id="sql-like"),
        pytest.param("<@U123> *syk* i dag", id="slack-markup"),
        pytest.param("ø" * 10_000, id="ten-kilobytes"),
        pytest.param("🤒🤒 syk i dag 🙏", id="emoji"),
    ],
)
def test_any_text_gets_a_reply(test_ward: SeededWard, text: str) -> None:
    """Whatever is written, the sender gets a reply and nothing crashes."""
    outcome = test_ward.say("Ola Nordmann", text)

    assert len(outcome.replies) >= 1
    assert all(reply.text for reply in outcome.replies)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    text=st.text(max_size=300)
    | st.sampled_from(
        [
            "ja",
            "nei",
            "og fredag også",
            "nei, torsdag",
            "Kari",
            "godkjenn 99999999999999999999",
            "bytte 0",
            "uke 99",
            "31.02",
            "fra 10. til 3. mars",
            "jeg tar -1",
        ]
    )
)
def test_property_any_message_gets_a_reply(test_ward: SeededWard, text: str) -> None:
    """Any text, in any order after any other, gets at least one reply and no traceback."""
    outcome = test_ward.say("Ola Nordmann", text)

    assert outcome.replies
    assert all("Traceback" not in reply.text for reply in outcome.replies)
    assert all(
        reply.kind != ReplyKind.ERROR or "feil-ID" not in reply.text for reply in outcome.replies
    )


def test_long_unknown_word_is_quoted_short(test_ward: SeededWard) -> None:
    """A 200 000-character word is quoted back cut to 60 characters, not in full."""
    (reply,) = texts(test_ward.say("Kari Nordmann", "x" * 200_000))

    first_line = reply.splitlines()[0]
    assert first_line == "Jeg forsto ikke «" + "x" * 60 + "…»."
