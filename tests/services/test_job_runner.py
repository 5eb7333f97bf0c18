"""Background jobs without anyone watching: the runner thread every client starts, and `erp-desktop
worker` (once from cron, or as a service stopped by a signal)."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal as D

import pytest
from sqlalchemy import text

from erp_desktop import cli
from erp_desktop.db.engine import make_engine, make_session_factory
from erp_desktop.domain import rules as r
from erp_desktop.domain.orders import ParsedOrders, PlatformOrder, PlatformOrderLine
from erp_desktop.services import job_runner, jobs, order_review, orders, stock
from tests.channels.platform_servers import ShopifyServer
from tests.stock_fixtures import make_world

LOCATION = 655441491


def wait_for(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def test_kind():
    """A job kind of the test's own: it records each job it runs."""
    ran: list[str] = []
    jobs.HANDLERS["test_record"] = lambda sessions, job: ran.append(job.key)
    yield ran
    jobs.HANDLERS.pop("test_record", None)


def test_the_runner_thread_runs_due_jobs_until_stopped(session_factory, test_kind):
    with session_factory.begin() as s:
        jobs.request_job(s, "test_record", "first")
    runner = job_runner.JobRunner(session_factory, ["test_record"], interval=30).start()
    try:
        assert wait_for(lambda: test_kind == ["first"])
        with session_factory.begin() as s:
            jobs.request_job(s, "test_record", "second")
        runner.wake()                   # asked for just now: no need to wait the 30 s
        assert wait_for(lambda: test_kind == ["first", "second"])
        assert runner.last_error is None
    finally:
        assert runner.stop(timeout=5)
    assert not runner.running
    with session_factory.begin() as s:
        jobs.request_job(s, "test_record", "after")
    time.sleep(0.3)
    assert test_kind == ["first", "second"]          # a stopped runner takes nothing
    with session_factory() as s:
        assert s.execute(text("SELECT status FROM core.job WHERE key = 'second'")).scalar_one() == "done"


def test_a_runner_that_cannot_reach_the_database_keeps_trying_and_still_stops(db, admin, caplog):
    refused = make_session_factory(make_engine(db.url(admin.role_name, "not-the-password"), pool_size=1))
    runner = job_runner.JobRunner(refused, ["retry_waiting"], interval=0.05).start()
    try:
        assert wait_for(lambda: runner.rounds >= 3)
        assert runner.running and "password authentication failed" in runner.last_error
    finally:
        assert runner.stop(timeout=5)
    refused.kw["bind"].dispose()
    assert any("job runner" in rec.getMessage() for rec in caplog.records)


def test_only_users_of_the_order_desk_run_jobs(db):
    from erp_desktop.services import users

    with db.sessions(db.add_login("warehouse")).begin() as s:
        assert job_runner.job_kinds(users.whoami(s)) == []
    with db.sessions(db.add_login("sales")).begin() as s:
        assert {"pull_orders", "push_stock", "retry_waiting"} <= set(job_runner.job_kinds(users.whoami(s)))


def test_worker_once_pulls_an_api_shop_and_pushes_its_stock(db, session_factory, capsys, monkeypatch):
    world = make_world(db)
    with session_factory.begin() as s:
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(10))
        order_review.save_rule(s, r.RuleSpec(id=None, name="auto", action="approve"))
    monkeypatch.setenv("ERP_DATABASE_URL", db.add_login("sales").url)
    with ShopifyServer() as server:
        item = server.add_product("保温杯", [("IPOD2008PINK", "Pink")])["variants"][0]["inventory_item_id"]
        server.add_order(2001, lines=[("IPOD2008PINK", 2, "199.00")])
        assert cli.main(["shop", "add", "SHOPIFY", "--name", "Shopify 海外店", "--platform", "shopify",
                         "--api-url", server.url, "--location-id", str(LOCATION)]) == 0
        assert cli.main(["shop", "map", "SHOPIFY", "IPOD2008PINK", "CUP"]) == 0
        monkeypatch.setattr("sys.stdin", io.StringIO(server.token + "\n"))
        assert cli.main(["shop", "secret", "SHOPIFY", "--stdin"]) == 0
        capsys.readouterr()

        assert cli.main(["worker", "--once"]) == 0
        out = capsys.readouterr().out
        assert "pull_orders" in out and "done" in out
        with session_factory() as s:
            assert s.execute(text("SELECT status FROM sales.\"order\"")).scalar_one() == "approved"
            # the next pull is asked for, in the shop's pull interval
            assert s.execute(text("SELECT count(*) FROM core.job WHERE kind = 'pull_orders' AND status = 'queued' "
                                  "AND run_at > now() + interval '4 minutes'")).scalar_one() == 1
        # the reservation changed CUP's stock: the next run flushes that change and tells the shop
        assert cli.main(["worker", "--once"]) == 0
        assert "push_stock" in capsys.readouterr().out
        assert server.levels[(item, LOCATION)] == 8

        # and a pull at once, from the command line
        server.tick(60)
        server.add_order(2002, lines=[("IPOD2008PINK", 1, "199.00")])
        assert cli.main(["shop", "pull", "SHOPIFY"]) == 0
        assert "created 1, updated 0" in capsys.readouterr().out
        assert cli.main(["shop", "list"]) == 0
        assert server.url in capsys.readouterr().out


def test_worker_approves_a_waiting_order_when_stock_comes_and_stops_on_sigterm(db, session_factory):
    world = make_world(db)
    with db.superuser() as su:
        su.execute("INSERT INTO sales.shop (code, name, platform_code) VALUES ('TB1', '淘宝店', 'taobao')")
    with session_factory.begin() as s:
        shop_id = s.execute(text("SELECT id FROM sales.shop")).scalar_one()
        summary = orders.import_orders(s, shop_id, ParsedOrders([PlatformOrder(
            "W1", "paid", (PlatformOrderLine("CUP", "保温杯", D(3), D("89.00")),), receiver_name="王小明",
            receiver_phone="13800138000", province="浙江省", city="杭州市", district="西湖区",
            address_detail="文三路 90 号")]))
        assert orders.approve_orders(s, summary.order_ids).waiting == summary.order_ids
        stock.receive_goods(s, world.sku["CUP"], world.bin["HZ/A-01"], D(5))
    env = dict(os.environ, ERP_DATABASE_URL=db.add_login("sales").url)
    worker = subprocess.Popen([sys.executable, "-m", "erp_desktop", "worker", "--interval", "0.2"], env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        def approved() -> bool:
            with session_factory() as s:
                return s.execute(text("SELECT status FROM sales.\"order\"")).scalar_one() == "approved"
        assert wait_for(approved, 20), worker.stderr.read() if worker.poll() is not None else "still waiting"
        worker.send_signal(signal.SIGTERM)
        _out, err = worker.communicate(timeout=15)
    finally:
        if worker.poll() is None:
            worker.kill()
    assert worker.returncode == 0, err
    assert "worker running as" in err and "retry_waiting" in err and "worker stopped" in err


def test_a_user_without_job_rights_is_told_so(db, capsys, monkeypatch):
    monkeypatch.setenv("ERP_DATABASE_URL", db.add_login("warehouse").url)
    assert cli.main(["worker", "--once"]) == 2
    assert "may run no background jobs" in capsys.readouterr().err

