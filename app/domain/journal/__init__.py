"""Markdown journals: reading years of a hand-written dated log, and writing one back.

`parse_journal` turns text into a `ParsedJournal` (days, entries, notes, units, anomalies,
and where every line went); `render_journal` writes entries back as Markdown that reads
into the same entries. Pure functions: no storage, no clock.
"""
