"""The rules dialog of the Orders dock: review (审单), warehouse (分仓), carrier (快递) and
assignment (分配) rules, each kind in its tab in the order they are tried (moved up and down),
switched on and off by their tick; the rule chosen is edited on the right (rule_editor.py) and
saved once validate_rule finds nothing wrong (and its SKU codes exist).

"Dry run" says what the rule as typed would have done to the last orders (how many it matches,
decides, changes, by action, and some of their numbers: a click shows the order in the dock);
"Re-apply to open orders" runs the rules again over the orders waiting in review, as a job.
People who may not write rules see them, unchangeable; the database refuses anyway.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain import rules as r
from erp_desktop.domain.errors import ValidationError
from erp_desktop.services import order_queries as oq
from erp_desktop.services import order_review, shop_settings, stock_reference
from erp_desktop.services.session import AppContext
from erp_desktop.ui import ops
from erp_desktop.ui.docks.orders import rule_texts as rt
from erp_desktop.ui.docks.orders.rule_editor import Choices, RuleEditor

log = logging.getLogger(__name__)
ERROR_STYLE = "color: #c62828"
DRY_RUN_SAMPLES = 8


class RulesDialog(QDialog):
    order_chosen = Signal(int)           # a dry run's sample order clicked: show it in the dock
    orders_changed = Signal()            # rules re-applied: the dock reads the orders again

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *, editable: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editable = editable
        self.rules: list[r.RuleSpec] = []
        self.job: ops.Job | None = None
        self.dry_result: Any = None
        self.reapplied: order_review.ReviewSummary | None = None
        self.setObjectName("orders.rulesDialog")
        self.setWindowTitle(self.tr("Order rules"))
        self.choices = self._load_choices()
        lay = QVBoxLayout(self)
        intro = QLabel(self.tr("Rules are tried from the top; the first whose conditions hold decides. Review rules "
                               "approve, hold or reject new orders; the others choose the warehouse, the carrier "
                               "and who handles the order."))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        split = QSplitter(Qt.Orientation.Horizontal)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("rules.tabs")
        self.lists: dict[str, QListWidget] = {}
        for kind in rt.KINDS:
            lst = QListWidget()
            lst.setObjectName(f"rules.list.{kind}")
            lst.currentItemChanged.connect(lambda cur, _prev: self._show_item(cur))
            lst.itemChanged.connect(self._active_toggled)
            self.lists[kind] = lst
            self.tabs.addTab(lst, rt.kind_label(kind))
        self.tabs.currentChanged.connect(lambda _i: self._show_item(self.current_list().currentItem()))
        ll.addWidget(self.tabs, 1)
        row = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New"))
        self.new_button.setObjectName("rules.new")
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.up_button = QPushButton(self.tr("▲ Up"))
        self.up_button.setToolTip(self.tr("Try the rule earlier"))
        self.down_button = QPushButton(self.tr("▼ Down"))
        self.down_button.setToolTip(self.tr("Try the rule later"))
        for b in (self.new_button, self.delete_button, self.up_button, self.down_button):
            row.addWidget(b)
        row.addStretch(1)
        ll.addLayout(row)
        split.addWidget(left)

        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        self.editor = RuleEditor(self.choices)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        rl.addWidget(scroll, 1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save rule"))
        self.save_button.setObjectName("rules.save")
        self.dry_button = QPushButton(self.tr("&Dry run"))
        self.dry_button.setObjectName("rules.dryRun")
        self.dry_button.setToolTip(self.tr("What the rule as typed would have done to the last orders; "
                                           "nothing is changed"))
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.dry_button)
        buttons.addStretch(1)
        rl.addLayout(buttons)
        self.dry_label = QLabel()
        self.dry_label.setObjectName("rules.dryResult")
        self.dry_label.setWordWrap(True)
        self.dry_label.setTextFormat(Qt.TextFormat.RichText)
        self.dry_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.dry_label.linkActivated.connect(self._sample_clicked)
        rl.addWidget(self.dry_label)
        split.addWidget(right)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 5)
        lay.addWidget(split, 1)

        self.message = QLabel()
        self.message.setObjectName("rules.message")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.reapply_button = box.addButton(self.tr("&Re-apply to open orders"), QDialogButtonBox.ButtonRole.ActionRole)
        self.reapply_button.setObjectName("rules.reapply")
        self.reapply_button.setToolTip(self.tr("Run the rules again over the orders waiting in review "
                                               "(not those a person holds)"))
        box.rejected.connect(self.reject)
        lay.addWidget(box)

        self.new_button.clicked.connect(lambda: self.new_rule())
        self.delete_button.clicked.connect(lambda: self.ask_delete())
        self.up_button.clicked.connect(lambda: self.move(-1))
        self.down_button.clicked.connect(lambda: self.move(1))
        self.save_button.clicked.connect(lambda: self.save())
        self.dry_button.clicked.connect(lambda: self.dry_run())
        self.reapply_button.clicked.connect(lambda: self.reapply())
        for w in (self.new_button, self.delete_button, self.up_button, self.down_button, self.save_button,
                  self.reapply_button):
            w.setEnabled(editable)
        em = self.fontMetrics().horizontalAdvance("M")
        self.resize(em * 100, self.fontMetrics().height() * 46)
        left.setMinimumWidth(em * 16)
        self.split = split
        self._sized = False
        self.reload()

    # ------------------------------------------------------------------ loading
    def _load_choices(self) -> Choices:
        try:
            with self.ctx.sessions() as s:
                return Choices(stock_reference.list_warehouses(s), shop_settings.list_carriers(s),
                               shop_settings.list_users(s))
        except Exception as exc:           # a role that may not read one of them: nothing to choose from
            log.info("cannot load the rules' choices: %s", exc)
            return Choices()

    def reload(self, select_id: int | None = None) -> None:
        try:
            with self.ctx.sessions() as s:
                self.rules = order_review.load_rules(s, active_only=False)
        except Exception as exc:
            self.say(ops.describe_error(exc)[1], error=True)
            self.rules = []
        chosen = select_id if select_id is not None else self.current_id()
        for kind, lst in self.lists.items():
            lst.blockSignals(True)
            lst.clear()
            for rule in sorted((x for x in self.rules if x.kind == kind), key=r.rule_order):
                lst.addItem(self._item(rule))
            lst.blockSignals(False)
        kind = next((x.kind for x in self.rules if x.id == chosen), None)
        if kind is not None:
            self.tabs.setCurrentIndex(rt.KINDS.index(kind))
            lst = self.lists[kind]
            for i in range(lst.count()):
                if lst.item(i).data(Qt.ItemDataRole.UserRole) == chosen:
                    lst.setCurrentRow(i)
        for lst in self.lists.values():         # each tab shows its first rule until another is chosen
            if lst.currentItem() is None and lst.count():
                lst.blockSignals(True)
                lst.setCurrentRow(0)
                lst.blockSignals(False)
        self._show_item(self.current_list().currentItem())

    def _item(self, rule: r.RuleSpec) -> QListWidgetItem:
        item = QListWidgetItem(f"{rule.name} → {rt.action_label(rule.action)}")
        item.setData(Qt.ItemDataRole.UserRole, rule.id)
        flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
        if not self.editable:
            flags &= ~Qt.ItemFlag.ItemIsUserCheckable
        item.setFlags(flags)
        item.setCheckState(Qt.CheckState.Checked if rule.enabled else Qt.CheckState.Unchecked)
        item.setToolTip(self.tr("When %1").replace("%1", rt.describe_conditions(
            [c.to_json() for c in rule.conditions], rule.match)) + ("" if rule.valid else "\n" + self.tr(
                "This rule has errors and is never tried: correct it.")))
        if not rule.valid:
            item.setForeground(Qt.GlobalColor.red)
        return item

    def current_kind(self) -> str:
        return rt.KINDS[self.tabs.currentIndex()]

    def current_list(self) -> QListWidget:
        return self.lists[self.current_kind()]

    def current_id(self) -> int | None:
        item = self.current_list().currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None

    def rule_by_id(self, rule_id: int | None) -> r.RuleSpec | None:
        return next((x for x in self.rules if x.id == rule_id), None)

    def _show_item(self, item: QListWidgetItem | None) -> None:
        rule = self.rule_by_id(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None
        if rule is None:
            self.new_rule()
            return
        self.editor.set_rule(rule)
        self.editor.set_editable(self.editable)
        self.dry_label.clear()
        self._update_buttons()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:             # the list a third of the editor's width, once the dialog has its size
            self._sized = True
            total = sum(self.split.sizes())
            self.split.setSizes([total * 3 // 10, total - total * 3 // 10])

    def _update_buttons(self) -> None:
        lst = self.current_list()
        row = lst.currentRow()
        saved = self.editor.rule is not None and self.editor.rule.id is not None
        self.delete_button.setEnabled(self.editable and saved)
        self.up_button.setEnabled(self.editable and saved and row > 0)
        self.down_button.setEnabled(self.editable and saved and 0 <= row < lst.count() - 1)

    # ------------------------------------------------------------------ editing
    def new_rule(self) -> r.RuleSpec:
        kind = self.current_kind()
        top = max((x.priority for x in self.rules if x.kind == kind), default=0)
        spec = r.RuleSpec(id=None, name="", kind=kind, action=r.ACTIONS[kind][0],
                          priority=top + shop_settings.PRIORITY_STEP)
        self.current_list().blockSignals(True)
        self.current_list().setCurrentRow(-1)
        self.current_list().blockSignals(False)
        self.editor.set_rule(spec)
        self.editor.set_editable(self.editable)
        self.dry_label.clear()
        self._update_buttons()
        if self.editable:
            self.editor.name.setFocus()
        return spec

    def _checked(self) -> r.RuleSpec | None:
        """The rule as typed when nothing is wrong with it; else the errors shown and None."""
        spec = self.editor.spec()
        errors = r.validate_rule(spec)
        extra: dict[int, str] = {}
        skus = [(i, c) for i, c in enumerate(spec.conditions) if c.field == "skus" and isinstance(c.value, tuple)]
        if skus and self.editable:
            with self.ctx.sessions() as s:
                for i, c in skus:
                    unknown = shop_settings.unknown_sku_codes(s, c.value)
                    if unknown:
                        extra[i] = rt.error_text("unknown_sku").replace("%1", ", ".join(unknown))
        self.editor.show_errors(errors, extra)
        if errors or extra:
            self.say(self.tr("The rule is not saved: correct what is marked."), error=True)
            return None
        return spec

    def save(self) -> ops.Job | None:
        if not self.editable:
            return None
        spec = self._checked()
        if spec is None:
            return None
        sessions = self.ctx.sessions

        def work(_ctl: ops.JobControl) -> int:
            with sessions.begin() as s:
                return order_review.save_rule(s, spec)

        def done(rule_id: int) -> None:
            self.reload(select_id=rule_id)
            self.say(self.tr("Rule “%1” saved.").replace("%1", spec.name))

        return self._run(work, done)

    def _run(self, work, done) -> ops.Job:
        self.job = ops.run_job(work, parent=self, show_progress=False, on_finished=done, on_failed=self._failed)
        return self.job

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, ValidationError):
            self.editor.show_errors(exc.errors)
        self.say(ops.describe_error(exc)[1], error=True)

    def _active_toggled(self, item: QListWidgetItem) -> ops.Job | None:
        rule_id = item.data(Qt.ItemDataRole.UserRole)
        active = item.checkState() == Qt.CheckState.Checked
        if not self.editable or rule_id is None:
            return None
        sessions = self.ctx.sessions

        def work(_ctl: ops.JobControl) -> None:
            with sessions.begin() as s:
                shop_settings.set_rule_active(s, rule_id, active)

        return self._run(work, lambda _r: self.reload(select_id=rule_id))

    def set_active(self, rule_id: int, active: bool) -> ops.Job | None:
        """Tick or untick a rule in its list (as a click does)."""
        for lst in self.lists.values():
            for i in range(lst.count()):
                if lst.item(i).data(Qt.ItemDataRole.UserRole) == rule_id:
                    lst.item(i).setCheckState(Qt.CheckState.Checked if active else Qt.CheckState.Unchecked)
                    return self.job
        return None

    def move(self, step: int) -> ops.Job | None:
        lst = self.current_list()
        row = lst.currentRow()
        if not self.editable or row < 0 or not 0 <= row + step < lst.count():
            return None
        ids = [lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lst.count())]
        ids.insert(row + step, ids.pop(row))
        moved, sessions = ids[row + step], self.ctx.sessions

        def work(_ctl: ops.JobControl) -> None:
            with sessions.begin() as s:
                shop_settings.set_rule_order(s, ids)

        return self._run(work, lambda _r: self.reload(select_id=moved))

    def ask_delete(self) -> QMessageBox | None:
        rule = self.editor.rule
        if not self.editable or rule is None or rule.id is None:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete rule"),
                          self.tr("Delete the rule “%1”? Orders keep what it decided.").replace("%1", rule.name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.accepted.connect(lambda: self.delete(rule.id))
        box.open()
        return box

    def delete(self, rule_id: int) -> ops.Job:
        sessions = self.ctx.sessions

        def work(_ctl: ops.JobControl) -> None:
            with sessions.begin() as s:
                order_review.delete_rule(s, rule_id)

        def done(_r: object) -> None:
            self.reload()
            self.say(self.tr("Rule deleted."))

        return self._run(work, done)

    # ------------------------------------------------------------------ dry run, re-apply
    def dry_run(self) -> ops.Job | None:
        spec = self._checked()
        if spec is None:
            return None
        self.say("")
        sessions = self.ctx.sessions

        def work(_ctl: ops.JobControl) -> tuple[Any, dict[int, str]]:
            with sessions() as s:
                result = order_review.dry_run_rule(s, spec)
                rows = oq.get_order_rows(s, list(result.sample_order_ids[:DRY_RUN_SAMPLES]))
            return result, {i: row.platform_order_no for i, row in rows.items()}

        self.dry_label.setText(self.tr("Trying the rule on the last orders…"))
        self.dry_button.setEnabled(False)

        def done(out: tuple[Any, dict[int, str]]) -> None:
            self.dry_button.setEnabled(True)
            self.show_dry_run(*out)

        def failed(exc: BaseException) -> None:
            self.dry_button.setEnabled(True)
            self.dry_label.clear()
            self._failed(exc)

        self.job = ops.run_job(work, parent=self, show_progress=False, on_finished=done, on_failed=failed)
        return self.job

    def show_dry_run(self, result: Any, numbers: dict[int, str]) -> None:
        self.dry_result = result
        loc = QLocale()
        head = (self.tr("Of the last %1 orders it matches %2 and would decide %3; %4 would end differently "
                        "than now.")
                .replace("%1", loc.toString(result.total)).replace("%2", loc.toString(result.matched))
                .replace("%3", loc.toString(result.fired)).replace("%4", loc.toString(result.changed)))
        outcome = ", ".join(f"{self._outcome_label(a)}: {loc.toString(n)}"
                            for a, n in sorted(result.by_action.items(), key=lambda kv: -kv[1]))
        parts = [head]
        if outcome:
            parts.append(self.tr("With the rule in place: %1").replace("%1", outcome))
        samples = [f'<a href="order:{i}">{numbers[i]}</a>' for i in result.sample_order_ids if i in numbers]
        if samples:
            parts.append(self.tr("For example: %1").replace("%1", " ".join(samples)))
        self.dry_label.setText("<br>".join(parts))

    def _outcome_label(self, action: str) -> str:
        return self.tr("no rule (the defaults)") if action == "none" else rt.action_label(action)

    def _sample_clicked(self, link: str) -> None:
        if link.startswith("order:"):
            self.order_chosen.emit(int(link[len("order:"):]))

    def reapply(self) -> ops.Job | None:
        if not self.editable:
            return None
        sessions = self.ctx.sessions

        def work(_ctl: ops.JobControl) -> order_review.ReviewSummary:
            with sessions.begin() as s:
                return order_review.reapply_rules(s)

        def done(summary: order_review.ReviewSummary) -> None:
            self.reapplied = summary
            self.reapply_button.setEnabled(True)
            loc = QLocale()
            self.say(self.tr("Rules re-applied to %1 open orders: %2 approved, %3 waiting for stock, %4 held, "
                             "%5 rejected.")
                     .replace("%1", loc.toString(len(summary.approved) + len(summary.waiting) + len(summary.held)
                                                 + len(summary.rejected)))
                     .replace("%2", loc.toString(len(summary.approved)))
                     .replace("%3", loc.toString(len(summary.waiting)))
                     .replace("%4", loc.toString(len(summary.held)))
                     .replace("%5", loc.toString(len(summary.rejected))))
            self.orders_changed.emit()

        def failed(exc: BaseException) -> None:
            self.reapply_button.setEnabled(True)
            self._failed(exc)

        self.reapply_button.setEnabled(False)
        self.job = ops.run_job(work, parent=self, label=self.tr("Re-applying the rules…"), cancellable=False,
                               on_finished=done, on_failed=failed)
        return self.job

    def say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet(ERROR_STYLE if error else "")
        self.message.setText(text)
