"""Exported files and the folder they are written to are private to their owner."""

from __future__ import annotations

import stat
from pathlib import Path

from core.output_files import write_text_file


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_folder_is_owner_only(tmp_path: Path) -> None:
    """The folder an export creates can be listed and entered by its owner only."""
    folder = tmp_path / "data" / "filer"

    written = write_text_file(
        folder / "turnus.csv", lambda stream: stream.write("a\n"), overwrite=False
    )

    assert mode_of(folder) == 0o700
    assert mode_of(written) == 0o600


def test_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    """A folder the operator made keeps the mode they gave it."""
    folder = tmp_path / "filer"
    folder.mkdir()
    folder.chmod(0o750)

    write_text_file(folder / "turnus.csv", lambda stream: stream.write("a\n"), overwrite=True)

    assert mode_of(folder) == 0o750
