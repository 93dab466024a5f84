"""Pure functions over the model: validation, the plan calendar, timeliness, aggregation,
targets, disclosure control of public outputs, and the consolidated evaluation."""
