"""The main window: every module is a dock; menus, the global search (Ctrl+K) and the status bar."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QByteArray, QProcess, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QToolBar,
    QWidget,
)

import erp_desktop
from erp_desktop.services import catalog
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.bridge import Bridge
from erp_desktop.ui.devices import DeviceHub
from erp_desktop.ui.docks.registry import DOCKS, DockSpec
from erp_desktop.ui.labels import area_label
from erp_desktop.ui.settings import user_settings
from erp_desktop.ui.widgets.global_search import GlobalSearch
from erp_desktop.ui.widgets.scan_filter import ScanDetector, detector_for

log = logging.getLogger(__name__)

LAYOUT_VERSION = 1
PRODUCTS = "dock.products"


class MainWindow(QMainWindow):
    def __init__(self, ctx: AppContext, bridge: Bridge, parent: QWidget | None = None,
                 docks: tuple[DockSpec, ...] = DOCKS, devices: DeviceHub | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bridge = bridge
        self.devices = devices          # this workstation's scanners, scale and printers (ui/devices.py)
        self.setObjectName("mainWindow")
        title = self.tr("erp-desktop — %1").replace("%1", ctx.database)
        if ctx.demo:
            title += " " + self.tr("(demo)")
        self.setWindowTitle(title)
        self.setDockNestingEnabled(True)
        self.setDockOptions(QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowNestedDocks
                            | QMainWindow.DockOption.AllowTabbedDocks)
        self.setTabPosition(Qt.DockWidgetArea.AllDockWidgetAreas, self.tabPosition(Qt.DockWidgetArea.TopDockWidgetArea))

        self.docks: dict[str, QDockWidget] = {}
        for spec in docks:
            if not spec.allowed(ctx.identity):
                continue
            try:
                dock = spec.create(ctx, bridge, self)
            except Exception:
                log.exception("cannot open the module %s", spec.object_name)
                continue
            self.docks[spec.object_name] = dock
        self._specs = {s.object_name: s for s in docks if s.object_name in self.docks}
        self._last_active: QDockWidget | None = None

        self._build_toolbar()
        self._build_menus()
        self._build_status_bar()
        self._place_docks_default()
        self.resize(1280, 800)
        self._default_state = self.saveState(LAYOUT_VERSION)
        self.restore_layout()

        bridge.live_status.connect(self.set_live_status)
        bridge.scanned.connect(self.handle_scan)
        QApplication.instance().focusChanged.connect(self._track_active_dock)

    # ------------------------------------------------------------------ building
    def _build_toolbar(self) -> None:
        tb = QToolBar(self.tr("Search"), self)
        tb.setObjectName("toolbar.main")
        tb.setMovable(False)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        tb.addWidget(spacer)
        self.search = GlobalSearch(self.ctx.sessions, self)
        self.search.sku_chosen.connect(self.show_sku)
        self.search.failed.connect(lambda exc: self.statusBar().showMessage(ops.describe_error(exc)[1], 8000))
        tb.addWidget(self.search)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, tb)
        self.search_scans = ScanDetector(self.search).install()
        self.search_scans.scanned.connect(self._search_field_scanned)

    def _build_menus(self) -> None:
        mb = self.menuBar()
        self.file_menu = mb.addMenu(self.tr("&File"))
        self.import_action = QAction(self.tr("&Import SKUs…"), self)
        self.import_action.triggered.connect(self.import_skus)
        self.import_action.setEnabled(PRODUCTS in self.docks and self.ctx.identity.can("sales"))
        self.export_action = QAction(self.tr("&Export…"), self)
        self.export_action.setShortcut(QKeySequence("Ctrl+E"))
        self.export_action.triggered.connect(self.export_active)
        self.quit_action = QAction(self.tr("&Quit"), self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.close)
        self.connect_action = QAction(self.tr("&Connect to server…"), self)
        self.connect_action.triggered.connect(self.connect_to_server)
        self.file_menu.addAction(self.import_action)
        self.file_menu.addAction(self.export_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.connect_action)
        self.file_menu.addSeparator()
        self.file_menu.addAction(self.quit_action)

        # a dock may bring a menu of its own (Stock: the stock dialogs)
        self.dock_menus: dict[str, QMenu] = {}
        for name, dock in self.docks.items():
            make = getattr(dock, "menu", None)
            menu = make() if callable(make) else None
            if menu is not None:
                mb.addMenu(menu)
                self.dock_menus[name] = menu

        # the packing station (ui/packing_station.py), full screen: Fulfilment menu, F12 anywhere in the window
        self.packing_station = None
        self.packing_action = QAction(self.tr("&Packing station"), self)
        self.packing_action.setObjectName("action.packing_station")
        self.packing_action.setShortcut(QKeySequence("F12"))
        self.packing_action.triggered.connect(self.open_packing_station)
        if self.ctx.identity.can("warehouse"):
            fulfil = self.dock_menus.get("dock.fulfilment")
            if fulfil is None:
                fulfil = mb.addMenu(self.tr("F&ulfilment"))
                fulfil.setObjectName("menu.fulfilment")
            else:
                fulfil.addSeparator()
            fulfil.addAction(self.packing_action)
            self.addAction(self.packing_action)
            sheet = fulfil.addAction(self.tr("Print the packing station's &command sheet…"))
            sheet.setObjectName("action.command_sheet")
            sheet.triggered.connect(self.show_command_sheet)

        if self.ctx.identity.can("admin"):
            self.admin_menu = mb.addMenu(self.tr("&Admin"))
            self.users_action = QAction(self.tr("&Users…"), self)
            self.users_action.triggered.connect(self.show_users)
            self.admin_menu.addAction(self.users_action)
            self.jobs_action = QAction(self.tr("&Background jobs…"), self)
            self.jobs_action.triggered.connect(self.show_jobs)
            self.admin_menu.addAction(self.jobs_action)

        if self.devices is not None:
            self.settings_menu = mb.addMenu(self.tr("&Settings"))
            self.devices_action = QAction(self.tr("&Devices…"), self)
            self.devices_action.setObjectName("action.devices")
            self.devices_action.triggered.connect(self.show_devices)
            self.settings_menu.addAction(self.devices_action)

        self.view_menu = mb.addMenu(self.tr("&View"))
        for dock in self.docks.values():
            self.view_menu.addAction(dock.toggleViewAction())
        if self.docks:
            self.view_menu.addSeparator()
        self.search_action = QAction(self.tr("&Search SKUs"), self)
        self.search_action.setShortcut(QKeySequence("Ctrl+K"))
        self.search_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.search_action.triggered.connect(self.focus_search)
        self.addAction(self.search_action)          # active whether the menu bar is shown or not
        self.view_menu.addAction(self.search_action)
        self.reset_layout_action = QAction(self.tr("&Reset layout"), self)
        self.reset_layout_action.triggered.connect(self.reset_layout)
        self.view_menu.addAction(self.reset_layout_action)

        self.help_menu = mb.addMenu(self.tr("&Help"))
        self.about_action = QAction(self.tr("&About erp-desktop"), self)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def show_users(self) -> None:
        from erp_desktop.ui.users_dialog import UsersDialog

        UsersDialog(self.ctx.sessions, self).exec()

    def show_jobs(self) -> QDialog:
        from erp_desktop.ui.jobs_dialog import JobsDialog

        dlg = JobsDialog(self.ctx.sessions, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def show_command_sheet(self) -> QWidget | None:
        """The command barcodes to stick to the packing bench, in the PDF preview (print or save there)."""
        from erp_desktop.ui.packing_station import command_sheet_pdf
        from erp_desktop.ui.print_preview import show_pdf

        return show_pdf(self, command_sheet_pdf(), self.tr("Packing station commands"))

    def open_packing_station(self) -> QWidget:
        from erp_desktop.ui.packing_station import open_packing_station

        return open_packing_station(self)

    def show_devices(self) -> QDialog | None:
        """Settings > Devices: this workstation's scanners, scale and printers."""
        if self.devices is None:
            return None
        from erp_desktop.ui.devices_dialog import DevicesDialog

        dlg = DevicesDialog(self.devices, self)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.open()
        return dlg

    def connect_to_server(self) -> None:
        """Edit the saved connection; it takes effect when the client starts again."""
        from erp_desktop.ui.connection_dialog import ConnectionDialog

        if ConnectionDialog(self).exec() != QDialog.DialogCode.Accepted:
            return
        answer = QMessageBox.question(
            self, self.tr("Connect to server"),
            self.tr("The new connection is used from the next start. Restart erp-desktop now?"))
        if answer == QMessageBox.StandardButton.Yes:
            QProcess.startDetached(sys.executable, [*sys.orig_argv[1:]])
            self.close()

    def _build_status_bar(self) -> None:
        sb = self.statusBar()
        ctx = self.ctx
        if ctx.mode == "embedded":
            mode = self.tr("Embedded database %1 · %2").replace("%1", ctx.database).replace("%2", ctx.server)
        else:
            mode = self.tr("Shared server %1 · %2").replace("%1", ctx.server).replace("%2", ctx.database)
        if ctx.demo:
            mode = self.tr("DEMO") + " · " + mode
        self.mode_label = QLabel(mode)
        self.mode_label.setObjectName("status.mode")
        ident = ctx.identity
        if ident.user is not None:
            who = ident.user.display_name or ident.user.login
            role = area_label(ident.user.area)
        else:
            who = ident.role_name
            role = self.tr("superuser") if ident.is_superuser else ", ".join(area_label(a) for a in sorted(ident.areas))
        self.user_label = QLabel(self.tr("User: %1 (%2)").replace("%1", who).replace("%2", role))
        self.user_label.setObjectName("status.user")
        self.live_label = QLabel()
        self.live_label.setObjectName("status.live")
        self.live_connected: bool | None = None
        self._show_live(None)
        self.devices_label = QLabel()
        self.devices_label.setObjectName("status.devices")
        self.devices_label.setVisible(False)
        for w in (self.devices_label, self.mode_label, self.user_label, self.live_label):
            w.setContentsMargins(6, 0, 6, 0)
            sb.addPermanentWidget(w)
        if self.devices is not None:
            self.devices.status_changed.connect(self._show_devices)
            self._show_devices()

    def _place_docks_default(self) -> None:
        """Each dock in its area; docks sharing an area are tabbed, the first one in front."""
        first_in_area: dict[Qt.DockWidgetArea, QDockWidget] = {}
        for name, dock in self.docks.items():
            area = self._specs[name].area
            self.addDockWidget(area, dock)
            if area in first_in_area:
                self.tabifyDockWidget(first_in_area[area], dock)
            else:
                first_in_area[area] = dock
            dock.show()
        for dock in first_in_area.values():
            dock.raise_()

    # ------------------------------------------------------------------ layout
    def _layout_settings(self):
        return user_settings(self.ctx, "window")

    def save_layout(self) -> None:
        s = self._layout_settings()
        s.setValue("geometry", self.saveGeometry())
        s.setValue("state", self.saveState(LAYOUT_VERSION))
        s.sync()

    def restore_layout(self) -> bool:
        s = self._layout_settings()
        geometry, state = s.value("geometry"), s.value("state")
        restored = False
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            restored = self.restoreGeometry(geometry)
        if isinstance(state, QByteArray) and not state.isEmpty():
            restored = self.restoreState(state, LAYOUT_VERSION) or restored
        return restored

    def reset_layout(self) -> None:
        self.restoreState(self._default_state, LAYOUT_VERSION)
        for dock in self.docks.values():
            if dock.isFloating():
                dock.setFloating(False)
            dock.show()
        for name in self.docks:
            self.docks[name].raise_()
            break

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        for dock in self.docks.values():
            save = getattr(dock, "save_settings", None)
            if save is not None:
                save()
        super().closeEvent(event)

    def _show_devices(self, *_: object) -> None:
        """The serial scanner, the scale and the label printer, red when one needs attention."""
        text, attention = self.devices.describe() if self.devices is not None else ("", False)
        self.devices_label.setText(text)
        self.devices_label.setVisible(bool(text))
        self.devices_label.setStyleSheet("color: #c62828; font-weight: bold" if attention else "")

    # ------------------------------------------------------------------ live status
    def set_live_status(self, connected: bool) -> None:
        self._show_live(bool(connected))

    def _show_live(self, connected: bool | None) -> None:
        self.live_connected = connected
        if connected is None:
            text, color = self.tr("● Live updates: connecting…"), "#757575"
        elif connected:
            text, color = self.tr("● Live updates: on"), "#2e7d32"
        else:
            text, color = self.tr("● Live updates: disconnected"), "#c62828"
        self.live_label.setText(text)
        self.live_label.setStyleSheet(f"color: {color}; font-weight: bold" if connected is False
                                      else f"color: {color}")
        self.live_label.setToolTip(self.tr("Changes made by others show here within a second while live "
                                           "updates are on."))

    # ------------------------------------------------------------------ search, scans, SKUs
    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def products_dock(self):
        return self.docks.get(PRODUCTS)

    def show_dock(self, name: str) -> QDockWidget | None:
        dock = self.docks.get(name)
        if dock is not None:
            dock.show()
            dock.raise_()
        return dock

    def show_sku(self, sku_id: int) -> bool:
        """Show the Products dock and select the SKU in it."""
        dock = self.show_dock(PRODUCTS)
        if dock is None:
            return False
        ok = dock.select_sku(sku_id)
        if ok:
            dock.view.setFocus(Qt.FocusReason.OtherFocusReason)
        return ok

    def _search_field_scanned(self, code: str) -> None:
        self.search.cancel()
        self.search.clear()
        self.scan_to_sku(code)

    def scan_to_sku(self, code: str) -> bool:
        try:
            with self.ctx.sessions() as s:
                sku_id = catalog.find_sku_by_barcode(s, code.strip())
        except Exception as exc:
            self.statusBar().showMessage(ops.describe_error(exc)[1], 8000)
            return False
        if sku_id is None:
            self.statusBar().showMessage(self.tr("Unknown barcode: %1").replace("%1", code), 8000)
            return False
        return self.show_sku(sku_id)

    def handle_scan(self, code: str) -> None:
        """A scan from a serial scanner (bridge.scanned): the active dock handles it, else Products."""
        if self.packing_station is not None and self.packing_station.isVisible():
            return              # the packing station has the scanner while it is open
        # the focused screen: the scan detector whose scope holds the focus (the slot a keyboard-wedge
        # scan there reaches when the docks detect their own), else the nearest widget with handle_scan
        focus = QApplication.focusWidget()
        detector = detector_for(focus)
        if detector is not None:
            detector.scanned.emit(code)
            return
        w = focus
        while w is not None:
            if w is not self and callable(getattr(w, "handle_scan", None)):
                w.handle_scan(code)
                return
            w = w.parentWidget()
        dock = self._last_active if self._last_active is not None and self._last_active.isVisible() else None
        if dock is None or not hasattr(dock, "handle_scan"):
            dock = self.show_dock(PRODUCTS)
        if dock is not None and hasattr(dock, "handle_scan"):
            dock.handle_scan(code)
        else:
            self.scan_to_sku(code)

    def _track_active_dock(self, _old: QWidget | None, new: QWidget | None) -> None:
        while new is not None:
            if isinstance(new, QDockWidget) and new in self.docks.values():
                self._last_active = new
                return
            new = new.parentWidget()

    # ------------------------------------------------------------------ menus
    def import_skus(self) -> None:
        dock = self.show_dock(PRODUCTS)
        if dock is not None:
            dock.choose_import_file()

    def export_active(self) -> None:
        dock = self._last_active if self._last_active is not None and self._last_active.isVisible() else None
        if dock is None or not hasattr(dock, "choose_export_file"):
            dock = self.show_dock(PRODUCTS)
        if dock is not None and hasattr(dock, "choose_export_file"):
            dock.choose_export_file()

    def show_about(self) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Information, self.tr("About erp-desktop"),
                          self.tr("<b>erp-desktop %1</b><p>The ERP for companies that sell on several "
                                  "platforms at once: catalogue, stock, orders, fulfilment and finance on "
                                  "one PostgreSQL database.</p><p>Qt %2 · PySide6</p>")
                          .replace("%1", erp_desktop.__version__).replace("%2", _qt_version()),
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box


def _qt_version() -> str:
    from PySide6.QtCore import qVersion

    return qVersion()
