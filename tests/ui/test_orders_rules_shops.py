"""The Orders dock's rules and shops dialogs and its remaining bulk actions, as the order desk uses
them: a hold rule made, an invalid one refused with its errors beside the fields, a dry run and a
re-apply; a shop's SKU mapping, publish rule, credentials and stock file; assigning a warehouse,
merging two orders of one buyer and splitting one by hand from the dock."""

from __future__ import annotations

from decimal import Decimal as D

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialogButtonBox, QMainWindow
from sqlalchemy import text

from erp_desktop import config
from erp_desktop.domain import rules as r
from erp_desktop.domain.orders import ParsedOrders
from erp_desktop.services import order_review, orders
from erp_desktop.services.session import AppContext
from erp_desktop.services.users import whoami
from erp_desktop.ui.docks.orders import OrdersDock
from erp_desktop.ui.docks.orders.rules import RulesDialog
from tests.ui.test_orders_dock import an_order, numbers, order_id, shop, status_of, wait_job
from tests.ui.test_orders_dock import dock as dock
from tests.ui.test_orders_dock import world as world


def choose(combo, data) -> None:
    i = combo.findData(data)
    assert i >= 0, data
    combo.setCurrentIndex(i)


def stored_rules(sessions) -> list[r.RuleSpec]:
    with sessions() as s:
        return order_review.load_rules(s, active_only=False)


def test_a_hold_rule_is_made_in_the_dialog_and_an_invalid_one_is_refused_beside_its_fields(qtbot, dock,
                                                                                          session_factory):
    dlg = dock.more.open_rules()
    assert isinstance(dlg, RulesDialog) and dlg.current_kind() == "review"
    ed = dlg.editor
    # nothing named, a keyword list left empty, a hold without a reason: nothing saved, each error in its place
    dlg.new_rule()
    row = ed.add_condition()
    choose(row.field, "buyer_message")
    choose(row.op, "contains_any")
    choose(ed.action, "hold")
    assert dlg.save() is None
    assert ed.name_error.text() == "The name is needed" and ed.name_error.isVisibleTo(ed)
    assert row.error.text() == "The value needs at least one entry"
    assert ed.params.errors["hold"]["reason"].text() == "Reason is needed"
    assert stored_rules(session_factory) == []
    # corrected: stored, valid, in the list
    ed.name.setText("大额或有留言人工审")
    row.value_editor.edits[0].setText("发顺丰，  改地址")
    choose(ed.match, "any")
    amount = ed.add_condition()
    choose(amount.field, "amount")
    choose(amount.op, "gt")
    amount.value_editor.edits[0].setText("1,000")
    ed.params.widgets[("hold", "reason")].setEditText("金额大，请核对")
    wait_job(qtbot, dlg.save())
    [rule] = stored_rules(session_factory)
    assert rule.valid and (rule.kind, rule.action, rule.match) == ("review", "hold", "any")
    assert [c.to_json() for c in rule.conditions] == [
        {"field": "buyer_message", "op": "contains_any", "value": ["发顺丰", "改地址"]},
        {"field": "amount", "op": "gt", "value": "1000"}]
    assert rule.params == {"reason": "金额大，请核对"}
    assert dlg.lists["review"].item(0).text() == "大额或有留言人工审 → Hold for a person"
    assert "saved" in dlg.message.text()
    dlg.close()


def test_a_dry_run_counts_what_a_rule_would_do_and_re_applying_moves_open_orders(qtbot, dock, session_factory):
    with session_factory.begin() as s:
        approve_all = order_review.save_rule(s, r.RuleSpec(id=None, name="全部通过", action="approve", priority=50))
        second = order_review.save_rule(s, r.RuleSpec(id=None, name="小额", action="approve", priority=60,
                                                      enabled=False, conditions=(r.Condition("amount", "lt", "500"),)))
    dlg = dock.more.open_rules()
    assert dlg.editor.rule.id == approve_all                  # the first rule is shown
    assert dlg.lists["review"].item(1).checkState() == Qt.CheckState.Unchecked
    dlg.lists["review"].setCurrentRow(1)
    wait_job(qtbot, dlg.move(-1))                             # tried first now
    wait_job(qtbot, dlg.set_active(second, True))
    assert [(x.name, x.enabled) for x in stored_rules(session_factory)] == [("小额", True), ("全部通过", True)]
    # a hold rule as typed, not saved: the dry run says what it would have done to the last orders
    dlg.new_rule()
    dlg.editor.name.setText("浙江人工审")
    row = dlg.editor.add_condition()
    choose(row.field, "province")
    choose(row.op, "in")
    row.value_editor.edits[0].setText("浙江省, 上海市")
    choose(dlg.editor.action, "hold")
    dlg.editor.params.widgets[("hold", "reason")].setEditText("核对地址")
    wait_job(qtbot, dlg.dry_run())
    result = dlg.dry_result
    assert (result.total, result.matched, result.fired) == (3, 3, 0)     # the approve rules come first
    assert dlg.dry_label.text().startswith("Of the last 3 orders it matches 3 and would decide 0")
    assert "Approve: 3" in dlg.dry_label.text()
    assert len(stored_rules(session_factory)) == 2                      # nothing saved by a dry run
    # the rules again over the open orders: A1's stock is reserved, A2 waits for it (E1 has problems)
    job = dlg.reapply()
    wait_job(qtbot, job)
    assert status_of(session_factory, "A1")[0] == "approved" and status_of(session_factory, "A2")[0] == "waiting"
    assert dlg.message.text() == ("Rules re-applied to 2 open orders: 1 approved, 1 waiting for stock, 0 held, "
                                  "0 rejected.")
    qtbot.waitUntil(lambda: numbers(dock) == [], timeout=2000)          # the dock read them again
    # the order's timeline says which rule decided and why
    assert dock.more.show_order(order_id(session_factory, "A1"))
    timeline = dock.detail.timeline
    said = [timeline.item(i, 3).text() for i in range(timeline.rowCount())
            if timeline.item(i, 2).text() == "Rule applied"]
    assert said == ["小额: approve; because Amount paid is below 500"]
    dlg.close()


