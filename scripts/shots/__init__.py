"""The documentation's screenshots, by what they show (scripts/screenshots.py runs them):
the sample store they show (sample_items, sample_history, sample_reminders), the
offscreen Qt set-up (qt_setup), the window's views (views), the recovery dialog
(recovery), the reminders list, the in-window banner and the editor's reminders tab
(reminders), the desktop's notification (desktop_notice) and the pictures the end-to-end
tests take (on_x)."""
