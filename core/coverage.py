"""Coverage gaps of a roster: a chat-sized summary and the full CSV list.

A unit with too few staff can have a gap on almost every shift of a six-week
roster. The chat therefore gets totals by ISO week and shift, and the cause when
the staff cannot cover the minimum staffing at all (core.capacity). The per-day
list goes to a CSV file instead.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TextIO

from core.compliance.model import Violation, ViolationRule
from core.i18n import N_, Translator
from core.violation_texts import describe_violation

# Up to this many gaps, the chat lists each one. More are summarised by week and shift.
MAX_LISTED_GAPS = 8
# Weeks the chat summary shows, while the CSV file has them all. Ten lines, a heading
# and the cause fit one screen of a chat window.
MAX_SUMMARY_WEEKS = 10

GAP_CSV_COLUMNS = ("date", "shift_code", "competence", "staffed", "minimum", "missing")


def missing_of(gap: Violation) -> int:
    """Return the people a gap lacks: its minimum less those on duty."""
    return int(gap.details.get("missing", 1))


def is_summarised(gaps: list[Violation]) -> bool:
    """Tell whether the chat summarises `gaps` rather than listing them, so a file needs them."""
    return len(gaps) > MAX_LISTED_GAPS


def render_gap_list(gaps: list[Violation], translator: Translator, today: dt.date) -> str:
    """List every coverage gap, a line each, under a heading that counts them."""
    if not gaps:
        return translator.gettext(N_("Coverage: every shift has at least its minimum staffing."))
    lines = [
        translator.ngettext(
            "Coverage: %(count)s gap below the minimum staffing:",
            "Coverage: %(count)s gaps below the minimum staffing:",
            len(gaps),
        )
    ]
    lines += ["  " + describe_violation(translator, gap, {}, today=today) for gap in gaps]
    return "\n".join(lines)


def render_gap_summary(
    gaps: list[Violation],
    translator: Translator,
    today: dt.date,
    shift_order: tuple[str, ...] = (),
) -> str:
    """Summarise coverage gaps for chat: each gap when few, else totals by ISO week and shift.

    A competence gap is counted apart from the headcount, as «N (sykepleier)», because
    the same shift can lack both people and a competence. Shifts are named in
    `shift_order`, the unit's order of shift types, and others after them.
    """
    if not is_summarised(gaps):
        return render_gap_list(gaps, translator, today)

    lines = [_gap_totals_text(gaps, translator)]
    weeks = _missing_by_week(gaps, shift_order)
    for (year, week), counts in list(weeks.items())[:MAX_SUMMARY_WEEKS]:
        lines.append(
            "  "
            + translator.gettext(
                N_("week %(week)s (%(start)s–%(end)s): %(counts)s"),
                week=week,
                start=translator.day_month(dt.date.fromisocalendar(year, week, 1)),
                end=translator.day_month(dt.date.fromisocalendar(year, week, 7)),
                counts=", ".join(
                    f"{label} {translator.number(count)}" for label, count in counts.items()
                ),
            )
        )
    if len(weeks) > MAX_SUMMARY_WEEKS:
        lines.append(
            "  "
            + translator.ngettext(
                "… and %(count)s more week.",
                "… and %(count)s more weeks.",
                len(weeks) - MAX_SUMMARY_WEEKS,
            )
        )
    return "\n".join(lines)


def _gap_totals_text(gaps: list[Violation], translator: Translator) -> str:
    """Say how many people the gaps lack in all, and apart from them those with a competence."""
    missing = sum(missing_of(gap) for gap in gaps if gap.rule == ViolationRule.STAFFING_MINIMUM)
    competence_missing = sum(
        missing_of(gap) for gap in gaps if gap.rule == ViolationRule.COMPETENCE_MINIMUM
    )
    if competence_missing == 0:
        return translator.ngettext(
            "Coverage: %(count)s gap below the minimum staffing, %(missing)s shifts missing "
            "in all. Missing by week and shift:",
            "Coverage: %(count)s gaps below the minimum staffing, %(missing)s shifts missing "
            "in all. Missing by week and shift:",
            len(gaps),
            missing=translator.number(missing),
        )
    return translator.ngettext(
        "Coverage: %(count)s gap below the minimum staffing, %(missing)s shifts missing in "
        "all and %(competence)s people with a competence the shifts require. Missing by week "
        "and shift:",
        "Coverage: %(count)s gaps below the minimum staffing, %(missing)s shifts missing in "
        "all and %(competence)s people with a competence the shifts require. Missing by week "
        "and shift:",
        len(gaps),
        missing=translator.number(missing),
        competence=translator.number(competence_missing),
    )


def _missing_by_week(
    gaps: Iterable[Violation], shift_order: tuple[str, ...]
) -> dict[tuple[int, int], dict[str, int]]:
    """Return the missing people per ISO week and shift label, weeks and labels in order.

    Labels follow `shift_order`, a shift's headcount before its competences, and
    labels of other shifts follow in the order they first appear.
    """
    weeks: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    label_order: dict[str, tuple[int, int]] = {}
    for gap in gaps:
        if gap.day is None:
            continue
        year, week, _ = gap.day.isocalendar()
        label = gap.shift_code or "?"
        if gap.rule == ViolationRule.COMPETENCE_MINIMUM:
            label += f" ({gap.details.get('competence', '?')})"
        shift_rank = (
            shift_order.index(gap.shift_code)
            if gap.shift_code in shift_order
            else len(shift_order) + len(label_order)
        )
        label_order.setdefault(label, (shift_rank, len(label_order)))
        weeks[(year, week)][label] += missing_of(gap)
    return {
        week: dict(sorted(counts.items(), key=lambda item: label_order[item[0]]))
        for week, counts in sorted(weeks.items())
    }


def write_gaps_csv(gaps: Iterable[Violation], csv_file: TextIO) -> None:
    """Write one row per gap: the day, the shift, the competence if any, and the headcounts."""
    writer = csv.writer(csv_file, lineterminator="\n")
    writer.writerow(GAP_CSV_COLUMNS)
    for gap in sorted(gaps, key=lambda gap: (gap.day or dt.date.min, gap.shift_code or "")):
        writer.writerow(
            [
                gap.day.isoformat() if gap.day else "",
                gap.shift_code or "",
                gap.details.get("competence", ""),
                gap.details.get("staffed", ""),
                gap.details.get("minimum", ""),
                missing_of(gap),
            ]
        )
