"""The one placeholder style of every translated text: ``{name}``, filled by :func:`fill`.

Named placeholders let a translation put the values in its own order ("{drawn} wurden ...").
Filling never raises: a placeholder a translator mistyped stays visible instead of crashing the
counter, and a test checks that every translation keeps the source's placeholders.
"""

from __future__ import annotations

import re

PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def fill(template: str, **values: object) -> str:
    """``template`` with each ``{name}`` replaced by ``str(values[name])``; unknown names stay."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        return str(values[name]) if name in values else match.group(0)

    return PLACEHOLDER.sub(one, template)


def names(template: str) -> set[str]:
    return set(PLACEHOLDER.findall(template))
