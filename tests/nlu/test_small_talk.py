"""Greetings and thanks: only a message that is nothing else counts."""

from __future__ import annotations

import pytest

from core.commands import SmallTalk
from nlu.normalise import normalise
from nlu.small_talk import small_talk

CASES = [
    ("hei", SmallTalk.GREETING),
    ("Hei hei!", SmallTalk.GREETING),
    ("Heisann", SmallTalk.GREETING),
    ("God kveld", SmallTalk.GREETING),
    ("Hei vaktbot 👋", SmallTalk.GREETING),
    ("Good morning", SmallTalk.GREETING),
    ("takk", SmallTalk.THANKS),
    ("Mange takk :)", SmallTalk.THANKS),
    ("Takk skal du ha", SmallTalk.THANKS),
    ("Hei, takk!", SmallTalk.THANKS),
    ("Flott, takk", SmallTalk.THANKS),
    ("thanks so much", SmallTalk.THANKS),
    ("Hei Kari", None),
    ("Takk for at du tok vakta", None),
    ("God morgen, jeg er syk", None),
    ("heia", None),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text for text, _ in CASES])
def test_small_talk(text: str, expected: SmallTalk | None) -> None:
    """A greeting or thanks alone is small talk; anything added makes it something else."""
    assert small_talk(normalise(text).text) == expected
