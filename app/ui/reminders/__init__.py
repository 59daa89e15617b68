"""Reminders in the running app: the scheduler that fires them, their notices, the list."""
