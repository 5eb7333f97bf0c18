"""The order desk's shop settings: SKU mapping (unknown codes refused, open orders fixed), what a
shop publishes (stored, recomputed at once, previewed without changing anything), API settings and
credentials in the keyring, and the order rules are tried in."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from erp_desktop import config
from erp_desktop.domain import rules as r
from erp_desktop.domain.errors import ValidationError
from erp_desktop.domain.orders import ParsedOrders, PlatformOrderLine
from erp_desktop.services import order_review, orders, shop_settings, stock
from tests.services.test_orders import an_order, shop_id
from tests.services.test_orders import world as world


def reasons(exc: ValidationError) -> dict[str, str]:
    return {e.field: e.reason for e in exc.errors}


def published(s, shop: int, sku: int) -> int | None:
    return s.execute(text("SELECT quantity FROM sales.published WHERE shop_id = :s AND sku_id = :k"),
                     {"s": shop, "k": sku}).scalar()


def test_a_mapping_names_one_of_our_skus_and_fixes_the_orders_waiting_on_it(session_factory, world):
    with session_factory.begin() as s:
        shop = shop_id(s)
        summary = orders.import_orders(s, shop, ParsedOrders([
            an_order("X1", lines=(PlatformOrderLine("LID-RED", "红色杯盖", D(2), D("5.00")),))]))
        with pytest.raises(ValidationError) as refused:
            shop_settings.save_sku_mapping(s, shop, "LID-RED", "NO-SUCH", "1")
        assert reasons(refused.value) == {"sku_code": "unknown_sku"}
        with pytest.raises(ValidationError) as refused:
            shop_settings.save_sku_mapping(s, shop, " ", "LID", "0")
        assert reasons(refused.value) == {"platform_sku": "required", "quantity": "not_positive"}
        fixed = shop_settings.save_sku_mapping(s, shop, "LID-RED", "lid", "2")       # any case
    assert fixed == tuple(summary.order_ids)
    with session_factory.begin() as s:
        assert s.execute(text("SELECT status FROM sales.\"order\" WHERE id = :o"),
                         {"o": fixed[0]}).scalar_one() == "review"
        mapped = {m.platform_sku: (m.sku_code, m.quantity) for m in shop_settings.list_sku_map(s, shop)}
        assert mapped == {"CUP-2PACK": ("CUP", D(2)), "LID-RED": ("LID", D(2))}
        # renamed in the dialog: the old row goes, the new one stays
        shop_settings.save_sku_mapping(s, shop, "LID-R", "LID", "1", replacing="LID-RED")
        assert [m.platform_sku for m in shop_settings.list_sku_map(s, shop, search="lid")] == ["LID-R"]
        assert shop_settings.delete_sku_mapping(s, shop, "LID-R")
        assert [m.platform_sku for m in shop_settings.list_sku_map(s, shop)] == ["CUP-2PACK"]


def test_publish_rules_are_stored_and_the_shares_recomputed_at_once(db, session_factory, world):
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(10))
        shop = shop_id(s)
        shop_settings.save_publish_rule(s, shop, None, "ratio", "0.5")
        assert published(s, shop, world.sku["CUP"]) == 5
        shop_settings.save_publish_rule(s, shop, world.sku["CUP"], "buffer", 3)
        assert published(s, shop, world.sku["CUP"]) == 7
        with pytest.raises(ValidationError) as refused:
            shop_settings.save_publish_rule(s, shop, None, "ratio", "1.5")
        assert reasons(refused.value) == {"value": "above_all"}
        with pytest.raises(ValidationError):
            shop_settings.save_publish_rule(s, shop, None, "fixed", "2.5")
        rules = shop_settings.list_publish_rules(s, shop)
        assert [(p.sku_code, p.mode, p.value) for p in rules] == [("", "ratio", D("0.5")), ("CUP", "buffer", D(3))]
        assert s.execute(text("SELECT count(*) FROM core.job WHERE kind = 'push_stock' AND status = 'queued'")
                         ).scalar_one() == 1
    # stock arrives: the preview says what the shop would publish, the stored figure stays as it was
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(10))
    with session_factory.begin() as s:
        [row] = shop_settings.publish_preview(s, world.sku["CUP"])
        assert (row.quantity, row.available, row.rule) == (17, 20, "buffer")
        assert published(s, shop, world.sku["CUP"]) == 7
        assert shop_settings.delete_publish_rule(s, shop, world.sku["CUP"])
        assert published(s, shop, world.sku["CUP"]) == 10                    # the default again: half


def test_api_settings_schedule_pulls_and_credentials_go_to_the_keyring(db, session_factory, world):
    with db.superuser() as su:
        su.execute("INSERT INTO sales.shop (code, name, platform_code) VALUES ('WOO', 'Woo 店', 'woocommerce')")
    with session_factory.begin() as s:
        woo = next(x for x in shop_settings.list_shops(s) if x.code == "WOO")
        assert woo.has_api and woo.api == {}
        with pytest.raises(ValidationError) as refused:
            shop_settings.save_api_settings(s, woo.id, url="shop.example.com", pull_every_min=0)
        assert reasons(refused.value) == {"api.url": "not_a_url", "pull_every_min": "out_of_range"}
        shop_settings.save_api_settings(s, woo.id, url="https://shop.example.com/", pull_every_min=15)
        with pytest.raises(ValidationError) as refused:
            shop_settings.set_credentials(s, woo.id, {"consumer_key": "ck_1"})
        assert reasons(refused.value) == {"consumer_secret": "required"}
        assert not shop_settings.has_credentials(s, woo.id)
        shop_settings.set_credentials(s, woo.id, {"consumer_key": "ck_1", "consumer_secret": "cs_2", "other": "x"})
        assert shop_settings.has_credentials(s, woo.id)
    assert config.get_shop_secret("WOO", db.name) == {"consumer_key": "ck_1", "consumer_secret": "cs_2"}
    with session_factory() as s:
        woo = next(x for x in shop_settings.list_shops(s) if x.code == "WOO")
        assert woo.api == {"url": "https://shop.example.com"} and woo.pull_every_min == 15
        assert s.execute(text("SELECT count(*) FROM core.job WHERE kind = 'pull_orders' AND key = :k"),
                         {"k": str(woo.id)}).scalar_one() == 1


def test_rules_are_reordered_and_switched_off_and_a_viewer_may_change_nothing(db, session_factory, world):
    with session_factory.begin() as s:
        ids = [order_review.save_rule(s, r.RuleSpec(id=None, name=n, action="approve",
                                                    priority=shop_settings.next_priority(s, "review")))
               for n in ("a", "b", "c")]
        shop_settings.set_rule_order(s, [ids[2], ids[0], ids[1]])
        shop_settings.set_rule_active(s, ids[0], False)
        assert shop_settings.next_priority(s, "review") == 40
    with session_factory() as s:
        assert [(x.name, x.priority, x.enabled) for x in order_review.load_rules(s, active_only=False)] == [
            ("c", 10, True), ("a", 20, False), ("b", 30, True)]
        assert shop_settings.unknown_sku_codes(s, ["cup", "NOPE", " "]) == ["NOPE"]
    viewer = db.sessions(db.add_login("viewer"))
    with pytest.raises(DBAPIError), viewer.begin() as s:
        shop_settings.save_publish_rule(s, shop_id(s), None, "fixed", 1)
    with viewer() as s:
        assert [x.code for x in shop_settings.list_shops(s)] == ["TB1"]
        assert shop_settings.list_users(s) != []
