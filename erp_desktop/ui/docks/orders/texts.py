"""Order words in the user's language: statuses, the codes the order services write (problems,
hold reasons, rejected rows, refusals, timeline events), field names.

Services write stable codes, never sentences; this is the one table that says them.  A code it
does not know yet (a new rule's action, a parser's new reason) is still shown readably: its
words with the underscores taken out, so nothing ever shows empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from erp_desktop.ui.docks.orders.rule_texts import describe_condition
from erp_desktop.ui.widgets.money import format_qty

translate = QCoreApplication.translate      # lupdate finds translate("OrderTexts", "...")

# the tabs, in workflow order; None: every status
STATUSES = ("review", "exception", "waiting", "approved", "picking", "shipped", "cancelled")
TABS: tuple[str | None, ...] = (*STATUSES, None)
BADGED = ("review", "exception", "waiting")          # tabs whose count is shown on them


def chinese() -> bool:
    app = QApplication.instance()
    return bool(app is not None and str(app.property("erp_language") or "").startswith("zh"))


def readable(code: str) -> str:
    """An unknown code, readably: "detail_too_short" -> "Detail too short"."""
    words = code.replace("_", " ").strip()
    return words[:1].upper() + words[1:] if words else ""


def status_label(status: str | None) -> str:
    labels = {
        "review": translate("OrderTexts", "To review"),
        "exception": translate("OrderTexts", "Exception"),
        "waiting": translate("OrderTexts", "Waiting for stock"),
        "approved": translate("OrderTexts", "Approved"),
        "picking": translate("OrderTexts", "Picking"),
        "shipped": translate("OrderTexts", "Shipped"),
        "cancelled": translate("OrderTexts", "Cancelled"),
        None: translate("OrderTexts", "All"),
    }
    return labels.get(status) or readable(str(status))


def tab_label(status: str | None) -> str:
    """A tab of the Orders dock: the queue of orders in that status."""
    if status == "exception":
        return translate("OrderTexts", "Exceptions")
    return status_label(status)


def platform_status_label(status: str) -> str:
    labels = {
        "unpaid": translate("OrderTexts", "Not paid"),
        "paid": translate("OrderTexts", "Paid, to ship"),
        "shipped": translate("OrderTexts", "Shipped"),
        "completed": translate("OrderTexts", "Completed"),
        "cancelled": translate("OrderTexts", "Closed"),
        "refunding": translate("OrderTexts", "Refund requested"),
        "refunded": translate("OrderTexts", "Refunded"),
    }
    return labels.get(status) or readable(status)


def platform_label(name: str, name_zh: str = "") -> str:
    return name_zh if chinese() and name_zh else name


def field_label(name: str) -> str:
    """A field of an order as the user knows it; "line 2" -> "Line 2"; a file's header as it is."""
    if name.startswith("line "):
        return translate("OrderTexts", "Line %1").replace("%1", name[5:])
    labels = {
        "order": translate("OrderTexts", "Order"),
        "order_no": translate("OrderTexts", "Order number"),
        "lines": translate("OrderTexts", "Order lines"),
        "buyer_name": translate("OrderTexts", "Buyer"),
        "receiver_name": translate("OrderTexts", "Receiver"),
        "receiver_phone": translate("OrderTexts", "Phone"),
        "address": translate("OrderTexts", "Address"),
        "province": translate("OrderTexts", "Province"),
        "city": translate("OrderTexts", "City"),
        "district": translate("OrderTexts", "District"),
        "address_detail": translate("OrderTexts", "Street address"),
        "postal_code": translate("OrderTexts", "Postal code"),
        "seller_memo": translate("OrderTexts", "Seller memo"),
        "country": translate("OrderTexts", "Country"),
        "paid_at": translate("OrderTexts", "Paid at"),
        "quantity": translate("OrderTexts", "Quantity"),
        "amount": translate("OrderTexts", "Amount"),
        "status": translate("OrderTexts", "Status"),
    }
    return labels.get(name, name)


