"""The camera preview's size, shared by the reader (which scales pictures to it) and the dock
(which shows them). A module of its own: the dock is built with every window, the reader only
when the camera is switched on, and QtMultimedia must not load before the window is painted."""

from __future__ import annotations

from PySide6.QtCore import QSize

PREVIEW_SIZE = QSize(288, 162)  # small: the dock must leave the counter its room
