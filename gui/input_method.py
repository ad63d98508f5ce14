"""Chinese input for fcitx users with the PySide6 wheel's Qt (runs before the QApplication exists).

The wheel's Qt ships only the compose, ibus and virtual-keyboard input plugins, and a distribution's
fcitx plugin is built against another Qt and will not load. fcitx5 also answers the IBus portal
protocol, so a session that asks for fcitx gets Qt's list "<requested>;ibus" (Qt 6 takes the first
plugin that loads) and the ibus plugin in portal mode, which does not need an ibus-daemon on PATH.
The same settings still work on a real IBus desktop, and with no input method running Qt falls back
to plain typing. fcitx 4 has no IBus side: only an fcitx plugin built for the wheel's exact Qt would
serve it (see the README).

No Qt import here: the variables must be set before Qt reads them.
"""
from __future__ import annotations

import os
import sys
from collections.abc import Mapping, MutableMapping

# An explicit QT_IM_MODULE other than these (qtvirtualkeyboard, wayland, …) is the user's choice.
OVERRIDABLE_MODULES = ("", "xim", "ibus")


def input_method_settings(env: Mapping[str, str], platform: str) -> dict[str, str]:
    """The variables to add to env so that fcitx input works; {} when nothing should change."""
    if not platform.startswith("linux") or "QT_IM_MODULES" in env:
        return {}
    requested = env.get("QT_IM_MODULE", "")
    if requested.startswith("fcitx"):
        first = requested
    elif "fcitx" in env.get("XMODIFIERS", "") and requested in OVERRIDABLE_MODULES:
        first = "fcitx"
    else:
        return {}
    settings = {"QT_IM_MODULES": f"{first};ibus"}
    if "IBUS_USE_PORTAL" not in env:
        settings["IBUS_USE_PORTAL"] = "1"
    return settings


def set_up_input_method(env: MutableMapping[str, str] = os.environ, platform: str = sys.platform) -> None:
    env.update(input_method_settings(env, platform))
