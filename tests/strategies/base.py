"""The Hypothesis profile and the number of examples a property asks for."""

from __future__ import annotations

import os
import string

PROFILE = os.environ.get("CWP_HYPOTHESIS_PROFILE", "ci")
"""The Hypothesis profile of this run: ``ci`` (the default) or ``deep``."""

DEEP_EXAMPLES = 1000
"""Examples per property under the ``deep`` profile."""


def examples(n: int) -> int:
    """``n`` examples, or :data:`DEEP_EXAMPLES` under the ``deep`` profile: a test that
    asks for a number of examples asks through this, so the deep profile reaches it too."""
    return DEEP_EXAMPLES if PROFILE == "deep" else n


_SLUG = string.ascii_lowercase + string.digits
