"""The day planner ("Today"): a painted timeline of one day's time blocks, the cards to
plan beside it, and the week's days above it."""
