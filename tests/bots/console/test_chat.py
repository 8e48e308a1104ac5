"""The terminal chat: every line read from standard input gets a reply."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest

import nlu
import solver
from bots.console import ConsoleChat
from core.assistant import Assistant
from core.context import Services
from core.languages import LanguageChoices
from storage.crypto import FieldCipher
from storage.database import Database
from tests.core.ward_cast import noon_today, seed

EMPTY_HINT = "vaktbot: Meldingen din var tom. Skriv «hjelp» for å se hva jeg kan."


@pytest.fixture
def assistant(tmp_path: Path, cipher: FieldCipher) -> Iterator[Assistant]:
    database = Database(f"sqlite:///{tmp_path / 'ward.db'}", cipher)
    database.upgrade()
    seed(database)
    services = Services(
        parse=nlu.parse, solve=solver.solve, solver_time_limit_seconds=5, roster_search_work=1.0
    )
    yield Assistant(database, services, clock=noon_today)
    database.dispose()


def test_blank_lines_get_a_hint(assistant: Assistant) -> None:
    """An empty and a whitespace-only line each get the short hint, then chatting goes on."""
    output = io.StringIO()
    chat = ConsoleChat(assistant, "Kari Nordmann", output=output, clock=noon_today)

    chat.run(io.StringIO("\n   \nNår jobber jeg i morgen?\n/avslutt\nhjelp\n"))

    lines = output.getvalue().splitlines()
    assert lines.count(EMPTY_HINT) == 2
    assert "vaktbot: Vakter for Kari Nordmann:" in lines
    assert not any("Du kan skrive til meg" in line for line in lines)


def test_progress_lines_can_go_elsewhere(assistant: Assistant) -> None:
    """With `progress_output`, progress lines leave the transcript, which then repeats."""
    output, progress = io.StringIO(), io.StringIO()
    chat = ConsoleChat(
        assistant, "Turid Lie", output=output, clock=noon_today, progress_output=progress
    )

    chat.run(io.StringIO("Lag turnus for uke 3\nja\n"))

    assert "vaktbot … Planlegger" in progress.getvalue()
    assert "Planlegger" not in output.getvalue()
    assert "Turnus mandag 18. januar" in output.getvalue()


def test_missing_button_without_buttons(assistant: Assistant) -> None:
    """«/9» before any reply with buttons says that there are none to press."""
    output = io.StringIO()
    chat = ConsoleChat(assistant, "Kari Nordmann", output=output, clock=noon_today)

    chat.say("/9", echo=False)

    assert output.getvalue().splitlines() == [
        "vaktbot: Det finnes ingen knapp nummer 9: det siste svaret hadde ingen knapper."
    ]


def test_missing_button_names_the_range(assistant: Assistant) -> None:
    """«/9» after a read-back with buttons names the numbers that exist."""
    output = io.StringIO()
    chat = ConsoleChat(assistant, "Kari Nordmann", output=output, clock=noon_today)
    chat.say("Jeg er syk i dag", echo=False)
    output.truncate(0)
    output.seek(0)

    chat.say("/9", echo=False)

    assert output.getvalue().splitlines() == [
        "vaktbot: Det finnes ingen knapp nummer 9. Skriv et nummer fra «/1» til «/2»."
    ]


def test_english_greeting_names_english_commands(assistant: Assistant) -> None:
    """In English the greeting names «help» and «/quit», which the parser accepts."""
    output = io.StringIO()
    chat = ConsoleChat(assistant, "Kari Nordmann", output=output, clock=noon_today, locale="en")

    chat.run(io.StringIO("\nhelp\n/quit\n"))

    lines = output.getvalue().splitlines()
    assert lines[0] == (
        "vaktbot: Hello, Kari Nordmann! Write «help» to see what I can do, «/1» to press the "
        "first button, and «/quit» to quit."
    )
    assert "vaktbot: Your message was empty. Write «help» to see what I can do." in lines
    assert any(line.startswith("vaktbot: You can write to me") for line in lines)


def test_language_choice_changes_replies(assistant: Assistant) -> None:
    """After «bytt språk til nynorsk» the following replies come in nynorsk, and stay so."""
    output = io.StringIO()
    languages = LanguageChoices(assistant.database)
    chat = ConsoleChat(
        assistant, "Kari Nordmann", output=output, clock=noon_today, languages=languages
    )

    chat.say("bytt språk til nynorsk", echo=False)
    chat.say("nei", echo=False)

    lines = output.getvalue().splitlines()
    assert lines[0] == "vaktbot: Frå no av svarar eg på nynorsk."
    assert lines[1] != "vaktbot: Ingenting venter på svar fra deg nå."
    assert chat.sender.locale == "nn"


def test_event_ids_in_logs_carry_no_name(
    assistant: Assistant, caplog: pytest.LogCaptureFixture
) -> None:
    """Event ids reach the info log (here for an unknown sender), so they hold no name."""
    chat = ConsoleChat(assistant, "Kari Nordsetter", output=io.StringIO(), clock=noon_today)
    caplog.set_level("INFO")

    chat.say("Når jobber jeg i morgen?")

    assert "user error" in caplog.text
    assert "Nordsetter" not in caplog.text
    assert chat._next_event_id() != chat._next_event_id()
