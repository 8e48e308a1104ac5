"""The planner's report on a roster, section by section."""

from __future__ import annotations

import datetime as dt

import pytest

from core.absences import Wish
from core.commands import DateRange, Preference
from core.employees import Employee, Position
from core.i18n import Translator
from core.roster_report import RosterReport, WishOutcome, render_wishes

TODAY = dt.date(2027, 1, 6)
FRIDAY = dt.date(2027, 1, 8)
KARI = Employee(1, 1, "Kari Nordmann", Position.NURSE, 80)


def report_of_denied_wish(days: int) -> RosterReport:
    """A report where Kari wished to be off `days` days from Friday and got none of them."""
    period = DateRange(FRIDAY, FRIDAY + dt.timedelta(days=days - 1))
    wish = Wish(1, KARI.id, period, Preference.OFF)
    outcomes = tuple(WishOutcome(wish, KARI, day, Preference.OFF, None, granted=False)
                     for day in period.days())
    return RosterReport(period, None, (), (KARI,), (), outcomes, ())


@pytest.mark.parametrize(
    ("locale", "days", "expected"),
    [
        pytest.param("nb", 1, "innfridd 0 av 1 dag.", id="nb-one-day"),
        pytest.param("nb", 2, "innfridd 0 av 2 dager.", id="nb-two-days"),
        pytest.param("nn", 1, "innfridd 0 av 1 dag.", id="nn-one-day"),
        pytest.param("nn", 2, "innfridd 0 av 2 dagar.", id="nn-two-days"),
        pytest.param("en", 1, "granted on 0 of 1 day.", id="en-one-day"),
        pytest.param("en", 2, "granted on 0 of 2 days.", id="en-two-days"),
    ],
)
def test_denied_wish_counts_days_in_plural(locale: str, days: int, expected: str) -> None:
    """A denied wish counts its days with the plural form the number takes."""
    text = render_wishes(report_of_denied_wish(days), Translator(locale), TODAY)

    denied_line = text.splitlines()[1]
    assert denied_line.endswith(expected)
