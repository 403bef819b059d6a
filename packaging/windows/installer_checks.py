"""The stand-in payload and the checks behind packaging/windows/test_installer.sh (Wine).

The real Windows bundle can only be built on Windows, so the installer is compiled against a
stand-in folder laid out like PyInstaller's output for packaging/voucherdesk.spec on Windows:
the windowed VoucherDesk.exe and its console twin next to _internal/ with the Python runtime,
the Qt libraries and plugins the spec keeps, the app's real resources/ and the package
metadata. Every stand-in file names its path and version, so an upgrade that left an old file
behind shows up byte for byte.

    python3 installer_checks.py payload OUT VERSION [--old]
    python3 installer_checks.py icon SETUP_EXE ICO
    python3 installer_checks.py snapshot PREFIX FILE
    python3 installer_checks.py installed PREFIX PAYLOAD VERSION --iss ISS [--desktop-icon]
    python3 installer_checks.py removed PREFIX SNAPSHOT --iss ISS --kept FILE...

Standard library only: it runs with the system's python3 before any venv exists.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import struct
import sys
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

ROOT = Path(__file__).resolve().parents[2]
APP = "VoucherDesk"
APP_DIR_WIN = PureWindowsPath(r"C:\Program Files") / APP
# The all-users Start menu (/ALLUSERS); links sit right in Programs (DisableProgramGroupPage).
START_MENU = Path("drive_c/ProgramData/Microsoft/Windows/Start Menu/Programs")
PUBLIC_DESKTOP = Path("drive_c/users/Public/Desktop")
UNINSTALLER = ("unins000.exe", "unins000.dat")
# (link name, arguments) the [Icons] section must create, all pointing at VoucherDesk.exe.
LINKS = ((f"{APP}.lnk", ""), (f"{APP} (demo).lnk", "--demo"))

# What PyInstaller puts next to _internal/ and inside it on Windows (see voucherdesk.spec:
# console twin, KEEP_PLATFORMS, KEEP_IMAGEFORMATS, KEEP_PLUGIN_DIRS, KEEP_LANGS, metadata).
TOP_LEVEL = (f"{APP}.exe", "voucherdesk-cli.exe")
INTERNAL = (
    "base_library.zip",
    "python311.dll",
    "python3.dll",
    "VCRUNTIME140.dll",
    "VCRUNTIME140_1.dll",
    "libcrypto-3.dll",
    "libssl-3.dll",
    "libffi-8.dll",
    "sqlite3.dll",
    "_ctypes.pyd",
    "_decimal.pyd",
    "_hashlib.pyd",
    "_socket.pyd",
    "_sqlite3.pyd",
    "_ssl.pyd",
    "select.pyd",
    "unicodedata.pyd",
    "PySide6/Qt6Core.dll",
    "PySide6/Qt6Gui.dll",
    "PySide6/Qt6Widgets.dll",
    "PySide6/Qt6Svg.dll",
    "PySide6/Qt6PrintSupport.dll",
    "PySide6/Qt6Multimedia.dll",
    "PySide6/Qt6Network.dll",
    "PySide6/pyside6.abi3.dll",
    "PySide6/MSVCP140.dll",
    "PySide6/QtCore.pyd",
    "PySide6/QtGui.pyd",
    "PySide6/QtWidgets.pyd",
    "PySide6/QtSvg.pyd",
    "PySide6/QtPrintSupport.pyd",
    "PySide6/QtMultimedia.pyd",
    "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/plugins/platforms/qoffscreen.dll",
    "PySide6/plugins/imageformats/qsvg.dll",
    "PySide6/plugins/imageformats/qico.dll",
    "PySide6/plugins/imageformats/qjpeg.dll",
    "PySide6/plugins/imageformats/qgif.dll",
    "PySide6/plugins/iconengines/qsvgicon.dll",
    "PySide6/plugins/styles/qmodernwindowsstyle.dll",
    "PySide6/translations/qtbase_de.qm",
    "PySide6/translations/qtbase_en.qm",
    "PySide6/translations/qt_de.qm",
    "PySide6/translations/qtmultimedia_de.qm",
    "shiboken6/shiboken6.abi3.dll",
    "shiboken6/Shiboken.pyd",
    "pydantic_core/_pydantic_core.cp311-win_amd64.pyd",
    "certifi/cacert.pem",
    "keyring-25.7.0.dist-info/METADATA",
    "keyring-25.7.0.dist-info/entry_points.txt",
)
# An older build carried files the current spec prunes; [InstallDelete] must clear them.
OLD_ONLY = (
    "PySide6/plugins/platforms/qdirect2d.dll",
    "PySide6/opengl32sw.dll",
)


def internal_files(version: str, *, old: bool) -> list[str]:
    names = [*INTERNAL, *(OLD_ONLY if old else ())]
    dist_info = f"voucherdesk-{version}.dist-info"
    names += [f"{dist_info}/{name}" for name in ("METADATA", "INSTALLER", "entry_points.txt")]
    return names


def build_payload(out: Path, version: str, *, old: bool = False) -> Path:
    """Write the stand-in bundle to OUT/VoucherDesk and return that folder."""
    bundle = out / APP
    if bundle.exists():
        shutil.rmtree(bundle)
    files = {name: name for name in TOP_LEVEL}
    files |= {f"_internal/{name}": name for name in internal_files(version, old=old)}
    for rel in files:
        target = bundle / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(f"VoucherDesk {version} stand-in for {rel}\n".encode() * 64)
    # The app's own resources, as the spec collects them (Linguist sources left out).
    resources = ROOT / "resources"
    for source in sorted(resources.rglob("*")):
        if source.is_file() and source.suffix != ".ts":
            target = bundle / "_internal" / "resources" / source.relative_to(resources)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
    return bundle


# --- reading what Wine wrote -------------------------------------------------------------------


def tree(root: Path) -> dict[str, str]:
    """Relative path (forward slashes) -> sha256 of every file under root."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@dataclass(frozen=True)