def test_a_dry_runs_sample_shows_the_order_in_the_dock(qtbot, dock, session_factory):
    dlg = dock.more.open_rules()
    dlg.editor.name.setText("全部")
    wait_job(qtbot, dlg.dry_run())
    assert dlg.dry_result.fired == 3 and dlg.dry_result.changed == 3
    assert ">E1</a>" in dlg.dry_label.text()
    dlg.dry_label.linkActivated.emit(f"order:{order_id(session_factory, 'E1')}")     # E1 is an exception
    assert dock.current_row().platform_order_no == "E1" and dock.current_status() is None
    dlg.close()


def test_a_shops_mapping_publish_rule_credentials_and_stock_file(qtbot, db, dock, ctx, session_factory,
                                                                tmp_path):
    with db.superuser() as su:
        su.execute("INSERT INTO sales.shop (code, name, platform_code) VALUES ('SHOPIFY', 'Shopify 海外店', 'shopify')")
    dlg = dock.more.open_shops()
    assert [dlg.table.item(i, 0).text() for i in range(dlg.table.rowCount())] == ["PDD1", "SHOPIFY", "TB1"]
    tb1 = dlg.select_shop("TB1")
    page = dlg.mapping
    assert [page.table.item(i, 0).text() for i in range(page.table.rowCount())] == ["CUP-2PACK"]
    # an unknown SKU code is refused by name, and nothing is stored
    page.platform_sku.setText("LID-RED")
    page.sku_code.setText("NOPE")
    wait_job(qtbot, page.save())
    assert page.message.text() == "Our SKU names no SKU of ours (no SKU has the code or barcode “NOPE”)"
    page.sku_code.setText("lid")
    wait_job(qtbot, page.save())
    assert page.message.text() == "Mapping saved."
    assert [page.table.item(i, 1).text() for i in range(page.table.rowCount())] == ["CUP", "LID"]
    # the shop publishes a fixed 2 of every SKU: stored, and what each shop would publish of CUP shown
    pub = dlg.publishing
    choose(pub.mode, "fixed")
    pub.value.setValue(2)
    wait_job(qtbot, pub.save())
    with session_factory() as s:
        assert s.execute(text("SELECT sku_id, mode, value FROM sales.publish_rule WHERE shop_id = :s"),
                         {"s": tb1.id}).one() == (None, "fixed", D(2))
    assert pub.table.item(0, 1).text() == "A fixed quantity" and pub.table.item(0, 2).text() == "2"
    pub.preview_sku.setText("CUP")
    pub.show_preview("CUP")
    assert [pub.preview.item(0, j).text() for j in range(4)] == ["淘宝旗舰店", "A fixed quantity 2", "2", "5"]
    # a stock file for the platform's bulk tool: a 2-pack sells half as many
    assert pub.file_button.isEnabled()
    target = tmp_path / "stock.csv"
    wait_job(qtbot, pub.write_stock_file(target))
    assert target.read_text(encoding="utf-8-sig").splitlines() == ["商家编码,库存", "CUP-2PACK,1", "LID-RED,0"]
    # an API shop: its address, and its token kept in the keyring (never shown again)
    dlg.select_shop("SHOPIFY")
    assert not dlg.publishing.file_button.isEnabled()
    dlg.api_url.setText("https://haiwai.myshopify.com/")
    dlg.pull_every.setValue(10)
    wait_job(qtbot, dlg.save_api())
    assert dlg.credentials_state.text() == "Not set yet"
    cred = dlg.ask_credentials()
    cred.edits["access_token"].setText("shpat_123")
    cred.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    wait_job(qtbot, dlg.job)
    assert config.get_shop_secret("SHOPIFY", ctx.database) == {"access_token": "shpat_123"}
    assert dlg.credentials_state.text() == "Stored in the keyring" and dlg.api_url.text() == "https://haiwai.myshopify.com"
    # a new shop; a code another shop has is refused
    dlg.new_shop()
    dlg.code.setText("tb1")
    dlg.name.setText("京东自营")
    choose(dlg.platform, "jd")
    wait_job(qtbot, dlg.save_general())
    assert dlg.general_message.text() == "The code is used by another shop"
    dlg.code.setText("JD1")
    wait_job(qtbot, dlg.save_general())
    assert dlg.shop.code == "JD1" and dlg.shop.platform == "jd" and dlg.table.rowCount() == 4
    assert "JD1" in [s.code for s in dock.filters.shops]                 # the dock's shop filter knows it
    dlg.close()


