"""One typed wrapper over QSettings: every preference the window keeps between runs.

User data (reports, snapshots) lives in the database, never here.
"""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from core.export_options import DEFAULT_FONT_SET, DEFAULT_VARIANT
from core.paths import APP_DIR_NAME

ORGANIZATION = APPLICATION = APP_DIR_NAME


class _Setting:
    """A typed QSettings entry used as a class attribute: `settings.last_report_id = 3`."""

    def __init__(self, key: str, kind: type, default):
        self.key, self.kind, self.default = key, kind, default

    def __get__(self, owner, _type=None):
        if owner is None:
            return self
        value = owner.qsettings.value(self.key, self.default)
        if value is None:
            return self.default
        if self.kind is bool and isinstance(value, str):
            return value.lower() in ("true", "1")
        if self.kind is list:
            return [int(v) for v in value] if isinstance(value, list) else self.default
        try:
            return self.kind(value)
        except (TypeError, ValueError):
            return self.default

    def __set__(self, owner, value) -> None:
        owner.qsettings.setValue(self.key, value)


class Settings:
    window_geometry = _Setting("window/geometry", QByteArray, QByteArray())
    window_state = _Setting("window/state", QByteArray, QByteArray())
    splitter_sizes = _Setting("window/splitter_sizes", list, [])
    previous_year_pane_visible = _Setting("window/previous_year_pane_visible", bool, True)
    pane_splitter_sizes = _Setting("window/pane_splitter_sizes", list, [])
    last_report_id = _Setting("session/last_report_id", int, 0)
    last_archive = _Setting("files/last_archive", str, "")
    server_login = _Setting("files/server_login", str, "")  # gui/server_connect.py: no password in it
    last_on_server = _Setting("files/last_on_server", bool, False)  # the next start connects (server_connect)
    last_import_dir = _Setting("files/last_import_dir", str, "")
    last_export_dir = _Setting("files/last_export_dir", str, "")
    export_variant = _Setting("export/variant", str, DEFAULT_VARIANT)
    open_after_export = _Setting("export/open_after", bool, True)
    export_figures_table = _Setting("export/figures_table", bool, False)  # 附主要数据对照表
    font_set = _Setting("export/font_set", str, DEFAULT_FONT_SET)

    def __init__(self, qsettings: QSettings | None = None):
        self.qsettings = qsettings or QSettings(ORGANIZATION, APPLICATION)

    def sync(self) -> None:
        self.qsettings.sync()