class ShellLink:
    target: str
    arguments: str
    working_dir: str


def read_lnk(data: bytes) -> ShellLink:
    """Target, arguments and working folder of a Windows shell link ([MS-SHLLINK])."""
    if len(data) < 0x4C or struct.unpack_from("<I", data, 0)[0] != 0x4C:
        raise ValueError("not a shell link")
    flags = struct.unpack_from("<I", data, 0x14)[0]
    unicode = bool(flags & 0x80)
    pos = 0x4C
    if flags & 0x01:  # HasLinkTargetIDList
        pos += 2 + struct.unpack_from("<H", data, pos)[0]
    target = ""
    if flags & 0x02:  # HasLinkInfo
        size, header, info_flags, _vol, base_off, _net, suffix_off = struct.unpack_from(
            "<7I", data, pos
        )
        if info_flags & 0x01:  # VolumeIDAndLocalBasePath
            if header >= 0x24:
                base_u, suffix_u = struct.unpack_from("<2I", data, pos + 28)
                target = _utf16z(data, pos + base_u) + _utf16z(data, pos + suffix_u)
            else:
                target = _ansiz(data, pos + base_off) + _ansiz(data, pos + suffix_off)
        pos += size
    strings = {}
    for bit, name in ((0x04, "name"), (0x08, "relative"), (0x10, "workdir"), (0x20, "args")):
        if flags & bit:
            count = struct.unpack_from("<H", data, pos)[0]
            width = 2 if unicode else 1
            raw = data[pos + 2 : pos + 2 + count * width]
            # Wine counts a terminating NUL that Windows leaves out.
            strings[name] = raw.decode("utf-16-le" if unicode else "latin-1").rstrip("\0")
            pos += 2 + count * width
    return ShellLink(target, strings.get("args", ""), strings.get("workdir", ""))


def _utf16z(data: bytes, at: int) -> str:
    end = at
    while data[end : end + 2] != b"\0\0":
        end += 2
    return data[at:end].decode("utf-16-le")


def _ansiz(data: bytes, at: int) -> str:
    return data[at : data.index(b"\0", at)].decode("latin-1")


