"""Where bundled files (icons, sounds, translations) live, from source and from a bundle."""

from __future__ import annotations

import sys
from pathlib import Path

_SOURCE_ROOT = Path(__file__).resolve().parent.parent / "resources"


def resources_dir() -> Path:
    """The resources folder: under sys._MEIPASS in a PyInstaller bundle, else the source tree."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle is not None:
        return Path(bundle) / "resources"
    return _SOURCE_ROOT


def resource_path(name: str) -> Path:
    """Path of a resource by its name relative to resources/ (e.g. "sounds/success.wav").

    Raises FileNotFoundError with the full path, so a packaging mistake is easy to spot.
    """
    path = resources_dir() / name
    if not path.is_file():
        raise FileNotFoundError(f"missing resource {name!r} (looked at {path})")
    return path
