"""The desktop client: connect (embedded or shared), start live updates, show the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from erp_desktop import bootstrap
from erp_desktop.db.listener import ChangeListener

log = logging.getLogger(__name__)


def run_gui(*, demo: bool, lang: str | None, screenshot: Path | None, database: str | None) -> int:
    from erp_desktop.ui import app as ui_app
    from erp_desktop.ui.bridge import Bridge
    from erp_desktop.ui.main_window import MainWindow

    qapp = ui_app.create_application(sys.argv, lang)
    try:
        conn = _connect_with_dialog(demo=demo, database=database)
    except bootstrap.StartupError as exc:
        ui_app.show_startup_error(str(exc))
        return 2
    if conn is None:  # the user cancelled the connection dialog
        return 1
    bridge = Bridge()
    listener = ChangeListener(conn.listen_conninfo, bridge.on_change, bridge.on_status, bridge.on_reconnect)
    try:
        window = MainWindow(conn.ctx, bridge)
        listener.start()
        if screenshot is not None:
            ui_app.screenshot(window, screenshot)
            return 0
        window.show()
        return qapp.exec()
    finally:
        listener.stop()
        conn.close()


def _connect_with_dialog(*, demo: bool, database: str | None) -> bootstrap.Connection | None:
    """Connect as configured; on a shared server without a usable password, ask for one."""
    from erp_desktop.ui.connection_dialog import ask_password

    return bootstrap.connect(demo=demo, database=database, password_prompt=ask_password)