def registry_key(reg_file: Path, key: str) -> dict[str, str] | None:
    """String values of one key in a Wine registry file (system.reg / user.reg), or None."""
    header = "[" + key.replace("\\", "\\\\") + "]"
    values: dict[str, str] | None = None
    for line in reg_file.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("["):
            if values is not None:
                break
            if line.split("]")[0] + "]" == header:
                values = {}
        elif values is not None:
            match = re.match(r'^"((?:[^"\\]|\\.)*)"="((?:[^"\\]|\\.)*)"$', line)
            if match:
                values[_unescape(match.group(1))] = _unescape(match.group(2))
    return values


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def app_id(iss: Path) -> str:
    """The AppId GUID from the .iss (written there as {{GUID})."""
    match = re.search(r"^AppId=\{(\{[0-9A-Fa-f-]{36}\})", iss.read_text(encoding="utf-8"), re.M)
    if not match:
        raise ValueError(f"no AppId in {iss}")
    return match.group(1)


def uninstall_key(iss: Path, *, wow64: bool = False) -> str:
    node = r"Software\Wow6432Node" if wow64 else "Software"
    return rf"{node}\Microsoft\Windows\CurrentVersion\Uninstall\{app_id(iss)}_is1"


# --- the checks --------------------------------------------------------------------------------


def ico_images(ico: bytes) -> list[bytes]:
    """The images of an .ico file (PNG or BMP data as stored)."""
    reserved, kind, count = struct.unpack_from("<3H", ico, 0)
    if (reserved, kind) != (0, 1):
        raise ValueError("not an .ico file")
    images = []
    for i in range(count):
        size, offset = struct.unpack_from("<2I", ico, 6 + 16 * i + 8)
        images.append(ico[offset : offset + size])
    return images


def check_icon(setup: Path, ico: Path) -> Problems:
    """Setup.exe carries every image of the icon (ISCC stores them as they are)."""
    problems = Problems()
    data = setup.read_bytes()
    images = ico_images(ico.read_bytes())
    missing = sum(1 for image in images if image not in data)
    problems.check(bool(images) and not missing, f"{missing} of {len(images)} icon images absent")
    return problems


class Problems(list[str]):
    def check(self, ok: bool, what: str) -> None:
        if not ok:
            self.append(what)


def check_installed(
    prefix: Path, payload: Path, version: str, iss: Path, *, desktop_icon: bool
) -> Problems:
    problems = Problems()
    app = prefix / "drive_c/Program Files" / APP
    problems.check(
        not (prefix / "drive_c/Program Files (x86)" / APP).exists(),
        "installed under Program Files (x86): not in 64-bit mode",
    )
    expected = tree(payload)
    found = tree(app) if app.is_dir() else {}
    for name in UNINSTALLER:
        problems.check(found.pop(name, None) is not None, f"{name} missing in {app}")
    missing = sorted(set(expected) - set(found))
    extra = sorted(set(found) - set(expected))
    changed = sorted(n for n in set(expected) & set(found) if expected[n] != found[n])
    problems.check(not missing, f"{len(missing)} payload file(s) not installed: {missing[:5]}")
    problems.check(not extra, f"{len(extra)} file(s) that are not in this version: {extra[:5]}")
    problems.check(not changed, f"{len(changed)} file(s) differ from the payload: {changed[:5]}")

    exe = str(APP_DIR_WIN / f"{APP}.exe")
    links = {p.name for p in (prefix / START_MENU).glob(f"*{APP}*")}
    problems.check(links == {name for name, _ in LINKS}, f"Start-menu links: {sorted(links)}")
    wanted = [(prefix / START_MENU / name, args) for name, args in LINKS]
    desktop = prefix / PUBLIC_DESKTOP / f"{APP}.lnk"
    if desktop_icon:
        wanted.append((desktop, ""))
    else:
        problems.check(not desktop.exists(), "a desktop link although the task was not chosen")
    for path, args in wanted:
        if not path.is_file():
            problems.append(f"link missing: {path.relative_to(prefix)}")
            continue
        link = read_lnk(path.read_bytes())
        problems.check(
            (link.target.lower(), link.arguments) == (exe.lower(), args),
            f"{path.name} starts {link.target!r} {link.arguments!r}, not {exe!r} {args!r}",
        )
        problems.check(
            link.working_dir.lower() == str(APP_DIR_WIN).lower(),
            f"{path.name} works in {link.working_dir!r}",
        )

    values = registry_key(prefix / "system.reg", uninstall_key(iss))
    if values is None:
        problems.append("no uninstall entry in the 64-bit registry view")
    else:
        for name, value in (
            ("DisplayName", APP),
            ("DisplayVersion", version),
            ("InstallLocation", str(APP_DIR_WIN) + "\\"),
            ("DisplayIcon", exe),
        ):
            problems.check(values.get(name) == value, f"uninstall {name} = {values.get(name)!r}")
        problems.check(
            f"{APP_DIR_WIN}\\unins000.exe" in values.get("UninstallString", ""),
            f"UninstallString = {values.get('UninstallString')!r}",
        )
    problems.check(
        registry_key(prefix / "system.reg", uninstall_key(iss, wow64=True)) is None,
        "an uninstall entry in the 32-bit registry view",
    )
    return problems


