"""An API shop kept in step: its orders pulled (resuming where a failed run stopped, never twice),
its stock pushed when ours changes, within what may be published; jobs claimed once."""

from __future__ import annotations

import json
import threading
from decimal import Decimal as D

import pytest
from sqlalchemy import text

from erp_desktop import config
from erp_desktop.channels.http import RetryPolicy
from erp_desktop.channels.shopify import ShopifyChannel
from erp_desktop.domain.orders import ChannelError
from erp_desktop.services import channel_sync, jobs, order_review, stock
from tests.channels.platform_servers import ShopifyServer
from tests.stock_fixtures import make_world

LOCATION = 655441491


@pytest.fixture
def server():
    with ShopifyServer() as s:
        s.add_product("保温杯", [("IPOD2008PINK", "Pink")])
        yield s


@pytest.fixture
def world(db, server):
    w = make_world(db)
    settings = json.dumps({"api": {"url": server.url, "location_id": LOCATION}})
    with db.superuser() as su:
        su.execute("INSERT INTO sales.shop (code, name, platform_code, settings) VALUES "
                   "('SHOPIFY', 'Shopify 海外店', 'shopify', %s), ('TB1', '淘宝店', 'taobao', '{}')", (settings,))
        su.execute("INSERT INTO sales.sku_map (shop_id, platform_sku, sku_id) SELECT s.id, 'IPOD2008PINK', k.id "
                   "FROM sales.shop s, catalog.sku k WHERE k.code = 'CUP'")
    return w


def shop(s, code="SHOPIFY") -> int:
    return s.execute(text("SELECT id FROM sales.shop WHERE code = :c"), {"c": code}).scalar_one()


def channel(server, **options) -> ShopifyChannel:
    return ShopifyChannel(server.url, server.token, location_id=LOCATION, page_size=2, sleep=lambda _s: None,
                          retry=RetryPolicy(max_attempts=2, backoff=0.01, max_retry_wait=1), **options)


class FailsOnSecondPage(ShopifyChannel):
    """The real adapter; the platform starts answering 500 when the second page is asked for."""

    def __init__(self, server) -> None:
        super().__init__(server.url, server.token, location_id=LOCATION, page_size=2, sleep=lambda _s: None,
                         retry=RetryPolicy(max_attempts=2, backoff=0.01, max_retry_wait=1))
        self.server, self.pages = server, 0

    def fetch_orders(self, cursor):
        self.pages += 1
        if self.pages == 2:
            self.server.fail_next(5, 500, path_contains="orders.json")
        return super().fetch_orders(cursor)


def test_a_pull_stops_at_a_failed_page_and_the_next_one_goes_on_from_there(session_factory, server, world):
    for n in range(1001, 1006):
        server.add_order(n)
        server.tick()
    with session_factory() as s:
        shop_id = shop(s)
    with pytest.raises(ChannelError):
        channel_sync.pull_orders(session_factory, shop_id, FailsOnSecondPage(server), review=False)
    with session_factory() as s:     # the first page is kept, with the cursor after it
        assert s.execute(text("SELECT count(*) FROM sales.\"order\"")).scalar_one() == 2
    server.heal()
    result = channel_sync.pull_orders(session_factory, shop_id, channel(server), review=False)
    assert (result.created, result.pages) == (3, 2)
    again = channel_sync.pull_orders(session_factory, shop_id, channel(server), review=False)
    assert again.created == 0
    with session_factory() as s:
        nos = s.execute(text("SELECT platform_order_no FROM sales.\"order\" ORDER BY 1")).scalars().all()
        assert nos == [str(450789469 + n) for n in range(1001, 1006)]


