"""The focus timer in the app: its controller (controller.py), where it shows (the
status bar's widget, the tray), its notices at a Pomodoro phase's end, idle and screen
lock (idle.py, lock.py)."""
