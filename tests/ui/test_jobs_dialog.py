"""Admin → Background jobs…: what ran, and a job that gave up with its error, in words."""

from __future__ import annotations

from erp_desktop.services import jobs
from erp_desktop.ui.jobs_dialog import JobsDialog
from erp_desktop.ui.main_window import MainWindow


def test_the_jobs_dialog_shows_what_ran_and_what_gave_up(qtbot, db, ctx, bridge, session_factory):
    def expired(sessions, job):
        raise RuntimeError("401: the access token expired\ndetails follow")

    jobs.HANDLERS["test_expired"] = expired
    jobs.HANDLERS["test_ok"] = lambda sessions, job: None
    try:
        with session_factory.begin() as s:
            jobs.request_job(s, "test_expired", "SHOPIFY")
            jobs.request_job(s, "test_ok", "")
        with db.superuser() as su:              # one try only, so it gives up now
            su.execute("UPDATE core.job SET max_attempts = 1")
        assert {o.state for o in jobs.run_due_jobs(session_factory, ["test_expired", "test_ok"])} == {"failed",
                                                                                                      "done"}
        window = MainWindow(ctx, bridge, docks=())
        qtbot.addWidget(window)
        dlg = window.show_jobs()
        assert isinstance(dlg, JobsDialog) and window.jobs_action.text() == "&Background jobs…"
        rows = {dlg.table.item(r, 0).text(): [dlg.table.item(r, c).text() for c in range(dlg.table.columnCount())]
                for r in range(dlg.table.rowCount())}
        assert rows["test_expired"][1:4] == ["SHOPIFY", "failed", "1"]
        assert rows["test_expired"][7] == "RuntimeError: 401: the access token expired"
        assert rows["test_ok"][2] == "done" and rows["test_ok"][7] == ""
        assert "1 job(s) gave up" in dlg.message.text()

        with session_factory.begin() as s:
            jobs.request_job(s, "retry_waiting")
        dlg.refresh_button.click()
        assert dlg.table.rowCount() == 3 and dlg.table.item(0, 0).text() == "Orders waiting for stock"
        assert dlg.table.item(0, 2).text() == "waiting"
    finally:
        jobs.HANDLERS.pop("test_expired", None)
        jobs.HANDLERS.pop("test_ok", None)