def test_stock_changes_reach_the_shop_within_its_share(db, session_factory, server, world):
    with session_factory.begin() as s:
        shop_id = shop(s)
        s.execute(text("INSERT INTO sales.sku_map (shop_id, platform_sku, sku_id) VALUES (:t, 'TB-CUP', :k)"),
                  {"t": shop(s, "TB1"), "k": world.sku["CUP"]})
        s.execute(text("INSERT INTO sales.publish_rule (shop_id, mode, value) VALUES (:s, 'ratio', 0.6), "
                       "(:t, 'ratio', 0.6)"), {"s": shop_id, "t": shop(s, "TB1")})
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(11))
    with db.superuser() as su:           # what the listening client does a few times a second
        su.execute("SELECT core.flush_changes()")
        assert su.execute("SELECT sku_id FROM sales.push_queue").fetchall() == [(world.sku["CUP"],)]
    with db.superuser() as su:
        database = su.execute("SELECT current_database()").fetchone()[0]
    # no token in this PC's keyring: the push is left to a PC that has it
    assert jobs.run_due_jobs(session_factory, ["push_stock"]) == []
    # a wrong token: the push fails, its SKUs wait for the next try
    config.set_shop_secret("SHOPIFY", database, {"access_token": "shpat_wrong"})
    [failed] = jobs.run_due_jobs(session_factory, ["push_stock"])
    assert failed.state in ("retry", "merged") and "401" in failed.error
    with db.superuser() as su:
        assert su.execute("SELECT sku_id FROM sales.push_queue").fetchall() == [(world.sku["CUP"],)]
        assert su.execute("SELECT run_at > now(), attempts FROM core.job WHERE kind = 'push_stock' "
                          "AND status = 'queued'").fetchone() == (True, 1)
        su.execute("UPDATE core.job SET run_at = now() WHERE kind = 'push_stock'")
    config.set_shop_secret("SHOPIFY", database, {"access_token": server.token})
    done = jobs.run_due_jobs(session_factory, ["push_stock"])
    assert [o.state for o in done] == ["done"]
    item = server.variant("IPOD2008PINK")["inventory_item_id"]
    # both shops want 60 % of 11: more than there is, so each gets its share of 11, rounded down
    assert server.levels[(item, LOCATION)] == 5
    with session_factory() as s:
        shares = dict(s.execute(text("SELECT shop_id, quantity FROM sales.published")).all())
        assert sum(shares.values()) <= 11 and shares[shop_id] == 5
        assert s.execute(text("SELECT pushed_quantity FROM sales.published WHERE shop_id = :s"),
                         {"s": shop_id}).scalar_one() == 5
    # nobody can publish more than there is, even by writing the table
    with db.superuser() as su, pytest.raises(Exception, match="only 11 available"):
        su.execute("UPDATE sales.published SET quantity = 9")


def test_a_job_runs_once_however_many_runners(session_factory, world):
    ran: list[str] = []
    lock = threading.Lock()

    @jobs.handler("test_count")
    def _count(sessions, job):
        with lock:
            ran.append(job.key)

    try:
        with session_factory.begin() as s:
            for i in range(20):
                jobs.request_job(s, "test_count", str(i))
            assert jobs.request_job(s, "test_count", "0") is None      # already waiting
        barrier = threading.Barrier(4)

        def runner():
            barrier.wait()
            jobs.run_due_jobs(session_factory, ["test_count"], max_jobs=100)

        threads = [threading.Thread(target=runner) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert sorted(ran, key=int) == [str(i) for i in range(20)]
    finally:
        jobs.HANDLERS.pop("test_count", None)


def test_a_failing_job_is_tried_again_later_with_its_error_kept(session_factory, world):
    @jobs.handler("test_fail")
    def _fail(sessions, job):
        raise RuntimeError("platform down")

    try:
        with session_factory.begin() as s:
            jobs.request_job(s, "test_fail", "x")
        [outcome] = jobs.run_due_jobs(session_factory, ["test_fail"])
        assert outcome.state == "retry" and "platform down" in outcome.error
        assert jobs.run_due_jobs(session_factory, ["test_fail"]) == []     # not due again yet
        with session_factory() as s:
            row = s.execute(text("SELECT status, attempts, run_at > now() FROM core.job WHERE kind = 'test_fail'"))
            assert tuple(row.one()) == ("queued", 1, True)
    finally:
        jobs.HANDLERS.pop("test_fail", None)


def test_pulled_orders_are_reviewed_and_pulls_are_scheduled_once(session_factory, server, world):
    server.add_order(2001, lines=[("IPOD2008PINK", 2, "199.00")])
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(5))
        order_review.save_rule(s, order_review.r.RuleSpec(id=None, name="auto", action="approve"))
        assert channel_sync.schedule_pulls(s) == 1
        assert channel_sync.schedule_pulls(s) == 0        # one waits already
        shop_id = shop(s)
        assert s.execute(text("SELECT key FROM core.job WHERE kind = 'pull_orders'")).scalar_one() == str(shop_id)
    result = channel_sync.pull_orders(session_factory, shop_id, channel(server))
    assert result.created == 1 and len(result.reviewed.approved) == 1
    with session_factory() as s:
        assert s.execute(text("SELECT reserved FROM stock.level WHERE sku_id = :k"),
                         {"k": world.sku["CUP"]}).scalar_one() == 2


