"""``cwp`` commands whose logic lives in its own module; each module has ``register(add)``.

``add(name, func, help)`` creates a sub-command (with ``--format`` and ``--output``) and
returns its parser; ``func(args, host)`` returns ``(report, exit status)``.
"""

from __future__ import annotations

from child_welfare_plan import cli
from child_welfare_plan.commands import aggregate, calendar, evaluate, status

__all__: list[str] = []

for _module in (calendar, status, aggregate, evaluate):
    if _module.register not in cli._EXTRA_COMMANDS:
        cli._EXTRA_COMMANDS.append(_module.register)
