"""The desktop client runs due background jobs while it is open (DESIGN.md §2) and stops doing so
when it closes."""

from __future__ import annotations

import threading

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

from erp_desktop.app import run_gui
from erp_desktop.services import jobs
from erp_desktop.ui.main_window import MainWindow


def runner_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "erp-jobs" and t.is_alive()]


def test_an_open_client_runs_due_jobs_and_its_runner_stops_with_it(qapp, db, session_factory, monkeypatch):
    ran: list[str] = []
    jobs.HANDLERS["test_client"] = lambda sessions, job: ran.append(threading.current_thread().name)
    try:
        with session_factory.begin() as s:
            jobs.request_job(s, "test_client", "from-another-pc")
        monkeypatch.setenv("ERP_DATABASE_URL", db.add_login("sales").url)
        seen: dict[str, object] = {}

        def close_when_done() -> None:
            windows = [w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
            if ran and windows:
                seen["runners"] = len(runner_threads())
                QThreadPool.globalInstance().waitForDone(5000)
                windows[0].close()
                qapp.quit()

        poll = QTimer()
        poll.timeout.connect(close_when_done)
        poll.start(50)
        guard = QTimer()                              # never hang the suite; stopped after, or its quit()
        guard.setSingleShot(True)                     # would end the event loops of the tests that follow
        guard.timeout.connect(qapp.quit)
        guard.start(20_000)
        try:
            assert run_gui(demo=False, lang="en", screenshot=None, database=None) == 0
        finally:
            poll.stop()
            guard.stop()
            # closing the last window posts a Quit event of its own; handled outside exec() it would
            # leave the thread's "quit now" set and end every event loop the next tests start
            QTimer.singleShot(0, qapp.quit)
            qapp.exec()
    finally:
        jobs.HANDLERS.pop("test_client", None)
    assert ran == ["erp-jobs"] and seen["runners"] == 1
    assert runner_threads() == []
    with session_factory() as s:
        assert [(j["kind"], j["status"]) for j in jobs.recent_jobs(s)] == [("test_client", "done")]
