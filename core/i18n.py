"""Translations of every message vaktbot sends, from the Babel catalogs in `locales/`.

Messages are marked in code with their English source text, gettext style, and
translated at reply time into the user's language: Norwegian bokmål by default,
with nynorsk and English catalogs. The `.po` files are compiled in memory when a
language is first used, so no compiled `.mo` file lives in the repository.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from babel.dates import format_date, get_day_names
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import Translations

DEFAULT_LOCALE = "nb"
SUPPORTED_LOCALES = ("nb", "nn", "en")
CATALOG_DOMAIN = "vaktbot"

# The pattern of a date written out in a read-back: «fredag 8. januar».
DATE_PATTERNS = {"nb": "EEEE d. MMMM", "nn": "EEEE d. MMMM", "en": "EEEE d MMMM"}
SHORT_DATE_PATTERNS = {"nb": "EEE d.M.", "nn": "EEE d.M.", "en": "EEE d/M"}
# The pattern people use for a day in chat: «8. januar».
DAY_MONTH_PATTERNS = {"nb": "d. MMMM", "nn": "d. MMMM", "en": "d MMMM"}
# Mark the year only when it is not the current one.
YEAR_SUFFIX = " y"


def gettext_noop(message: str) -> str:
    """Mark `message` for extraction without translating it yet."""
    return message


N_ = gettext_noop


def ngettext_noop(singular: str, plural: str) -> tuple[str, str]:
    """Mark a singular and plural message pair for extraction; translate it with `ngettext`."""
    return singular, plural


def normalise_locale(requested: str | None) -> str:
    """Return the supported language closest to `requested` (e.g. "nb-NO", "no", "nn_NO")."""
    if not requested:
        return DEFAULT_LOCALE
    language = requested.replace("_", "-").split("-")[0].lower()
    if language in ("no", "nb"):
        return "nb"
    if language in SUPPORTED_LOCALES:
        return language
    return DEFAULT_LOCALE


@lru_cache(maxsize=len(SUPPORTED_LOCALES))
def _translations(locale: str) -> Translations:
    catalog_file = resources.files("locales") / locale / "LC_MESSAGES" / f"{CATALOG_DOMAIN}.po"
    with catalog_file.open("rb") as po_file:
        catalog = read_po(po_file, locale=locale, domain=CATALOG_DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(fp=compiled, domain=CATALOG_DOMAIN)


@dataclass(frozen=True, slots=True)
class Translator:
    """Translates and formats for one language."""

    locale: str = DEFAULT_LOCALE

    @classmethod
    def for_locale(cls, requested: str | None) -> Translator:
        return cls(normalise_locale(requested))

    def gettext(self, message: str, **params: Any) -> str:
        translated = _translations(self.locale).gettext(message)
        return translated % params if params else translated

    def ngettext(self, singular: str, plural: str, count: int, **params: Any) -> str:
        """Translate the form for `count` and fill it in, `count` grouped like any number."""
        translated = _translations(self.locale).ngettext(singular, plural, count)
        return translated % {"count": self.number(count), **params}

    def date(self, day: dt.date, *, today: dt.date | None = None, with_year: bool = False) -> str:
        """Write `day` out in full, e.g. «fredag 8. januar», with the year when it differs."""
        pattern = DATE_PATTERNS[self.locale]
        if with_year or (today is not None and day.year != today.year):
            pattern += YEAR_SUFFIX
        return str(format_date(day, pattern, locale=self.locale))

    def number(self, value: float, *, decimals: int = 0) -> str:
        """Write a number the way the language does: «2 100,5» in Norwegian, «2,100.5» in English.

        `ngettext` writes its count with it, and `core.violation_texts.hours_text` its hours.
        The Norwegian group separator is a non-breaking space (CLDR data in Babel), so a
        chat does not break «2 100» across two lines.
        """
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return str(format_decimal(value, format=pattern, locale=self.locale))

    def day_month(self, day: dt.date) -> str:
        return str(format_date(day, DAY_MONTH_PATTERNS[self.locale], locale=self.locale))

    def weekday_name(self, weekday: int) -> str:
        """Return the name of a weekday numbered as `datetime.date.weekday()` (4 is Friday)."""
        return str(get_day_names("wide", locale=self.locale)[weekday])

    def short_date(self, day: dt.date) -> str:
        return str(format_date(day, SHORT_DATE_PATTERNS[self.locale], locale=self.locale))

    def date_range(self, start: dt.date, end: dt.date, *, today: dt.date | None = None) -> str:
        if start == end:
            return self.date(start, today=today)
        return self.gettext(
            "%(start)s to %(end)s",
            start=self.date(start, today=today),
            end=self.date(end, today=today),
        )

    def join(self, items: list[str]) -> str:
        """Join «a, b og c» in the user's language."""
        if len(items) <= 1:
            return "".join(items)
        return self.gettext("%(first)s and %(last)s", first=", ".join(items[:-1]), last=items[-1])