def reason_text(code: str) -> str:
    """Any reason code the order services and parsers write, in words; unknown codes readably."""
    reasons = {
        # validation at intake (domain/order_checks, phone, address)
        "missing": translate("OrderTexts", "is missing"),
        "invalid": translate("OrderTexts", "is not valid"),
        "masked": translate("OrderTexts", "is masked by the platform"),
        "masked_unusable": translate("OrderTexts", "is masked and cannot be used"),
        "unknown_sku": translate("OrderTexts", "is not one of our SKUs (map it to ours)"),
        "missing_province": translate("OrderTexts", "is missing"),
        "unknown_province": translate("OrderTexts", "is not a known province"),
        "missing_city": translate("OrderTexts", "is missing"),
        "unknown_city": translate("OrderTexts", "is not a known city"),
        "city_not_in_province": translate("OrderTexts", "is not in this province"),
        "missing_district": translate("OrderTexts", "is missing"),
        "unknown_district": translate("OrderTexts", "is not a known district"),
        "district_not_in_city": translate("OrderTexts", "is not in this city"),
        "missing_detail": translate("OrderTexts", "is missing"),
        "detail_too_short": translate("OrderTexts", "is too short to deliver to"),
        "missing_area_code": translate("OrderTexts", "is a landline number without its area code"),
        "invalid_postal_code": translate("OrderTexts", "is not a postal code"),
        "postal_code_not_in_province": translate("OrderTexts", "belongs to another province"),
        # rows an import could not read (channels/files)
        "bad_amount": translate("OrderTexts", "is not an amount"),
        "bad_date": translate("OrderTexts", "is not a date"),
        "bad_quantity": translate("OrderTexts", "is not a quantity"),
        "bad_status": translate("OrderTexts", "is an order status we do not know"),
        "bad_number": translate("OrderTexts", "is not a number"),
        "refused_by_database": translate("OrderTexts", "was refused by the database"),
        "bad_order_no": translate("OrderTexts", "is not an order number"),
        "bad_record": translate("OrderTexts", "cannot be read"),
        "not_in_order_report": translate("OrderTexts", "names an order that is not in the order report"),
        "no_items": translate("OrderTexts", "has no items in the item report"),
        "order_rejected": translate("OrderTexts", "belongs to an order with a bad row"),
        "duplicate_sku": translate("OrderTexts", "lists the same item twice"),
        "missing_column": translate("OrderTexts", "the file has no such column"),
        "missing_file": translate("OrderTexts", "a file of the export is missing"),
        "not_mapped": translate("OrderTexts", "no column of the file is chosen for it"),
        "empty_file": translate("OrderTexts", "the file is empty"),
        "unreadable_file": translate("OrderTexts", "the file cannot be read"),
        # why an order waits (sales.order.hold_reason)
        "not_enough_stock": translate("OrderTexts", "Not enough stock"),
        "no_rule": translate("OrderTexts", "No rule approved it"),
        "refund_requested": translate("OrderTexts", "The buyer asked for a refund"),
        "cancel_requested": translate("OrderTexts", "The buyer asked to cancel (already picking)"),
        "shipped_elsewhere": translate("OrderTexts", "Shipped elsewhere, says the platform"),
        "needs_split": translate("OrderTexts", "No one warehouse can ship it all: split it"),
        "rejected_by_rule": translate("OrderTexts", "Rejected by a rule"),
        "refunded": translate("OrderTexts", "Refunded on the platform"),
        "cancelled": translate("OrderTexts", "Closed on the platform"),
        "warehouse_changed": translate("OrderTexts", "Its warehouse was changed: approve it again"),
        "merged": translate("OrderTexts", "Merged into another order"),
        "merged_order_cancelled": translate("OrderTexts", "An order merged into it was cancelled by the buyer"),
        # reasons people choose when holding or cancelling
        "buyer_asked_to_wait": translate("OrderTexts", "The buyer asked to wait"),
        "address_to_confirm": translate("OrderTexts", "Address to confirm with the buyer"),
        "stock_to_check": translate("OrderTexts", "Stock to check"),
        "suspected_fraud": translate("OrderTexts", "Suspected fraud"),
        "buyer_asked_to_cancel": translate("OrderTexts", "The buyer asked to cancel"),
        "out_of_stock": translate("OrderTexts", "Out of stock"),
        "duplicate_order": translate("OrderTexts", "Duplicate order"),
        # why an approval was refused (services/orders.approve_orders)
        "not_found": translate("OrderTexts", "the order does not exist any more"),
        "not_open": translate("OrderTexts", "the order is not open for review any more"),
        "has_problems": translate("OrderTexts", "the order has problems to fix first"),
        "no_warehouse": translate("OrderTexts", "no warehouse can ship it"),
        # why a merge or split was refused (services/order_merge); merge_refusal_text says them whole
        "different_buyer": translate("OrderTexts", "the orders are not of one buyer, address and shop"),
        "too_few": translate("OrderTexts", "it takes two orders or more"),
        "empty_part": translate("OrderTexts", "every part needs a line"),
        "unknown_line": translate("OrderTexts", "the lines changed meanwhile"),
    }
    return reasons.get(code) or readable(code)


