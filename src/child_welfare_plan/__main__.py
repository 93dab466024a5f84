"""``python -m child_welfare_plan``: the same as ``cwp``."""

from child_welfare_plan.cli import main

raise SystemExit(main())