# Wine only: the uninstaller's temporary copy of itself cannot always be deleted under Wine
# (on Windows it goes, or %TEMP% is cleaned); anything else left behind is a finding.
WINE_TEMP = re.compile(r"^drive_c/users/[^/]+/Temp/")


def files_in(prefix: Path) -> set[str]:
    return {p.relative_to(prefix).as_posix() for p in (prefix / "drive_c").rglob("*")}


def check_removed(prefix: Path, snapshot: Path, iss: Path, kept: list[Path]) -> Problems:
    problems = Problems()
    before = set(snapshot.read_text(encoding="utf-8").splitlines())
    kept_names = {p.relative_to(prefix).as_posix() for p in kept}
    kept_dirs = {parent.as_posix() for p in kept_names for parent in Path(p).parents}
    left = sorted(
        p
        for p in files_in(prefix) - before
        if p not in kept_names and p not in kept_dirs and not WINE_TEMP.match(p)
    )
    problems.check(not left, f"left behind after uninstall: {left[:8]}")
    for path in kept:
        problems.check(path.is_file(), f"the uninstaller removed the user's {path.name}")
    for reg in ("system.reg", "user.reg"):
        text = (prefix / reg).read_text(encoding="utf-8", errors="replace")
        problems.check(app_id(iss) not in text, f"the AppId is still in {reg}")
        problems.check(
            f"Program Files\\\\{APP}" not in text, f"the install folder is still named in {reg}"
        )
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    payload = sub.add_parser("payload")
    payload.add_argument("out", type=Path)
    payload.add_argument("version")
    payload.add_argument("--old", action="store_true", help="carry files a newer spec prunes")
    icon = sub.add_parser("icon")
    icon.add_argument("setup", type=Path)
    icon.add_argument("ico", type=Path)
    snap = sub.add_parser("snapshot")
    snap.add_argument("prefix", type=Path)
    snap.add_argument("file", type=Path)
    installed = sub.add_parser("installed")
    installed.add_argument("prefix", type=Path)
    installed.add_argument("payload", type=Path)
    installed.add_argument("version")
    installed.add_argument("--iss", type=Path, required=True)
    installed.add_argument("--desktop-icon", action="store_true")
    removed = sub.add_parser("removed")
    removed.add_argument("prefix", type=Path)
    removed.add_argument("snapshot", type=Path)
    removed.add_argument("--iss", type=Path, required=True)
    removed.add_argument("--kept", type=Path, nargs="*", default=[])
    args = parser.parse_args(argv)

    if args.command == "payload":
        bundle = build_payload(args.out, args.version, old=args.old)
        print(f"{bundle}: {len(tree(bundle))} files")
        return 0
    if args.command == "snapshot":
        args.file.write_text("\n".join(sorted(files_in(args.prefix))) + "\n", encoding="utf-8")
        return 0
    if args.command == "icon":
        problems = check_icon(args.setup, args.ico)
        what = f"{args.setup.name} carries the app icon"
    elif args.command == "installed":
        problems = check_installed(
            args.prefix, args.payload, args.version, args.iss, desktop_icon=args.desktop_icon
        )
        what = f"{APP} {args.version} installed: every file, link and the uninstall entry"
    else:
        problems = check_removed(args.prefix, args.snapshot, args.iss, args.kept)
        what = "uninstalled: nothing left but the user's data"
    for problem in problems:
        print(f"FAIL {problem}", file=sys.stderr)
    print(f"{'FAIL' if problems else 'OK  '} {what}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
