"""The editor of one rule: its name, all or any of its conditions (a field, an operator that fits
the field's kind, and a value editor that fits the operator: text, a list of keywords or SKU
codes, a number, a count, a date and time, a range, hours of the day), its action and the
action's parameters (a reason, a warehouse, warehouses in order, a carrier and its service, a
person, a team).  `spec()` builds the RuleSpec as typed; `show_errors()` puts what validate_rule
finds next to the part it is about.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from erp_desktop.domain import rules as r
from erp_desktop.domain.errors import FieldError
from erp_desktop.services.shop_settings import CarrierInfo, UserBrief
from erp_desktop.services.stock_reference import WarehouseInfo
from erp_desktop.ui.docks.orders import rule_texts as rt
from erp_desktop.ui.docks.orders.texts import CANCEL_REASONS, HOLD_REASONS, reason_text

ERROR_STYLE = "color: #c62828"
DATETIME_FORMAT = "yyyy-MM-dd HH:mm"


@dataclass(frozen=True)
class Choices:
    """What the parameters choose from."""

    warehouses: Sequence[WarehouseInfo] = ()
    carriers: Sequence[CarrierInfo] = ()
    users: Sequence[UserBrief] = ()


def _error_label() -> QLabel:
    label = QLabel()
    label.setStyleSheet(ERROR_STYLE)
    label.setWordWrap(True)
    label.hide()
    return label


def _set_error(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def _datetime_edit() -> QDateTimeEdit:
    e = QDateTimeEdit(QDateTime.currentDateTime())
    e.setCalendarPopup(True)
    e.setDisplayFormat(DATETIME_FORMAT)
    return e


def _aware(edit: QDateTimeEdit) -> str:
    """The edit's local date and time with the machine's time zone, as rules store it."""
    return edit.dateTime().toPython().replace(second=0, microsecond=0).astimezone().isoformat()


def _set_when(edit: QDateTimeEdit, value: Any) -> None:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return
    if isinstance(value, dt.datetime):
        local = value.astimezone() if value.utcoffset() is not None else value
        edit.setDateTime(QDateTime(local.replace(tzinfo=None)))


def _plain(value: Any) -> str:
    return format(value, "f") if isinstance(value, Decimal) else ("" if value is None else str(value))


class ValueEditor(QWidget):
    """The value of a condition in the form its operator takes (domain/rules.value_shape)."""

    def __init__(self, shape: str, field_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shape = shape
        self.field_name = field_name
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.get: Callable[[], Any] = lambda: None
        self.put: Callable[[Any], None] = lambda _v: None
        em = self.fontMetrics().horizontalAdvance("M")
        if shape in ("text", "texts", "number"):
            e = QLineEdit()
            e.setObjectName("rules.value")
            e.setMinimumWidth(em * (18 if shape == "texts" else 9))
            if shape == "texts":
                e.setPlaceholderText(self.tr("SKU codes, apart by commas") if field_name == "skus"
                                     else self.tr("Words, apart by commas"))
                self.get = lambda: rt.split_words(e.text())
                self.put = lambda v: e.setText(", ".join(str(x) for x in (v or ())))
            elif shape == "number":
                e.setAlignment(Qt.AlignmentFlag.AlignRight)
                self.get = lambda: e.text().strip().replace(",", "")
                self.put = lambda v: e.setText(_plain(v))
            else:
                self.get = lambda: e.text()
                self.put = lambda v: e.setText(_plain(v))
            lay.addWidget(e, 1)
            self.edits: list[QWidget] = [e]
        elif shape == "count":
            n = QSpinBox()
            n.setRange(0, 1_000_000)
            self.get = n.value
            self.put = lambda v: n.setValue(int(v or 0))
            lay.addWidget(n)
            lay.addStretch(1)
            self.edits = [n]
        elif shape == "datetime":
            d = _datetime_edit()
            self.get = lambda: _aware(d)
            self.put = lambda v: _set_when(d, v)
            lay.addWidget(d)
            lay.addStretch(1)
            self.edits = [d]
        elif shape in ("hours", "number_range", "datetime_range"):
            if shape == "hours":
                a, b = QSpinBox(), QSpinBox()
                a.setRange(0, 23)
                b.setRange(0, 24)
                a.setValue(22)
                b.setValue(6)
                a.setSuffix(self.tr(" h"))
                b.setSuffix(self.tr(" h"))
                self.get = lambda: [a.value(), b.value()]
                self.put = lambda v: (a.setValue(int(v[0])), b.setValue(int(v[1])))
            elif shape == "number_range":
                a, b = QLineEdit(), QLineEdit()
                for e in (a, b):
                    e.setAlignment(Qt.AlignmentFlag.AlignRight)
                    e.setMaximumWidth(em * 8)
                self.get = lambda: [a.text().strip(), b.text().strip()]
                self.put = lambda v: (a.setText(_plain(v[0])), b.setText(_plain(v[1])))
            else:
                a, b = _datetime_edit(), _datetime_edit()
                self.get = lambda: [_aware(a), _aware(b)]
                self.put = lambda v: (_set_when(a, v[0]), _set_when(b, v[1]))
            lay.addWidget(a)
            lay.addWidget(QLabel(self.tr("to")))
            lay.addWidget(b)
            lay.addStretch(1)
            self.edits = [a, b]
        else:                                   # none: the operator says it all
            self.edits = []
            lay.addStretch(1)

    def value(self) -> Any:
        return self.get()

    def set_value(self, value: Any) -> None:
        with contextlib.suppress(TypeError, ValueError, IndexError):    # a value of another shape: left as is
            self.put(value)


class ConditionRow(QWidget):
    """field · operator · value · ✕, and what is wrong with it underneath."""

    removed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(2)
        row = QHBoxLayout()
        self.field = QComboBox()
        self.field.setObjectName("rules.field")
        for name in r.FIELDS:
            self.field.addItem(rt.field_label(name), name)
        self.op = QComboBox()
        self.op.setObjectName("rules.op")
        self.value_box = QHBoxLayout()
        self.value_editor = ValueEditor("none", "", self)
        self.value_box.addWidget(self.value_editor)
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip(self.tr("Remove the condition"))
        self.remove.clicked.connect(lambda: self.removed.emit(self))
        row.addWidget(self.field)
        row.addWidget(self.op)
        row.addLayout(self.value_box, 1)
        row.addWidget(self.remove)
        outer.addLayout(row)
        self.error = _error_label()
        outer.addWidget(self.error)
        self.field.currentIndexChanged.connect(self._field_changed)
        self.op.currentIndexChanged.connect(self._op_changed)
        self._field_changed()

    def field_name(self) -> str:
        return str(self.field.currentData())

    def op_name(self) -> str:
        return str(self.op.currentData() or "")

    def _field_changed(self, *_: object) -> None:
        kind = r.FIELDS[self.field_name()].kind
        before = self.op_name()
        self.op.blockSignals(True)
        self.op.clear()
        for op in r.OPERATORS[kind]:
            self.op.addItem(rt.op_label(op, kind), op)
        self.op.setCurrentIndex(max(self.op.findData(before), 0))
        self.op.blockSignals(False)
        self._op_changed()

    def _op_changed(self, *_: object) -> None:
        shape = r.value_shape(self.field_name(), self.op_name())
        old = self.value_editor
        if old.shape == shape and old.field_name == self.field_name():
            return
        keep = old.value() if old.shape == shape else None
        editor = ValueEditor(shape, self.field_name(), self)
        if keep is not None:
            editor.set_value(keep)
        self.value_box.replaceWidget(old, editor)
        old.hide()
        old.deleteLater()
        self.value_editor = editor
        _set_error(self.error, "")

    def set_condition(self, cond: r.Condition) -> None:
        self.field.setCurrentIndex(max(self.field.findData(cond.field), 0))
        self.op.setCurrentIndex(max(self.op.findData(cond.op), 0))
        if cond.value is not None:
            self.value_editor.set_value(cond.value)

    def condition(self) -> r.Condition:
        value = self.value_editor.value() if self.value_editor.shape != "none" else None
        return r.Condition(self.field_name(), self.op_name(), value)

    def set_error(self, text: str) -> None:
        _set_error(self.error, text)


class ParamsEditor(QStackedWidget):
    """The parameters of each action, one page per action; only the chosen action's page shows."""

    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choices = choices
        self.pages: dict[str, int] = {}
        self.getters: dict[str, dict[str, Callable[[], Any]]] = {}
        self.setters: dict[str, dict[str, Callable[[Any], None]]] = {}
        self.errors: dict[str, dict[str, QLabel]] = {}
        self.widgets: dict[tuple[str, str], QWidget] = {}
        for action in r.PARAMS:
            self._page(action)

    def _page(self, action: str) -> None:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        self.getters[action], self.setters[action], self.errors[action] = {}, {}, {}
        for name in r.PARAMS[action]:
            widget, get, put = self._param_widget(action, name)
            widget.setObjectName(f"rules.param.{action}.{name}")
            self.widgets[(action, name)] = widget
            box = QWidget()
            v = QVBoxLayout(box)
            v.setContentsMargins(0, 0, 0, 0)
            v.setSpacing(2)
            v.addWidget(widget)
            error = _error_label()
            v.addWidget(error)
            form.addRow(rt.param_label(name), box)
            self.getters[action][name], self.setters[action][name], self.errors[action][name] = get, put, error
        self.pages[action] = self.addWidget(page)

    def _param_widget(self, action: str, name: str) -> tuple[QWidget, Callable[[], Any], Callable[[Any], None]]:
        em = self.fontMetrics().horizontalAdvance("M")
        if name == "reason" and action in (r.HOLD, r.REJECT):
            combo = QComboBox()
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            combo.setMinimumContentsLength(24)
            for code in (HOLD_REASONS if action == r.HOLD else CANCEL_REASONS):
                combo.addItem(reason_text(code), code)
            combo.setCurrentIndex(-1)
            combo.lineEdit().setPlaceholderText(self.tr("Choose or type the reason the order desk will see"))

            def get_reason() -> str:
                text = combo.currentText().strip()
                i = combo.findText(text)
                return str(combo.itemData(i)) if i >= 0 and combo.itemData(i) else text

            def put_reason(v: Any) -> None:
                i = combo.findData(v)
                combo.setCurrentIndex(i) if i >= 0 else combo.setEditText(str(v or ""))
            return combo, get_reason, put_reason
        if name in ("reason", "service", "team"):
            e = QLineEdit()
            e.setMinimumWidth(em * 16)
            return e, lambda: e.text().strip(), lambda v: e.setText(str(v or ""))
        if name in ("warehouse_id", "carrier_id", "user"):
            combo = QComboBox()
            combo.addItem(self.tr("— choose —"), None)
            if name == "warehouse_id":
                for w in self.choices.warehouses:
                    combo.addItem(f"{w.code} · {w.name}", w.id)
            elif name == "carrier_id":
                for c in self.choices.carriers:
                    combo.addItem(c.name, c.id)
            else:
                for u in self.choices.users:
                    combo.addItem(f"{u.name} ({u.login})" if u.name != u.login else u.login, u.login)

            def put_choice(v: Any, c: QComboBox = combo) -> None:
                i = c.findData(v)
                c.setCurrentIndex(max(i, 0))
            return combo, combo.currentData, put_choice
        # warehouse_ids, members: several, checked, in the order shown (dragged to reorder)
        items = ([(w.id, f"{w.code} · {w.name}") for w in self.choices.warehouses] if name == "warehouse_ids"
                 else [(u.login, f"{u.name} ({u.login})" if u.name != u.login else u.login)
                       for u in self.choices.users])
        lst = QListWidget()
        lst.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        lst.setMaximumHeight(self.fontMetrics().height() * 7)
        lst.setToolTip(self.tr("Tick the ones to use; drag them into the order they are tried in")
                       if name == "warehouse_ids" else self.tr("Tick the team's members; orders go to each in turn"))

        def fill(chosen: Sequence[Any]) -> None:
            lst.clear()
            order = [k for k in chosen if any(k == i for i, _ in items)] + \
                [i for i, _ in items if i not in chosen]
            for key in order:
                item = QListWidgetItem(dict(items)[key])
                item.setData(Qt.ItemDataRole.UserRole, key)
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Checked if key in chosen else Qt.CheckState.Unchecked)
                lst.addItem(item)

        def checked() -> list[Any]:
            return [lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lst.count())
                    if lst.item(i).checkState() == Qt.CheckState.Checked]
        fill([])
        return lst, checked, lambda v: fill(list(v or ()))

    def show_action(self, action: str) -> None:
        if action in self.pages:
            self.setCurrentIndex(self.pages[action])

    def params(self, action: str) -> dict[str, Any]:
        out = {}
        for name, get in self.getters.get(action, {}).items():
            value = get()
            if value not in (None, "", [], ()):
                out[name] = value
        return out

    def set_params(self, action: str, params: dict[str, Any]) -> None:
        for name, put in self.setters.get(action, {}).items():
            put(params.get(name))

    def clear_errors(self) -> None:
        for labels in self.errors.values():
            for label in labels.values():
                _set_error(label, "")

    def set_error(self, action: str, name: str, text: str) -> bool:
        label = self.errors.get(action, {}).get(name)
        if label is None:
            return False
        _set_error(label, text)
        return True


