"""Pure functions over the model: validation, schedules, timeliness, aggregation, targets."""
