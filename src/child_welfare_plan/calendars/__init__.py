"""Time: the Vietnamese lunar calendar, working days, deadline rules, periods, event dates."""
