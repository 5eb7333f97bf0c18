"""`erp-desktop` and its subcommands.

    erp-desktop [--demo] [--lang zh_CN|en] [--screenshot FILE]     the desktop client
    erp-desktop db init|upgrade|status [--url URL] [--admin NAME]  prepare / migrate / inspect a database
    erp-desktop user add NAME --role ROLE | list | passwd NAME | disable NAME | enable NAME
    erp-desktop serve [--listen ADDR] [--port N]                   this PC as the company's server (TLS)
    erp-desktop sku import FILE | export FILE                      products from/to Excel or CSV
    erp-desktop stock levels|receive|adjust|transfer|scrap|check|replenish|slow-movers ...   (cli_stock.py)
    erp-desktop import orders | orders ... | shop ... | worker [--once]         (cli_orders.py)
    erp-desktop wave ... | tracking import | ship ORDER | shipment-file | print   (cli_fulfil.py)
"""

from __future__ import annotations

import argparse
import getpass
import logging
import sys
from pathlib import Path

from erp_desktop import __version__, bootstrap, cli_fulfil, cli_orders, cli_stock, config

ROLES = ("admin", "finance", "sales", "service", "warehouse", "warehouse_lead", "purchasing", "viewer")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="erp-desktop", description="The ERP for multi-channel e-commerce sellers.")
    p.add_argument("--version", action="version", version=f"erp-desktop {__version__}")
    p.add_argument("--demo", action="store_true", help="open the demo company (created on first use)")
    p.add_argument("--lang", choices=("zh_CN", "en"), help="user interface language (default: system locale)")
    p.add_argument("--screenshot", type=Path, metavar="FILE", help="render the main window to a PNG and exit")
    p.add_argument("--database", help="embedded mode: the database name (default erp, or erp_demo with --demo)")
    p.add_argument("-v", "--verbose", action="store_true")
    sub = p.add_subparsers(dest="command")

    db = sub.add_parser("db", help="prepare, migrate or inspect the database")
    dbs = db.add_subparsers(dest="db_command", required=True)
    for name, help_ in (("init", "prepare an empty database: roles and schema"),
                        ("upgrade", "migrate the schema to this client's revision"),
                        ("status", "the server, its version and the schema revision")):
        c = dbs.add_parser(name, help=help_)
        c.add_argument("--url", help="PostgreSQL URL of the database owner (default: ERP_DATABASE_URL, "
                                     "else the embedded server)")
        if name == "init":
            c.add_argument("--admin", metavar="NAME", help="also create this first administrator login")
            c.add_argument("--password-stdin", action="store_true", help="read its password from stdin")

    user = sub.add_parser("user", help="manage users (each a PostgreSQL login)")
    us = user.add_subparsers(dest="user_command", required=True)
    add = us.add_parser("add", help="add a user in a role")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=ROLES)
    add.add_argument("--display-name", default="")
    add.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    us.add_parser("list", help="list users")
    pw = us.add_parser("passwd", help="set a user's password")
    pw.add_argument("name")
    pw.add_argument("--password-stdin", action="store_true")
    for name in ("disable", "enable"):
        c = us.add_parser(name, help=f"{name} a user's login")
        c.add_argument("name")

    serve = sub.add_parser("serve", help="make this PC the company's server: the embedded database on the "
                                          "network, with TLS and password logins")
    serve.add_argument("--listen", default="*", help="addresses to listen on (default: all)")
    serve.add_argument("--port", type=int, default=5432)

    sku = sub.add_parser("sku", help="products: import or export")
    ss = sku.add_subparsers(dest="sku_command", required=True)
    imp = ss.add_parser("import", help="import SKUs from .xlsx or .csv (re-import updates)")
    imp.add_argument("file", type=Path)
    exp = ss.add_parser("export", help="export SKUs to .xlsx")
    exp.add_argument("file", type=Path)
    exp.add_argument("--filter", default="", help="only SKUs matching this text")

    cli_stock.add_commands(sub)
    cli_orders.add_commands(sub)
    cli_fulfil.add_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command is None:
            from erp_desktop.app import run_gui

            return run_gui(demo=args.demo, lang=args.lang, screenshot=args.screenshot, database=args.database)
        handler = {"db": _db, "user": _user, "sku": _sku, "serve": _serve, "stock": cli_stock.run,
                   **cli_orders.HANDLERS, **cli_fulfil.HANDLERS}[args.command]
        return handler(args)
    except bootstrap.StartupError as exc:
        print(f"erp-desktop: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _read_password(from_stdin: bool, prompt: str = "Password: ") -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass(prompt)
    if getpass.getpass("Again: ") != first:
        raise SystemExit("erp-desktop: the passwords differ")
    return first


# -- db ------------------------------------------------------------------------------------------

def _owner_target(args) -> tuple[str, object | None]:
    """(SQLAlchemy URL of the database owner, embedded server or None)."""
    url = args.url or config.database_url_from_env()
    if url:
        return config.normalise_url(url), None
    server = bootstrap.start_embedded_server()
    database = args.database or (config.DEMO_DATABASE if args.demo else config.DEFAULT_DATABASE)
    server.ensure_database(database)
    return server.url(database), server


def _db(args) -> int:
    from sqlalchemy import text

    from erp_desktop.db import migrate
    from erp_desktop.db.engine import make_engine, make_session_factory
    from erp_desktop.services import users

    url, server = _owner_target(args)
    engine = make_engine(url, pool_size=1)
    try:
        if args.db_command == "status":
            with engine.connect() as c:
                version = c.execute(text("SHOW server_version")).scalar_one()
                dbname, who = c.execute(text("SELECT current_database(), current_user")).one()
                status = migrate.schema_status(c)
            where = "embedded" if server else f"{engine.url.host or 'localhost'}:{engine.url.port or 5432}"
            print(f"server:   PostgreSQL {version} ({where})")
            print(f"database: {dbname} (connected as {who})")
            print(f"schema:   {status.database_revision or '-'} (this client: {status.client_revision}) "
                  f"-> {status.state.value}")
            return 0 if status.state is migrate.SchemaState.CURRENT else 1
        if args.db_command == "init":
            with engine.connect() as c:
                if migrate.schema_status(c).state is not migrate.SchemaState.EMPTY:
                    print("erp-desktop: this database is initialised already; use `erp-desktop db upgrade`",
                          file=sys.stderr)
                    return 1
        try:
            status = migrate.upgrade(engine)
        except migrate.SchemaNewerError as exc:
            print(f"erp-desktop: {exc}", file=sys.stderr)
            return 2
        print(f"schema at revision {status.database_revision}")
        if args.db_command == "init" and getattr(args, "admin", None):
            password = _read_password(args.password_stdin, f"Password for {args.admin}: ")
            with make_session_factory(engine).begin() as s:
                info = users.add_user(s, args.admin, "admin", password)
            print(f"administrator {info.login} (PostgreSQL login {info.role_name}) created")
        return 0
    finally:
        engine.dispose()
        if server is not None:
            server.stop()


def _serve(args) -> int:
    from erp_desktop.db import lan

    databases = (config.DEFAULT_DATABASE, config.DEMO_DATABASE) if args.demo else (config.DEFAULT_DATABASE,)
    try:
        return lan.serve(config.data_dir() / "pgdata", listen=args.listen, port=args.port, databases=databases)
    except RuntimeError as exc:
        print(f"erp-desktop: {exc}", file=sys.stderr)
        return 2


# -- users and catalogue, as the signed-in user ---------------------------------------------------

def _user(args) -> int:
    from erp_desktop.domain.errors import ErpError
    from erp_desktop.domain.security import WeakPasswordError
    from erp_desktop.services import users

    conn = bootstrap.connect(demo=args.demo, database=args.database)
    try:
        with conn.ctx.sessions.begin() as s:
            if args.user_command == "add":
                password = _read_password(args.password_stdin, f"Password for {args.name}: ")
                info = users.add_user(s, args.name, args.role, password, args.display_name)
                print(f"user {info.login} added in role {info.area} (PostgreSQL login {info.role_name})")
            elif args.user_command == "list":
                for u in users.list_users(s):
                    print(f"{u.login:20} {u.area:15} {'active' if u.active else 'disabled':9} {u.display_name}")
            elif args.user_command == "passwd":
                users.set_password(s, args.name, _read_password(args.password_stdin))
                print(f"password of {args.name} changed")
            else:
                users.set_active(s, args.name, args.user_command == "enable")
                print(f"user {args.name} {args.user_command}d")
        return 0
    except (ErpError, WeakPasswordError) as exc:
        print(f"erp-desktop: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # database refusals (duplicate login, bad role) are the user's to read
        orig = getattr(exc, "orig", None)
        if orig is None:
            raise
        print(f"erp-desktop: {str(orig).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        conn.close()


def _sku(args) -> int:
    from erp_desktop.domain.errors import ErpError
    from erp_desktop.services import catalog

    conn = bootstrap.connect(demo=args.demo, database=args.database)
    try:
        if args.sku_command == "import":
            with conn.ctx.sessions.begin() as s:
                report = catalog.import_skus(s, args.file)
            print(f"created {report.created}, updated {report.updated}, unchanged {report.unchanged}, "
                  f"rejected {len(report.errors)}")
            for e in report.errors:
                print(f"  row {e.row}, column {e.column}: {e.reason}")
            return 0 if not report.errors else 1
        with conn.ctx.sessions() as s:
            n = catalog.export_skus(s, catalog.SkuFilter(text=args.filter), args.file)
        print(f"{n} SKUs written to {args.file}")
        return 0
    except ErpError as exc:
        print(f"erp-desktop: {exc}", file=sys.stderr)
        return 1
    finally:
        conn.close()