def test_a_file_shop_gets_its_stock_file_on_schedule(db, session_factory, world, tmp_path):
    from erp_desktop.services import orders

    with session_factory.begin() as s:
        taobao = shop(s, "TB1")
        s.execute(text("UPDATE sales.shop SET active = false WHERE code = 'SHOPIFY'"))   # Taobao sells alone
        s.execute(text("INSERT INTO sales.sku_map (shop_id, platform_sku, sku_id, quantity) VALUES "
                       "(:t, 'TB-CUP', :k, 1), (:t, 'TB-CUP-2PACK', :k, 2)"), {"t": taobao, "k": world.sku["CUP"]})
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(7))
        orders.save_shop_settings(s, taobao, {"stock_file": {"dir": str(tmp_path / "out"), "every_min": 30}})
        channel_sync.schedule_pulls(s)
    done = jobs.run_due_jobs(session_factory, ["stock_file"])
    assert [o.state for o in done] == ["done"]
    [written] = (tmp_path / "out").glob("TB1-stock-*.csv")
    assert written.read_text(encoding="utf-8-sig").splitlines() == ["商家编码,库存", "IPOD2008PINK,7", "TB-CUP,7",
                                                                     "TB-CUP-2PACK,3"]
    with session_factory() as s:     # the next one is due in half an hour
        assert s.execute(text("SELECT run_at > now() + interval '29 minutes' FROM core.job "
                              "WHERE kind = 'stock_file' AND status = 'queued'")).scalar_one()


def test_orders_waiting_for_stock_are_tried_again_when_stock_comes(db, session_factory, world):
    from erp_desktop.domain.orders import ParsedOrders, PlatformOrderLine
    from erp_desktop.services import orders
    from tests.services.test_orders import an_order

    with session_factory.begin() as s:
        cups = (PlatformOrderLine("CUP", "保温杯", D(3), D("89.00")),)
        orders.import_orders(s, shop(s, "TB1"), ParsedOrders([an_order("W1", lines=cups)]))
        oid = s.execute(text("SELECT id FROM sales.\"order\"")).scalar_one()
        assert orders.approve_orders(s, [oid]).waiting == (oid,)
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(5))
    with db.superuser() as su:        # the listening client's flush sees the level change
        su.execute("SELECT core.flush_changes()")
    assert [o.state for o in jobs.run_due_jobs(session_factory, ["retry_waiting"])] == ["done"]
    with session_factory() as s:
        assert s.execute(text("SELECT status FROM sales.\"order\"")).scalar_one() == "approved"


def test_a_pc_without_a_shops_credentials_leaves_its_pulls_to_one_that_has_them(db, session_factory, server, world):
    with session_factory.begin() as s:
        channel_sync.schedule_pulls(s)
        database = s.execute(text("SELECT current_database()")).scalar_one()
    # no token in this PC's keyring: the pull and the push are not this runner's to claim
    assert jobs.run_due_jobs(session_factory, ["pull_orders", "push_stock"]) == []
    with session_factory() as s:
        assert s.execute(text("SELECT status FROM core.job WHERE kind = 'pull_orders'")).scalar_one() == "queued"
    config.set_shop_secret("SHOPIFY", database, {"access_token": server.token})
    server.add_order(3001)
    done = jobs.run_due_jobs(session_factory, ["pull_orders"], max_jobs=1)
    assert [o.state for o in done] == ["done"]
    with session_factory() as s:
        assert s.execute(text("SELECT count(*) FROM sales.\"order\"")).scalar_one() == 1
