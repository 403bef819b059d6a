"""Ways a local file gets damaged between two runs, and what must survive each of them."""

from __future__ import annotations

import random
import shutil
from dataclasses import dataclass
from pathlib import Path

WAYS = (
    "nested_json",
    "garbage",
    "truncated",
    "read_only_file",
    "read_only_folder",
    "missing_folder",
    "file_is_directory",
)
NESTING = 200_000  # "[[[[...]]]]" this deep: far past Python's recursion limit, 400 KB


@dataclass(frozen=True)
class Damage:
    """What was done to ``path``; ``kept`` are the bytes that must not be lost (None: the
    test removed them itself, or the file stays readable as it was)."""

    way: str
    path: Path
    kept: bytes | None


def damage(path: Path, way: str) -> Damage:
    """Damage ``path`` (which exists) in one of the WAYS."""
    if way == "nested_json":
        text = "[" * NESTING + "]" * NESTING
        path.write_text(text, encoding="ascii")
        return Damage(way, path, text.encode())
    if way == "garbage":
        junk = random.Random(path.name).randbytes(4096)
        path.write_bytes(junk)
        return Damage(way, path, junk)
    if way == "truncated":
        whole = path.read_bytes()
        cut = whole[: max(1, len(whole) // 2)]
        path.write_bytes(cut)
        return Damage(way, path, cut)
    if way == "read_only_file":
        kept = path.read_bytes()
        path.chmod(0o444)
        return Damage(way, path, kept)
    if way == "read_only_folder":
        kept = path.read_bytes()
        path.parent.chmod(0o555)
        return Damage(way, path, kept)
    if way == "missing_folder":
        shutil.rmtree(path.parent)
        return Damage(way, path, None)
    if way == "file_is_directory":
        path.unlink()
        path.mkdir()
        (path / "keep.txt").write_text("a folder someone put here", encoding="utf-8")
        return Damage(way, path, b"a folder someone put here")
    raise ValueError(way)


def undo_modes(home: Path) -> None:
    """Give every folder and file back its write bit, so the test's tmp dir can be removed."""
    for item in [home, *home.rglob("*")]:
        if item.is_symlink():
            continue
        item.chmod(item.stat().st_mode | (0o700 if item.is_dir() else 0o600))


def still_there(found: Damage, home: Path) -> bool:
    """``found.kept`` is still on disk: in place, or in a file or folder set aside beside it."""
    if found.kept is None:
        return True
    candidates = [found.path, *found.path.parent.glob(f"{found.path.name}.*")]
    for candidate in candidates:
        if candidate.is_file() and candidate.read_bytes().startswith(found.kept):
            return True
        keep = candidate / "keep.txt"
        if candidate.is_dir() and keep.is_file() and keep.read_bytes() == found.kept:
            return True
    return False
