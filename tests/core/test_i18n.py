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