def select(dock, *nos: str) -> None:
    model, sel = dock.model, dock.view.selectionModel()
    sel.clearSelection()
    for no in nos:
        r = next(i for i in range(model.rowCount()) if model.row_at(i).platform_order_no == no)
        idx = model.index(r, 0)
        sel.setCurrentIndex(idx, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def test_assign_a_warehouse_merge_one_buyers_orders_and_split_one_from_the_dock(qtbot, dock, session_factory,
                                                                               world):
    select(dock, "A1", "A2")
    dlg = dock.more.ask_assign("warehouse")
    dlg.choose(world.wh["GZ"])
    dlg.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: "Assigned: 2 of 2" in dock.message.text(), timeout=3000)
    with session_factory() as s:
        assert set(s.execute(text("SELECT warehouse_id FROM sales.\"order\" WHERE platform_order_no IN ('A1', 'A2')"))
                   .scalars()) == {world.wh["GZ"]}
    assert dock.detail.timeline.item(0, 2).text() == "Assigned"
    # two orders of one buyer, to one address: a third of another buyer cannot join them
    with session_factory.begin() as s:
        orders.import_orders(s, shop(s), ParsedOrders([an_order("M1", 20, buyer_id="tb_same"),
                                                       an_order("M2", 30, buyer_id="tb_same")]))
    dock.reload()
    qtbot.waitUntil(lambda: {"M1", "M2"} <= set(numbers(dock)), timeout=2000)
    select(dock, "M1", "A1")
    wait_job(qtbot, dock.more.merge_selected())
    assert dock.message.text() == "Only orders of one buyer, to one address, from one shop can be merged."
    suggestions = dock.more.open_merge_suggestions()
    assert [suggestions.table.item(i, 0).text() for i in range(suggestions.table.rowCount())] == ["M1 + M2"]
    suggestions.table.cellWidget(0, 5).click()
    wait_job(qtbot, suggestions.job)
    assert status_of(session_factory, "M2") == ("cancelled", "merged")
    assert suggestions.message.text() == "Merged M1 + M2 into one parcel." and suggestions.table.rowCount() == 0
    qtbot.waitUntil(lambda: "M2" not in numbers(dock), timeout=2000)
    assert dock.current_row().platform_order_no == "M1" and dock.current_row().lines == 4
    suggestions.close()
    # split by hand: a part without lines is refused, then lines 1-2 stay and 3-4 ship on their own
    split = dock.more.open_split()
    for i in range(4):
        split.set_part(i, 1)
    assert split.run() is None and split.error.text() == "Every part needs at least one line."
    split.set_part(2, 2)
    split.set_part(3, 2)
    wait_job(qtbot, split.run())
    with session_factory() as s:
        lines = dict(s.execute(text("SELECT o.platform_order_no, count(*) FROM sales.order_line l "
                                    "JOIN sales.\"order\" o ON o.id = l.order_id WHERE o.platform_order_no LIKE 'M1%' "
                                    "GROUP BY 1")).all())
    assert lines == {"M1": 2, "M1-S1": 2}
    qtbot.waitUntil(lambda: "M1-S1" in numbers(dock), timeout=2000)
    assert dock.message.text() == "Split into 2 order(s); each is reviewed again."


def test_roles_that_may_not_write_see_rules_and_shops_unchangeable(qtbot, db, bridge, world, session_factory):
    with session_factory.begin() as s:
        order_review.save_rule(s, r.RuleSpec(id=None, name="全部通过", action="approve"))
    login = db.add_login("viewer")
    sessions = db.sessions(login)
    with sessions() as s:
        viewer = AppContext(sessions=sessions, identity=whoami(s), mode="embedded", database=db.name, server="test")
    win = QMainWindow()
    qtbot.addWidget(win)
    d = OrdersDock(viewer, bridge, win)
    menu = [a.text() for a in d.menu().actions() if not a.isSeparator()]
    assert "&Rules…" in menu and "S&hops…" in menu and "&Merge" not in menu
    rules = d.more.open_rules()
    assert rules.editor.rule.name == "全部通过" and not rules.save_button.isEnabled()
    assert not rules.editor.name.isEnabled() and rules.save() is None and rules.reapply() is None
    shops = d.more.open_shops()
    assert shops.select_shop("TB1") is not None
    assert shops.mapping.table.rowCount() == 1 and not shops.mapping.save_button.isEnabled()
    assert not shops.publishing.save_button.isEnabled() and not shops.general_save.isEnabled()
    shops.close()
    rules.close()
    win.close()
