"""The global quick-capture hotkey: a key combination that reaches Rizhi from any window.

A `HotkeyBackend` (backend.py) holds one key for as long as it runs and calls back on the
GUI thread when the key is pressed; its `status` says which path holds the key or why none
does. Which backend runs follows the Qt platform the app runs on (choose.py): a key grab
on the X11 root window (x11.py) under `xcb`, the desktop portal's GlobalShortcuts
(portal.py) under `wayland`, and elsewhere none, whose status tells the user to bind
`rizhi capture` in the desktop's keyboard settings. macOS and Windows backends can be
added beside them.

`start_capture_hotkey` (choose.py) is what the app calls: it reads the key from the
window's settings, builds the backend for the platform and starts it.
"""