class RuleEditor(QWidget):
    """Name, all/any, conditions, action and its parameters of one rule of a kind."""

    def __init__(self, choices: Choices, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule: r.RuleSpec | None = None
        self.kind = r.REVIEW
        self.rows: list[ConditionRow] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.name = QLineEdit()
        self.name.setObjectName("rules.name")
        self.name_error = _error_label()
        name_box = QWidget()
        nb = QVBoxLayout(name_box)
        nb.setContentsMargins(0, 0, 0, 0)
        nb.setSpacing(2)
        nb.addWidget(self.name)
        nb.addWidget(self.name_error)
        form.addRow(self.tr("Name"), name_box)
        self.match = QComboBox()
        self.match.setObjectName("rules.match")
        self.match.addItem(self.tr("all of the conditions hold"), "all")
        self.match.addItem(self.tr("any of the conditions holds"), "any")
        form.addRow(self.tr("Applies when"), self.match)
        lay.addLayout(form)

        self.conditions_box = QGroupBox(self.tr("Conditions"))
        cl = QVBoxLayout(self.conditions_box)
        self.rows_layout = QVBoxLayout()
        self.rows_layout.setSpacing(6)
        cl.addLayout(self.rows_layout)
        self.no_conditions = QLabel(self.tr("No conditions: the rule applies to every order."))
        self.no_conditions.setStyleSheet("color: palette(mid)")
        cl.addWidget(self.no_conditions)
        add = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add condition"))
        self.add_button.setObjectName("rules.addCondition")
        self.add_button.clicked.connect(lambda: self.add_condition())
        add.addWidget(self.add_button)
        add.addStretch(1)
        cl.addLayout(add)
        lay.addWidget(self.conditions_box)

        action_box = QGroupBox(self.tr("Then"))
        al = QFormLayout(action_box)
        self.action = QComboBox()
        self.action.setObjectName("rules.action")
        al.addRow(self.tr("Action"), self.action)
        self.params = ParamsEditor(choices)
        al.addRow(self.params)
        lay.addWidget(action_box)
        self.error = _error_label()
        self.error.setObjectName("rules.error")
        lay.addWidget(self.error)
        lay.addStretch(1)
        self.action.currentIndexChanged.connect(lambda _i: self.params.show_action(self.action_name()))

    # ------------------------------------------------------------------ loading
    def set_rule(self, rule: r.RuleSpec) -> None:
        self.rule = rule
        self.kind = rule.kind
        self.name.setText(rule.name)
        self.match.setCurrentIndex(max(self.match.findData(rule.match), 0))
        for row in list(self.rows):
            self._drop(row)
        for cond in rule.conditions:
            self.add_condition(cond)
        self.action.blockSignals(True)
        self.action.clear()
        for a in r.ACTIONS.get(rule.kind, ()):
            self.action.addItem(rt.action_label(a), a)
        self.action.setCurrentIndex(max(self.action.findData(rule.action), 0))
        self.action.blockSignals(False)
        for a in r.ACTIONS.get(rule.kind, ()):
            self.params.set_params(a, dict(rule.params) if a == rule.action else {})
        self.params.show_action(self.action_name())
        self.show_errors([])
        self._update_empty()

    def add_condition(self, cond: r.Condition | None = None) -> ConditionRow:
        row = ConditionRow(self)
        if cond is not None:
            row.set_condition(cond)
        row.removed.connect(self._drop)
        row.setEnabled(self.add_button.isEnabled())
        self.rows.append(row)
        self.rows_layout.addWidget(row)
        self._update_empty()
        return row

    def _drop(self, row: ConditionRow) -> None:
        if row in self.rows:
            self.rows.remove(row)
        self.rows_layout.removeWidget(row)
        row.deleteLater()
        self._update_empty()

    def _update_empty(self) -> None:
        self.no_conditions.setVisible(not self.rows)

    def action_name(self) -> str:
        return str(self.action.currentData() or "")

    # ------------------------------------------------------------------ the rule as typed
    def spec(self) -> r.RuleSpec:
        base = self.rule
        action = self.action_name()
        return r.RuleSpec(id=base.id if base else None, name=self.name.text().strip(),
                          priority=base.priority if base else 100, match=str(self.match.currentData()),
                          conditions=tuple(row.condition() for row in self.rows), action=action,
                          params=self.params.params(action), kind=self.kind,
                          enabled=base.enabled if base else True)

    def show_errors(self, errors: Sequence[FieldError], extra: dict[int, str] | None = None) -> None:
        """Each error next to its part: the name, a condition (by its row), a parameter; the rest below."""
        _set_error(self.name_error, "")
        for row in self.rows:
            row.set_error("")
        self.params.clear_errors()
        rest: list[str] = []
        per_row: dict[int, list[str]] = {}
        for e in errors:
            words = rt.error_text(e.reason)
            if e.field == "name":
                _set_error(self.name_error, rt.field_error(self.tr("The name"), words))
            elif e.field.startswith("conditions["):
                i = int(e.field[len("conditions["):e.field.index("]")])
                part = e.field.rsplit(".", 1)[-1]
                what = {"field": self.tr("The field"), "op": self.tr("The operator")}.get(part, self.tr("The value"))
                per_row.setdefault(i, []).append(rt.field_error(what, words))
            elif e.field.startswith("params."):
                name = e.field[len("params."):]
                text = rt.field_error(rt.param_label(name), words)
                if not self.params.set_error(self.action_name(), name, text):
                    rest.append(text)
            else:
                rest.append(rt.field_error(e.field, words))
        for i, text in (extra or {}).items():
            per_row.setdefault(i, []).append(text)
        for i, texts in per_row.items():
            if 0 <= i < len(self.rows):
                self.rows[i].set_error("; ".join(texts))
            else:
                rest += texts
        _set_error(self.error, "\n".join(rest))

    def set_editable(self, editable: bool) -> None:
        for w in (self.name, self.match, self.action, self.params, self.add_button):
            w.setEnabled(editable)
        for row in self.rows:
            row.setEnabled(editable)