def merge_refusal_text(code: str) -> str:
    """Why orders could not be merged or an order split, as a sentence."""
    reasons = {
        "not_open": translate("OrderTexts", "Only orders not yet picked or shipped can be merged or split."),
        "has_problems": translate("OrderTexts", "An order still has problems: fix it first."),
        "different_buyer": translate("OrderTexts", "Only orders of one buyer, to one address, from one shop can "
                                                   "be merged."),
        "too_few": translate("OrderTexts", "Select two or more orders to merge."),
        "empty_part": translate("OrderTexts", "Every part needs at least one line."),
        "unknown_line": translate("OrderTexts", "The order's lines changed meanwhile: open it again."),
    }
    return reasons.get(code) or reason_sentence(code)


def reason_sentence(code: str) -> str:
    """A reason standing on its own (a table cell): "is not a quantity" -> "Is not a quantity"."""
    text = reason_text(code)
    return text[:1].upper() + text[1:]


HOLD_REASONS = ("buyer_asked_to_wait", "address_to_confirm", "stock_to_check", "suspected_fraud")
CANCEL_REASONS = ("buyer_asked_to_cancel", "out_of_stock", "duplicate_order", "suspected_fraud")


def hold_reason_text(reason: str | None) -> str:
    """What an order waits for: a code in words, or the words a person typed as they are."""
    if not reason:
        return ""
    if reason.replace("_", "").isalnum() and reason.isascii() and reason.islower() and " " not in reason:
        return reason_sentence(reason)
    return reason


def problem_text(problem: Mapping[str, Any]) -> str:
    """One validation problem ({"field", "code", "detail"}) as a sentence: "Phone is not valid: 1380013"."""
    field_name = str(problem.get("field") or "")
    code = str(problem.get("code") or "")
    detail = str(problem.get("detail") or "")
    text = translate("OrderTexts", "%1 %2", "a field, then what is wrong with it") \
        .replace("%1", field_label(field_name)).replace("%2", reason_text(code))
    return f"{text}: {detail}" if detail else text


def event_label(kind: str) -> str:
    labels = {
        "imported": translate("OrderTexts", "Imported"),
        "updated": translate("OrderTexts", "Updated by the platform"),
        "validated": translate("OrderTexts", "Checked"),
        "rule": translate("OrderTexts", "Rule applied"),
        "rule_fired": translate("OrderTexts", "Rule applied"),
        "reviewed": translate("OrderTexts", "Reviewed"),
        "approved": translate("OrderTexts", "Approved"),
        "reserved": translate("OrderTexts", "Stock reserved"),
        "waiting_for_stock": translate("OrderTexts", "Waiting for stock"),
        "held": translate("OrderTexts", "Held"),
        "cancelled": translate("OrderTexts", "Cancelled"),
        "cancelled_by_platform": translate("OrderTexts", "Cancelled on the platform"),
        "cancel_requested": translate("OrderTexts", "Buyer asked to cancel"),
        "refund_requested": translate("OrderTexts", "Buyer asked for a refund"),
        "shipped_elsewhere": translate("OrderTexts", "Shipped elsewhere"),
        "fixed": translate("OrderTexts", "Corrected"),
        "sku_mapped": translate("OrderTexts", "SKU mapped"),
        "merged": translate("OrderTexts", "Merged"),
        "merged_into": translate("OrderTexts", "Merged into another order"),
        "split": translate("OrderTexts", "Split"),
        "split_from": translate("OrderTexts", "Split off an order"),
        "assigned": translate("OrderTexts", "Assigned"),
        "routed": translate("OrderTexts", "Warehouse and carrier chosen"),
        "picking": translate("OrderTexts", "Picking started"),
        "shipped": translate("OrderTexts", "Shipped"),
        "note": translate("OrderTexts", "Note"),
    }
    return labels.get(kind) or readable(kind)


