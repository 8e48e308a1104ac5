"""The message parser: Norwegian (bokmål and nynorsk) and English chat text to a `ParsedCommand`."""

from __future__ import annotations

from nlu.parser import parse
from nlu.relative_counts import warm_up

__all__ = ["parse", "warm_up"]
