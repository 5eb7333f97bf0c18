"""The order desk's work on a selection of orders: approve (stock reserved, or waiting for it),
hold and cancel with a reason asked first.  Each runs in one transaction off the GUI thread;
then the orders are read again (live updates would say so too, but may be off) and the outcome
is said in the dock's message line: how many, and why any was refused, in words.

And "Pull now": the API shops' new and changed orders fetched at once instead of at the next
scheduled pull (services/channel_sync); a shop whose platform cannot be reached does not stop
the others, and is named with the reason."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt

from erp_desktop.domain.orders import ChannelError
from erp_desktop.services import channel_sync, orders
from erp_desktop.services.order_lookup import ShopInfo
from erp_desktop.services.orders import ApproveResult
from erp_desktop.ui import ops
from erp_desktop.ui.docks.orders.dialogs import ReasonDialog
from erp_desktop.ui.docks.orders.texts import CANCEL_REASONS, HOLD_REASONS, reason_text

if TYPE_CHECKING:
    from erp_desktop.ui.docks.orders.dock import OrdersDock

REFUSALS_NAMED = 5          # refused orders named in the message, each with its reason


class BulkActions(QObject):
    def __init__(self, dock: OrdersDock) -> None:
        super().__init__(dock)
        self.dock = dock
        self.last_result: Any = None
        self.dialog: ReasonDialog | None = None

    def run(self, ids: Sequence[int], label: str, work: Callable[[Any], Any], done: Callable[[Any], str]) -> ops.Job:
        dock, sessions, ids = self.dock, self.dock.ctx.sessions, list(ids)

        def job(_ctl: ops.JobControl) -> Any:
            with sessions.begin() as s:
                return work(s)

        def finished(result: Any) -> None:
            self.last_result = dock.last_result = result
            dock.model.refresh(ids)
            dock.refresh_counts()
            dock.show_message(done(result))

        def failed(exc: BaseException) -> None:
            dock.show_message(ops.describe_error(exc)[1], error=True)
            ops.show_error(dock, exc)

        return ops.run_job(job, parent=dock, label=label, cancellable=False, on_finished=finished, on_failed=failed)

    def approve(self, ids: Sequence[int]) -> ops.Job | None:
        ids = list(ids)
        if not ids or not self.dock.can_edit:
            return None
        return self.run(ids, self.tr("Approving %n order(s)…", "", len(ids)),
                        lambda s: orders.approve_orders(s, ids), self._approve_text)

    def _approve_text(self, result: ApproveResult) -> str:
        parts = [self.tr("Approved: %1").replace("%1", str(len(result.approved)))]
        if result.waiting:
            parts.append(self.tr("waiting for stock: %1").replace("%1", str(len(result.waiting))))
        if result.refused:
            numbers = self._numbers([oid for oid, _ in result.refused])
            why = "; ".join(f"{numbers.get(oid, oid)} — {reason_text(code)}"
                            for oid, code in result.refused[:REFUSALS_NAMED])
            parts.append(self.tr("not approved: %1 (%2)").replace("%1", str(len(result.refused))).replace("%2", why))
        return ", ".join(parts)

    def _numbers(self, ids: Sequence[int]) -> dict[int, str]:
        model, out = self.dock.model, {}
        for oid in ids:
            r = model.row_of(oid)
            if r >= 0:
                out[oid] = model.row_at(r).platform_order_no
        return out

    def _ask_reason(self, title: str, question: str, codes: Sequence[str], ok: str,
                    then: Callable[[str], object]) -> ReasonDialog:
        dlg = ReasonDialog(title, question, [(c, reason_text(c)) for c in codes], self.dock, ok_text=ok)
        dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dlg.accepted.connect(lambda: then(dlg.reason()))
        self.dialog = self.dock.dialog = dlg
        dlg.open()
        return dlg

    def ask_hold(self, ids: Sequence[int]) -> ReasonDialog | None:
        ids = list(ids)
        if not ids or not self.dock.can_edit:
            return None
        return self._ask_reason(self.tr("Hold orders"), self.tr("Why hold %n order(s)?", "", len(ids)),
                                HOLD_REASONS, self.tr("Hold"), lambda reason: self.hold(ids, reason))

    def hold(self, ids: Sequence[int], reason: str) -> ops.Job:
        return self.run(ids, self.tr("Holding %n order(s)…", "", len(ids)),
                        lambda s: orders.hold_orders(s, ids, reason),
                        lambda n: self.tr("On hold: %1 of %2").replace("%1", str(n)).replace("%2", str(len(ids))))

    def ask_cancel(self, ids: Sequence[int]) -> ReasonDialog | None:
        ids = list(ids)
        if not ids or not self.dock.can_edit:
            return None
        return self._ask_reason(self.tr("Cancel orders"),
                                self.tr("Why cancel %n order(s)? Their reserved stock goes back.", "", len(ids)),
                                CANCEL_REASONS, self.tr("Cancel orders"), lambda reason: self.cancel(ids, reason))

    def cancel(self, ids: Sequence[int], reason: str) -> ops.Job:
        return self.run(ids, self.tr("Cancelling %n order(s)…", "", len(ids)),
                        lambda s: orders.cancel_orders(s, ids, reason),
                        lambda n: self.tr("Cancelled: %1 of %2").replace("%1", str(n)).replace("%2", str(len(ids))))

    # ------------------------------------------------------------------ API shops
    def pull(self, shops: Sequence[ShopInfo]) -> ops.Job | None:
        shops = [s for s in shops if s.api and s.active]
        if not shops or not self.dock.can_edit:
            return None
        dock, sessions = self.dock, self.dock.ctx.sessions

        def job(_ctl: ops.JobControl) -> list[tuple[ShopInfo, Any]]:
            out: list[tuple[ShopInfo, Any]] = []
            for shop in shops:
                try:
                    out.append((shop, channel_sync.pull_orders(sessions, shop.id)))
                except Exception as exc:       # one shop's platform down: the others still pull
                    out.append((shop, exc))
            return out

        def finished(results: list[tuple[ShopInfo, Any]]) -> None:
            self.last_result = dock.last_result = results
            dock.model.reload(keep_rows=dock.model.rowCount())
            dock.refresh_counts()
            failed = any(isinstance(r, BaseException) for _, r in results)
            dock.show_message(" · ".join(self._pulled_text(shop, r) for shop, r in results), warning=failed)

        names = ", ".join(s.name for s in shops)
        return ops.run_job(job, parent=dock, label=self.tr("Pulling orders from %1…").replace("%1", names),
                           cancellable=False, on_finished=finished)

    def _pulled_text(self, shop: ShopInfo, result: Any) -> str:
        if isinstance(result, ChannelError):
            return self.tr("%1: the platform cannot be reached (%2)").replace("%1", shop.name).replace(
                "%2", str(result))
        if isinstance(result, BaseException):
            return f"{shop.name}: {ops.describe_error(result)[1]}"
        return (self.tr("%1: %2 new, %3 updated, %4 rejected").replace("%1", shop.name)
                .replace("%2", str(result.created)).replace("%3", str(result.updated))
                .replace("%4", str(result.rejected)))
