"""What the docks build the same way: their actions, their read-only lists, the category filter,
the file they export to, a streamed export's job, and a keyset list's saved header and order.

The words stay with each dock (its own `tr()` context): these take them as arguments.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QFileDialog, QHeaderView, QMenu, QTableView, QWidget
from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.services.catalog import CategoryInfo
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.models.keyset_table import KeysetTableModel
from erp_desktop.ui.settings import user_settings


def add_action(dock: QWidget, text: str, shortcut: Any, slot: Callable[[], object],
               tip: str | None = None) -> QAction:
    """An action of the dock; its shortcut works while the focus is inside the dock."""
    a = QAction(text, dock)
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
        a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    if tip:
        a.setToolTip(tip)
    a.triggered.connect(lambda _checked=False: slot())
    dock.addAction(a)
    return a


def setup_list_view(view: QTableView, *, stretch_last: bool = False) -> None:
    """A read-only list: one whole row selected at a time, compact rows, columns the user moves and sizes."""
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
    header = view.horizontalHeader()
    header.setSectionsMovable(True)
    header.setHighlightSections(False)
    header.setStretchLastSection(stretch_last)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)


def add_category_tree(combo: QComboBox, categories: Sequence[CategoryInfo]) -> None:
    """The categories after what the combo holds: a tree, each level by name, indented by depth."""
    by_parent: dict[int | None, list[CategoryInfo]] = {}
    for c in categories:
        by_parent.setdefault(c.parent_id, []).append(c)

    def add(parent_id: int | None, depth: int) -> None:
        for c in sorted(by_parent.get(parent_id, []), key=lambda c: c.name):
            combo.addItem("    " * depth + c.name, c.id)
            add(c.id, depth + 1)

    add(None, 0)


# ------------------------------------------------------------------------------------------------
# files
# ------------------------------------------------------------------------------------------------

def last_dir(ctx: AppContext, group: str) -> str:
    """The folder the dock last read or wrote a file in (else the user's documents)."""
    s = user_settings(ctx, group)
    return str(s.value("last_dir", "") or QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation))


def remember_dir(ctx: AppContext, group: str, path: str) -> None:
    user_settings(ctx, group).setValue("last_dir", str(Path(path).parent))


def ask_save_path(parent: QWidget, ctx: AppContext, group: str, title: str, file_name: str, filters: str,
                  ext: str = ".xlsx") -> str | None:
    """Ask where to save (in the last folder), with `ext` added when the name has none; None: cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(Path(last_dir(ctx, group)) / file_name), filters)
    if not path:
        return None
    if not path.lower().endswith(ext):
        path += ext
    remember_dir(ctx, group, path)
    return path


def export_work(sessions: sessionmaker[Session], target: Path,
                export: Callable[[Session, Callable[[int, int], None]], int]) -> Callable[[ops.JobControl], int]:
    """The job of a streamed export `export(session, progress) -> rows`: it shows its progress, and a
    cancel stops it and deletes what was written."""

    def work(ctl: ops.JobControl) -> int:
        def progress(done: int, total: int) -> None:
            ctl.progress(done, total)
            ctl.check()

        with sessions() as s:
            n = export(s, progress)
        if ctl.cancelled:
            target.unlink(missing_ok=True)
            ctl.check()
        return n

    return work


# ------------------------------------------------------------------------------------------------
# a keyset list's header and order
# ------------------------------------------------------------------------------------------------

def restore_list_header(view: QTableView, model: KeysetTableModel, state: Any, default_column: int) -> bool:
    """Restore a saved header state (widths, order, hidden columns, sort indicator) and give the
    model the indicator's order, or `default_column` ascending where the list cannot sort by it.
    Returns whether a saved state was restored.  Sorting is turned on without loading."""
    header = view.horizontalHeader()
    restored = state is not None and header.restoreState(state)
    if not restored:
        header.setSortIndicator(default_column, Qt.SortOrder.AscendingOrder)
    col, order = header.sortIndicatorSection(), header.sortIndicatorOrder()
    if not model.is_sortable(col):
        col, order = default_column, Qt.SortOrder.AscendingOrder
    model.set_sort(model.column_sort_key(col) or "code", order == Qt.SortOrder.DescendingOrder)
    header.setSortIndicator(col, order)
    view.setSortingEnabled(True)      # sorts by the indicator: the model does not load yet
    return restored


def keep_sort_indicator(view: QTableView, model: KeysetTableModel, column: int) -> bool:
    """The user clicked `column`: True when the list can sort by it; else the indicator goes back
    to where the order is (only some columns have an index to sort by) and False."""
    if model.is_sortable(column):
        return True
    view.horizontalHeader().setSortIndicator(
        model.sort_column(), Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder)
    return False


def column_menu(owner: QWidget, view: QTableView, pos: Any, labels: Sequence[str], fixed: int = 0) -> QMenu:
    """The list header's context menu: a tick per column to show or hide it (not the `fixed`
    one, which names the row).  Returned so the caller keeps it alive while it is open."""
    header = view.horizontalHeader()
    menu = QMenu(owner)
    for col, label in enumerate(labels):
        a = menu.addAction(label)
        a.setCheckable(True)
        a.setChecked(not header.isSectionHidden(col))
        a.setEnabled(col != fixed)
        a.toggled.connect(lambda on, c=col: view.setColumnHidden(c, not on))
    menu.popup(header.mapToGlobal(pos))
    return menu


def visible_columns(view: QTableView, keys: Sequence[str], label: Callable[[int], str]) -> list[tuple[str, str]]:
    """(key, heading) of the list's columns shown, in the order shown (what an export writes)."""
    header = view.horizontalHeader()
    return [(keys[col], label(col)) for col in map(header.logicalIndex, range(header.count()))
            if not header.isSectionHidden(col)]