def rule_action_label(action: str) -> str:
    labels = {
        "approve": translate("OrderTexts", "approve"),
        "hold": translate("OrderTexts", "hold for a person"),
        "reject": translate("OrderTexts", "reject"),
        "merge": translate("OrderTexts", "merge"),
    }
    return labels.get(action) or readable(action).lower()


def event_detail(kind: str, detail: Mapping[str, Any]) -> str:
    """What an event's detail says, in words: the reason, the status it led to, the fields fixed."""
    parts: list[str] = []
    if detail.get("reason"):
        parts.append(hold_reason_text(str(detail["reason"])))
    if kind == "waiting_for_stock" and detail.get("sku"):
        parts.append(translate("OrderTexts", "%1 in %2: wanted %3, available %4")
                     .replace("%1", str(detail.get("sku"))).replace("%2", str(detail.get("warehouse", "")))
                     .replace("%3", _qty(detail.get("wanted"))).replace("%4", _qty(detail.get("available"))))
    if kind in ("imported", "updated") and detail.get("status"):
        parts.append(translate("OrderTexts", "to %1").replace("%1", status_label(str(detail["status"]))))
    if detail.get("fields"):
        parts.append(translate("OrderTexts", "fields: %1").replace(
            "%1", ", ".join(field_label(str(f)) for f in detail["fields"])))
    if kind in ("rule", "rule_fired"):
        action = rule_action_label(str(detail.get("action") or ""))
        name = str(detail.get("rule_name") or "") or translate("OrderTexts", "no rule matched")
        parts.insert(0, f"{name}: {action}" if action else name)
        matched = [c for c in detail.get("conditions") or () if isinstance(c, Mapping) and c.get("matched")]
        if matched:
            parts.append(translate("OrderTexts", "because %1").replace(
                "%1", ", ".join(describe_condition(c) for c in matched)))
    if kind == "merged" and isinstance(detail.get("from"), list):
        parts.append(translate("OrderTexts", "%n more order(s) ship in this parcel", "", len(detail["from"])))
    if kind == "split" and isinstance(detail.get("into"), list):
        parts.append(translate("OrderTexts", "%n line group(s) moved to new orders", "", len(detail["into"])))
    if kind == "split_from" and isinstance(detail.get("lines"), list):
        parts.append(translate("OrderTexts", "%n line(s) of the original order", "", len(detail["lines"])))
    if kind == "assigned":
        what = [label for key, label in (("warehouse", translate("OrderTexts", "warehouse")),
                                         ("carrier", translate("OrderTexts", "carrier")),
                                         ("handler", translate("OrderTexts", "handler"))) if key in detail]
        if what:
            parts.append(translate("OrderTexts", "new %1").replace("%1", ", ".join(what)))
        if detail.get("service"):
            parts.append(str(detail["service"]))
    if kind == "routed" and detail.get("plan"):
        parts.append(readable(str(detail["plan"])))
    if detail.get("platform_sku"):
        parts.append(str(detail["platform_sku"]) + (f" → {detail['sku']}" if detail.get("sku") else ""))
    problems = detail.get("problems")
    if isinstance(problems, int) and kind in ("imported", "updated", "fixed"):
        parts.append(translate("OrderTexts", "problems: %1").replace("%1", str(problems)) if problems
                     else translate("OrderTexts", "no problems"))
    if detail.get("note"):
        parts.append(str(detail["note"]))
    return "; ".join(p for p in parts if p)


def _qty(value: Any) -> str:
    try:
        return format_qty(Decimal(str(value)))
    except (InvalidOperation, ValueError):
        return str(value)
