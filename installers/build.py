"""Build Consulta's frozen bundle and the installer for this system.

    python installers/build.py [--bundle-only]

Run it with the project's virtual environment, after ``pip install -e ".[build]"``
(PyInstaller, pinned). Steps:

1. icons: installers/make_icons.py -> build/icons (PNG, ICO, ICNS, from resources/icons/app.svg);
2. bundle: PyInstaller with installers/consulta.spec -> dist/consulta/ (dist/Consulta.app on macOS);
3. installer (skipped with --bundle-only):
   Linux   -> dist/consulta-<version>-linux-<arch>.tar.gz (bundle + install.sh + desktop files);
   Windows -> dist/consulta-<version>-setup.exe with Inno Setup 6 (ISCC.exe on PATH or in its
              default folder);
   macOS   -> dist/Consulta-<version>.dmg with installers/macos/build_dmg.sh.

Nothing is downloaded: PyInstaller works offline once installed.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = ROOT / "dist"
WORK = ROOT / "build" / "pyinstaller"
ICONS = ROOT / "build" / "icons"


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from consulta import __version__

    return __version__


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mib(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MiB"


def make_icons() -> None:
    subprocess.run([sys.executable, str(HERE / "make_icons.py"), str(ICONS)], check=True)


def pyinstaller() -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(HERE / "consulta.spec"),
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(DIST),
            "--workpath",
            str(WORK),
        ],
        check=True,
        cwd=ROOT,
    )
    return DIST / ("Consulta.app" if sys.platform == "darwin" else "consulta")


def linux_arch() -> str:
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "aarch64"}.get(machine, machine)


def _tar_filter(info: tarfile.TarInfo) -> tarfile.TarInfo:
    info.uid = info.gid = 0
    info.uname = info.gname = ""
    return info


def linux_tarball(bundle: Path, ver: str) -> Path:
    """consulta-<ver>/{consulta/, install.sh, uninstall.sh, share/...} as a .tar.gz."""
    top = f"consulta-{ver}"
    target = DIST / f"{top}-linux-{linux_arch()}.tar.gz"
    linux = HERE / "linux"
    with tarfile.open(target, "w:gz", compresslevel=6) as tar:
        tar.add(bundle, arcname=f"{top}/consulta", filter=_tar_filter)
        for script in ("install.sh", "uninstall.sh"):
            tar.add(linux / script, arcname=f"{top}/{script}", filter=_tar_filter)
        share = f"{top}/share"
        tar.add(linux / "consulta.desktop", f"{share}/consulta.desktop", filter=_tar_filter)
        tar.add(linux / "consulta-mime.xml", f"{share}/consulta-mime.xml", filter=_tar_filter)
        tar.add(ICONS / "hicolor", f"{share}/icons/hicolor", filter=_tar_filter)
        tar.add(HERE / "README.md", f"{top}/README.md", filter=_tar_filter)
    return target


def find_iscc() -> str | None:
    found = shutil.which("ISCC") or shutil.which("iscc")
    if found:
        return found
    for base in (os.environ.get("PROGRAMFILES(X86)"), os.environ.get("PROGRAMFILES")):
        if base and (Path(base) / "Inno Setup 6" / "ISCC.exe").is_file():
            return str(Path(base) / "Inno Setup 6" / "ISCC.exe")
    return None


def windows_setup(ver: str) -> Path | None:
    iscc = find_iscc()
    if iscc is None:
        print("build: Inno Setup 6 (ISCC.exe) not found: install it, then run this again.")
        return None
    subprocess.run(
        [
            iscc,
            f"/DAppVersion={ver}",
            f"/DSourceDir={DIST / 'consulta'}",
            f"/DIconsDir={ICONS}",
            f"/O{DIST}",
            str(HERE / "windows" / "consulta.iss"),
        ],
        check=True,
    )
    return DIST / f"consulta-{ver}-setup.exe"


def macos_dmg(ver: str) -> Path:
    target = DIST / f"Consulta-{ver}.dmg"
    subprocess.run(
        ["bash", str(HERE / "macos" / "build_dmg.sh"), str(DIST / "Consulta.app"), str(target)],
        check=True,
    )
    return target


def main(argv: list[str]) -> int:
    started = time.monotonic()
    ver = version()
    make_icons()
    bundle = pyinstaller()
    print(f"build: bundle {bundle} ({mib(folder_size(bundle))})")
    if "--bundle-only" not in argv:
        if sys.platform.startswith("linux"):
            package: Path | None = linux_tarball(bundle, ver)
        elif sys.platform == "win32":
            package = windows_setup(ver)
        elif sys.platform == "darwin":
            package = macos_dmg(ver)
        else:
            package = None
        if package is not None:
            print(f"build: installer {package} ({mib(package.stat().st_size)})")
    print(f"build: done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
