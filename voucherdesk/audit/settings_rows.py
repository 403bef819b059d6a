"""A settings change as an audit row: each changed field (nested ones by dotted name) with its
value before and after. The PIN's hash is never written, only whether a PIN is set; the window's
place is only named."""

from __future__ import annotations

from typing import Any

from voucherdesk.audit.events import AuditEvent, DetailValue, RowKind
from voucherdesk.settings import SettingsChange

# Fields whose value stays out of the trail.
HIDDEN = frozenset({"pin_hash"})
NOT_WORTH_A_VALUE = frozenset({"window_geometry"})


def _flat(prefix: str, value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        found: dict[str, Any] = {}
        for name, inner in value.items():
            found.update(_flat(f"{prefix}.{name}", inner))
        return found
    return {prefix: value}


def _shown(name: str, value: Any) -> DetailValue:
    if name in HIDDEN:
        return "set" if value else "none"
    if name in NOT_WORTH_A_VALUE:
        return "changed"
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def settings_changed(change: SettingsChange) -> AuditEvent:
    before, after = change.before.model_dump(), change.after.model_dump()
    detail: dict[str, DetailValue] = {}
    for name in sorted(change.changed):
        old, new = _flat(name, before[name]), _flat(name, after[name])
        for field in sorted(set(old) | set(new)):
            if old.get(field) != new.get(field):
                detail[f"{field}:before"] = _shown(name, old.get(field))
                detail[f"{field}:after"] = _shown(name, new.get(field))
    return AuditEvent(kind=RowKind.SETTINGS, outcome="changed", detail=detail)


def command_run(command: str) -> AuditEvent:
    """A command-line command was run (what it did follows in its own rows)."""
    return AuditEvent(kind=RowKind.COMMAND, outcome=command, detail={"via": "cli"})
