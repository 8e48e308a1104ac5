"""Make `import nlu` load the parser package, not this test folder.

Test folders have no `__init__.py`, and pytest puts `tests/` on `sys.path`, so
`tests/nlu` would otherwise be imported as an empty namespace package named
`nlu`. Putting the repository root first lets the real package win.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPOSITORY_ROOT = str(Path(__file__).resolve().parents[2])

sys.path.insert(0, REPOSITORY_ROOT)
if getattr(sys.modules.get("nlu"), "__file__", "") is None:
    del sys.modules["nlu"]  # a namespace package made from this folder before the fix
