"""What goes wrong between a command and the running instance."""

from __future__ import annotations

from app.domain.errors import StoreError


class InstanceError(StoreError):
    """The running instance could not be reached or started (an environment failure:
    exit code 3); the message says what to do."""
