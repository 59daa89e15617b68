"""Files shipped with Rizhi: `resources/` in a checkout, `app/_resources` in a wheel."""

from __future__ import annotations

import os


def resource_path(*parts: str) -> str:
    """The shipped file at `parts` under the resources folder; "" when it is missing."""
    package = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    for folder in (os.path.join(os.path.dirname(package), "resources"),
                   os.path.join(package, "_resources")):  # fmt: skip
        candidate = os.path.join(folder, *parts)
        if os.path.exists(candidate):
            return candidate
    return ""
