"""Capturing a line of text as an item: the quick add line with its live chips (the
backlog's, each board column's, the capture popup's) and the capture popup itself.

Nothing is imported here: the window loads `quick_add` with its first page, and the
popup's modules only when a popup is built.
"""
