"""``cwp`` commands whose logic lives in its own module; each module has ``register(add)``.

``add(name, func, help)`` creates a sub-command (with ``--format`` and ``--output``) and
returns its parser; ``func(args, host)`` returns ``(report, exit status)``.
"""

from __future__ import annotations

import importlib
import importlib.util

from child_welfare_plan import cli

__all__: list[str] = []

_MODULES = ("calendar", "status", "aggregate", "evaluate")

for _name in _MODULES:
    _full = f"{__name__}.{_name}"
    if importlib.util.find_spec(_full) is not None:
        cli._EXTRA_COMMANDS.append(importlib.import_module(_full).register)
