"""Desktop notifications: the freedesktop service over D-Bus, or the tray and a banner."""
