"""Test helpers: model builders, a Desk wired to the stand-in, subprocess entry points."""
