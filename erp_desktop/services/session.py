"""What a signed-in client has: its session factory and who it is.  Built by bootstrap, used by the UI."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session, sessionmaker

from erp_desktop.services.users import Identity


@dataclass
class AppContext:
    sessions: sessionmaker[Session]
    identity: Identity
    mode: str                  # "embedded" or "shared"
    database: str              # database name
    server: str                # e.g. "PostgreSQL 18.1 (embedded)" or "db.example.com:5432"
    demo: bool = False
