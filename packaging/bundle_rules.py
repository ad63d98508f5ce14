"""What the Linux bundle leaves to the target system, and the .deb's Depends that supply it.

One list for the PyInstaller spec and the .deb builder. Libraries from the build host's system
folders are not bundled — fontconfig and freetype read the system's own font configuration (a build
host's copies break font lookup on another distribution), and the X/Wayland/GL/D-Bus/GLib stack
belongs to the desktop session — except the few CPython itself links to. The .deb declares the rest,
and `python packaging/bundle_rules.py check DIR` proves every library the bundle needs is either in
it or provided by a declared package (run by packaging/build-deb.sh).

    python packaging/bundle_rules.py depends DIR  the Depends line (libc6 at the bundle's glibc floor)
    python packaging/bundle_rules.py check DIR    fail when DIR needs a library nothing provides
"""
from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

NAME = "fazhi-nianbao"
HOST_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/")
# What CPython's own extension modules link to: bundled, they need nothing but glibc.
PYTHON_RUNTIME_LIBRARIES = ("libssl.so", "libcrypto.so", "libsqlite3.so", "libffi.so", "libbz2.so",
                            "liblzma.so", "libz.so", "libexpat.so", "libreadline.so", "libtinfo.so",
                            "libuuid.so", "libmpdec.so", "libncursesw.so")
# Qt plugins we do not ship: the GTK theme plugin drags in the host's whole GTK 3 stack.
DROPPED_PLUGINS = ("platformthemes/libqgtk3.so",)
# Debian package names as on Debian 11/12, Ubuntu 20.04+, Kylin V10 and UOS 20; "a | b" for renames.
DEBIAN_DEPENDS = (
    "libc6", "libstdc++6", "libgcc-s1 | libgcc1",
    "libfontconfig1", "libfreetype6", "libglib2.0-0 | libglib2.0-0t64", "libdbus-1-3", "libzstd1",
    "libbrotli1", "libgssapi-krb5-2", "libegl1", "libgl1", "libdrm2",
    "libx11-6", "libx11-xcb1", "libxcb1", "libxcb-cursor0", "libxcb-glx0", "libxcb-icccm4",
    "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0", "libxcb-render-util0", "libxcb-render0",
    "libxcb-shape0", "libxcb-shm0", "libxcb-sync1", "libxcb-util1", "libxcb-xfixes0", "libxcb-xkb1",
    "libxkbcommon0", "libxkbcommon-x11-0", "libwayland-client0", "libwayland-cursor0", "libwayland-egl1",
    "libcups2 | libcups2t64",  # QtPrintSupport (文件 ▸ 打印)
)
# Qt's own texts in other languages are left out: the app is in Simplified Chinese.
KEPT_TRANSLATION = "_zh_CN.qm"
GLIBC_LIBRARIES = ("libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so", "libresolv.so", "ld-linux")


def keep_binary(dest: str, source: str) -> bool:
    """Whether PyInstaller's binary entry (destination name, source path) stays in the bundle."""
    if not sys.platform.startswith("linux"):
        return True
    if dest.replace("\\", "/").endswith(DROPPED_PLUGINS):
        return False
    return not source.startswith(HOST_LIBRARY_DIRS) or Path(dest).name.startswith(PYTHON_RUNTIME_LIBRARIES)


def keep_data(dest: str) -> bool:
    """Whether PyInstaller's data entry stays: of Qt's translations only the Chinese ones."""
    dest = dest.replace("\\", "/")
    return "/Qt/translations/" not in dest or dest.endswith(KEPT_TRANSLATION)


def docx_parts_marker() -> str:
    """An empty file to ship as docx/parts/, so the folder python-docx walks through exists."""
    marker = Path(tempfile.mkdtemp(prefix=f"{NAME}-spec-")) / "__init__.py"
    marker.write_text("")
    return str(marker)


def needed_libraries(bundle: Path) -> set[str]:
    """Sonames the bundle's ELF files ask for that the bundle does not carry itself."""
    carried, needed = set(), set()
    for path in bundle.rglob("*"):
        if not path.is_file() or not (".so" in path.name or path.name == NAME):
            continue
        carried.add(path.name)
        dynamic = subprocess.run(["readelf", "-d", str(path)], capture_output=True, text=True,
                                 check=True).stdout
        needed |= {line.split("[", 1)[1].rstrip("]") for line in dynamic.splitlines() if "(NEEDED)" in line}
    return {name for name in needed - carried if not name.startswith(GLIBC_LIBRARIES)}


def providing_package(soname: str) -> str | None:
    """The Debian package on this (build) machine that ships soname, via dpkg's file list."""
    # dpkg exits 1 when no package has the file: that is an answer, not a failure.
    out = subprocess.run(["dpkg", "-S", f"*/{soname}"], capture_output=True, text=True, check=False).stdout
    return out.split(":", 1)[0].strip() if out else None


def glibc_floor(bundle: Path) -> str:
    """The newest GLIBC_x.y symbol version any ELF file in the bundle asks for: its glibc floor."""
    versions = set()
    for path in bundle.rglob("*"):
        if path.is_file() and (".so" in path.name or path.name == NAME):
            symbols = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True,
                                     check=True).stdout
            versions |= set(re.findall(r"GLIBC_(\d+\.\d+(?:\.\d+)?)", symbols))
    return max(versions, key=lambda v: tuple(map(int, v.split("."))))


def depends(bundle: Path) -> str:
    return ", ".join(f"libc6 (>= {glibc_floor(bundle)})" if dep == "libc6" else dep for dep in DEBIAN_DEPENDS)


def check(bundle: Path) -> int:
    declared = {alternative.strip() for dep in DEBIAN_DEPENDS for alternative in dep.split("|")}
    problems = []
    for soname in sorted(needed_libraries(bundle)):
        package = providing_package(soname)
        if package is None or package.split(":")[0] not in declared:
            provider = package or "nothing installed here"
            problems.append(f"{soname}: provided by {provider}, not in DEBIAN_DEPENDS")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["depends"] and len(sys.argv) == 3:
        print(depends(Path(sys.argv[2])))
    elif sys.argv[1:2] == ["check"] and len(sys.argv) == 3:
        sys.exit(check(Path(sys.argv[2])))
    else:
        sys.exit(__doc__)
