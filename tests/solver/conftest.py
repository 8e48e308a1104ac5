"""Make `import solver` load the solver package, not this test folder.

Test folders have no `__init__.py` and pytest puts `tests/` on `sys.path`, so
`tests/solver` would otherwise be imported as an empty namespace package named
`solver`. Putting the repository root first lets the real package win.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPOSITORY_ROOT = str(Path(__file__).resolve().parents[2])

sys.path.insert(0, REPOSITORY_ROOT)
if getattr(sys.modules.get("solver"), "__file__", "") is None:
    del sys.modules["solver"]  # a namespace package made from this folder before the fix
