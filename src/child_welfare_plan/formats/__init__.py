"""Output formats: a :class:`~child_welfare_plan.reports.Report` turned into text or bytes.

One module per format (``text``, ``json``, ``markdown``, ``csv``, ``html``, ``ics``); the
built-in plugin registers them through the same hook as any plugin's format.
"""
