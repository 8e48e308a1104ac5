"""Writing an exported text file so that an existing file is never lost by accident.

Without `overwrite`, the file is created with O_EXCL, so an existing file (or a
symbolic link at the path) raises FileExistsError and is left untouched. With it,
the text is written to a temporary file in the same folder that then replaces the
old file in one rename, so a failed write leaves the old file as it was.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

# Exports name staff, so only their owner may read them or list their folder.
PRIVATE_MODE = 0o600
PRIVATE_FOLDER_MODE = 0o700


def write_text_file(
    path: Path, write: Callable[[TextIO], None], *, overwrite: bool, mode: int = PRIVATE_MODE
) -> Path:
    """Create `path` with `mode` and let `write` fill it as UTF-8 text; return `path`.

    Raises FileExistsError when `path` exists and `overwrite` is false.
    """
    # Only the innermost folder gets the mode, and only when this call creates it.
    path.parent.mkdir(mode=PRIVATE_FOLDER_MODE, parents=True, exist_ok=True)
    if overwrite:
        _replace_file(path, write, mode)
    else:
        _create_file(path, write, mode)
    return path


def _create_file(path: Path, write: Callable[[TextIO], None], mode: int) -> None:
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        # The mode passed to os.open is narrowed by the umask, so it is set again.
        os.fchmod(descriptor, mode)
        with open(descriptor, "w", encoding="utf-8", newline="") as stream:
            write(stream)
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _replace_file(path: Path, write: Callable[[TextIO], None], mode: int) -> None:
    descriptor, temporary = tempfile.mkstemp(
        dir=path.parent, prefix=f".{path.name}.", suffix=".part"
    )
    try:
        os.fchmod(descriptor, mode)
        with open(descriptor, "w", encoding="utf-8", newline="") as stream:
            write(stream)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
