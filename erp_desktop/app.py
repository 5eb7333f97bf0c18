"""The desktop client: connect (embedded or shared), start live updates and the background job
runner (when the user may run jobs), show the main window."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from erp_desktop import bootstrap
from erp_desktop.db.listener import ChangeListener

log = logging.getLogger(__name__)


def run_gui(*, demo: bool, lang: str | None, screenshot: Path | None, database: str | None) -> int:
    from erp_desktop.services import job_runner
    from erp_desktop.ui import app as ui_app
    from erp_desktop.ui.bridge import Bridge
    from erp_desktop.ui.devices import DeviceHub
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
    runner = None
    hub = None
    try:
        # this workstation's scanners, scale and printers, before the window: its docks find the hub
        hub = DeviceHub(bridge).start()
        window = MainWindow(conn.ctx, bridge, devices=hub)
        listener.start()
        if screenshot is not None:
            ui_app.screenshot(window, screenshot)
            return 0
        # every open client runs due jobs (claimed once however many run them, DESIGN.md §2)
        runner = job_runner.start_for(conn.ctx.sessions, conn.ctx.identity)
        window.show()
        return qapp.exec()
    finally:
        if hub is not None:
            hub.stop()
        if runner is not None:
            runner.stop(timeout=5.0)
        listener.stop()
        conn.close()


def _connect_with_dialog(*, demo: bool, database: str | None) -> bootstrap.Connection | None:
    """Connect as configured; on a shared server without a usable password, ask for one."""
    from erp_desktop.ui.connection_dialog import ask_password

    return bootstrap.connect(demo=demo, database=database, password_prompt=ask_password)
