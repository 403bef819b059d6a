"""A settings change as an audit row: each changed field (nested ones by dotted name) with its
value before and after. No PIN hash is written (the counter's or a clerk's), only whether a PIN
is set; clerks are keyed by name; the window's place is only named."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from voucherdesk.audit.events import AuditEvent, DetailValue, RowKind

if TYPE_CHECKING:
    from voucherdesk.settings import SettingsChange

# Fields whose value stays out of the trail.
HIDDEN = frozenset({"pin_hash"})
NOT_WORTH_A_VALUE = frozenset({"window_geometry"})


def _by_name(name: str, value: Any) -> Any:
    """Clerks by name (``clerks.Ben.admin``): a list would land in one field, hashes and all."""
    if name == "clerks" and isinstance(value, list):
        return {
            clerk["name"]: {k: v for k, v in clerk.items() if k != "name"}
            for clerk in value
            if isinstance(clerk, dict)
        }
    return value


def _flat(prefix: str, value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        found: dict[str, Any] = {}
        for name, inner in value.items():
            found.update(_flat(f"{prefix}.{name}", inner))
        return found
    return {prefix: value}


def _shown(name: str, value: Any) -> DetailValue:
    if name.rsplit(".", 1)[-1] in HIDDEN:  # also a clerk's own PIN hash
        return "set" if value else "none"
    if name.split(".", 1)[0] in NOT_WORTH_A_VALUE:
        return "changed"
    if value is None or isinstance(value, str | int | bool):
        return value
    return str(value)


def settings_changed(change: SettingsChange) -> AuditEvent:
    before, after = change.before.model_dump(), change.after.model_dump()
    detail: dict[str, DetailValue] = {}
    for name in sorted(change.changed):
        old = _flat(name, _by_name(name, before[name]))
        new = _flat(name, _by_name(name, after[name]))
        for field in sorted(set(old) | set(new)):
            if old.get(field) != new.get(field):
                detail[f"{field}:before"] = _shown(field, old.get(field))
                detail[f"{field}:after"] = _shown(field, new.get(field))
    return AuditEvent(kind=RowKind.SETTINGS, outcome="changed", detail=detail)


def command_run(command: str) -> AuditEvent:
    """A command-line command was run (what it did follows in its own rows)."""
    return AuditEvent(kind=RowKind.COMMAND, outcome=command, detail={"via": "cli"})
