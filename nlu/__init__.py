"""The message parser: Norwegian (bokmål and nynorsk) and English chat text to a `ParsedCommand`."""

from __future__ import annotations

from nlu.parser import parse

__all__ = ["parse"]
