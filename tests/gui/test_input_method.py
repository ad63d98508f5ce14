"""Which input-method variables the app sets before Qt starts, for each kind of session."""
import pytest

from gui.input_method import input_method_settings, set_up_input_method

PORTAL = {"IBUS_USE_PORTAL": "1"}


@pytest.mark.parametrize("env, expected", [
    ({"QT_IM_MODULE": "fcitx", "XMODIFIERS": "@im=fcitx"}, {"QT_IM_MODULES": "fcitx;ibus", **PORTAL}),
    ({"QT_IM_MODULE": "fcitx5"}, {"QT_IM_MODULES": "fcitx5;ibus", **PORTAL}),
    ({"XMODIFIERS": "@im=fcitx"}, {"QT_IM_MODULES": "fcitx;ibus", **PORTAL}),  # QT_IM_MODULE unset
    ({"QT_IM_MODULE": "xim", "XMODIFIERS": "@im=fcitx"}, {"QT_IM_MODULES": "fcitx;ibus", **PORTAL}),
    ({"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=fcitx"}, {"QT_IM_MODULES": "fcitx;ibus", **PORTAL}),
    ({"QT_IM_MODULE": "fcitx", "IBUS_USE_PORTAL": "0"}, {"QT_IM_MODULES": "fcitx;ibus"}),
], ids=["fcitx-session", "fcitx5-module", "xmodifiers-only", "xim", "ibus-on-fcitx", "portal-preset"])
def test_fcitx_sessions_get_the_ibus_portal_as_fallback(env, expected):
    assert input_method_settings(env, "linux") == expected


@pytest.mark.parametrize("env", [
    {},  # no input method
    {"QT_IM_MODULE": "ibus", "XMODIFIERS": "@im=ibus"},  # a real IBus desktop works as it is
    {"QT_IM_MODULE": "fcitx", "QT_IM_MODULES": "wayland;fcitx"},  # the user's own list wins
    {"QT_IM_MODULE": "qtvirtualkeyboard", "XMODIFIERS": "@im=fcitx"},  # an explicit other plugin
], ids=["none", "ibus-session", "own-list", "virtual-keyboard"])
def test_other_sessions_are_left_alone(env):
    assert input_method_settings(env, "linux") == {}


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_only_linux_is_touched(platform):
    assert input_method_settings({"QT_IM_MODULE": "fcitx"}, platform) == {}


def test_set_up_changes_the_given_environment():
    env = {"QT_IM_MODULE": "fcitx", "LANG": "zh_CN.UTF-8"}
    set_up_input_method(env, "linux")
    assert env == {"QT_IM_MODULE": "fcitx", "LANG": "zh_CN.UTF-8",
                   "QT_IM_MODULES": "fcitx;ibus", "IBUS_USE_PORTAL": "1"}
