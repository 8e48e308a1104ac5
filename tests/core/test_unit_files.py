"""The shift type and staffing plan files: each bad line named, with the value to fix."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from core.i18n import Translator
from core.imports import ImportFailed
from core.unit_files import read_shift_types, read_staffing

SHIFT_HEADER = "kode;navn;type;start;slutt\n"
STAFFING_HEADER = "dag;vakt;minimum;ønsket;kompetanse\n"


def errors_of(read: Callable[[bytes], object], content: str, locale: str = "nb") -> list[str]:
    with pytest.raises(ImportFailed) as failure:
        read(content.encode("utf-8"))
    return [error.render(Translator(locale)) for error in failure.value.errors]


def read_staffing_with_d_and_n(content: bytes) -> object:
    return read_staffing(content, {"D", "N"})


def test_repeated_shift_code_names_code_and_both_lines() -> None:
    """A code on line 4 that line 2 already gave is reported on line 4, naming D and line 2."""
    content = SHIFT_HEADER + (
        "D;Dagvakt;dag;07:30;15:00\nN;Nattevakt;natt;21:45;07:45\nd;Dag kort;dag;08:00;14:00\n"
    )

    errors = errors_of(read_shift_types, content)

    assert errors == [
        "Linje 4: kode «D» står to ganger (også på linje 2). Gi hver vakttype sin egen kode, "
        "for eksempel D2."
    ]


def test_code_given_three_times_points_to_first_line() -> None:
    """Each repeat of a code points to the line the code first appeared on."""
    content = SHIFT_HEADER + (
        "N;Natt;natt;21:45;07:45\nN;Natt 2;natt;22:00;07:00\nN;Natt 3;natt;23:00;07:00\n"
    )

    errors = errors_of(read_shift_types, content)

    assert [error.split(":")[0] for error in errors] == ["Linje 3", "Linje 4"]
    assert all("(også på linje 2)" in error for error in errors)


def test_distinct_shift_codes_are_read() -> None:
    """A file of distinct codes gives one shift type a line, in order."""
    content = SHIFT_HEADER + "D;Dagvakt;dag;07:30;15:00\nN;Nattevakt;natt;21:45;07:45\n"

    shift_types = read_shift_types(content.encode("utf-8"))

    assert [shift_type.code for shift_type in shift_types] == ["D", "N"]


REPEATED_STAFFING = [
    pytest.param(
        "hverdag;D;3;4;\nhverdag;D;3;4;\n",
        "nb",
        [
            "Linje 3: D på mandag, tirsdag, onsdag, torsdag og fredag står allerede på linje 2. "
            "Gi hver dag og vakt på bare én linje."
        ],
        id="hverdag twice",
    ),
    pytest.param(
        "hverdag;D;3;4;\nfre;D;2;2;\n",
        "nb",
        ["Linje 3: D på fredag står allerede på linje 2. Gi hver dag og vakt på bare én linje."],
        id="fre after hverdag",
    ),
    pytest.param(
        "man;N;1;1;\nsøn;N;1;1;\nalle;N;1;1;\n",
        "nb",
        [
            "Linje 4: N på mandag står allerede på linje 2. Gi hver dag og vakt på bare én linje.",
            "Linje 4: N på søndag står allerede på linje 3. Gi hver dag og vakt på bare én linje.",
        ],
        id="alle after two days",
    ),
    pytest.param(
        "helligdag;D;2;2;\nhelligdag;D;2;2;\n",
        "nb",
        ["Linje 3: D på helligdag står allerede på linje 2. Gi hver dag og vakt på bare én linje."],
        id="helligdag twice",
    ),
    pytest.param(
        "helg;D;2;2;\nhelg;D;2;2;\n",
        "nn",
        [
            "Linje 3: D på laurdag og søndag står allereie på linje 2. Gje kvar dag og vakt på "
            "berre éi linje."
        ],
        id="helg twice in nynorsk",
    ),
]


@pytest.mark.parametrize(("rows", "locale", "expected"), REPEATED_STAFFING)
def test_repeated_staffing_names_days_in_norwegian(
    rows: str, locale: str, expected: list[str]
) -> None:
    """A day and shift given twice is reported once per line, with Norwegian day names."""
    errors = errors_of(read_staffing_with_d_and_n, STAFFING_HEADER + rows, locale)

    assert errors == expected
