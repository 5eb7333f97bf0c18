"""UI test fixtures: settings in tmp_path, an English locale, a signed-in AppContext, SKUs put in by SQL."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QSettings
from PySide6.QtWidgets import QApplication

from erp_desktop.domain.barcodes import make_ean13
from erp_desktop.domain.pinyin import initials
from erp_desktop.services.session import AppContext
from erp_desktop.services.users import whoami
from erp_desktop.ui import app as ui_app
from erp_desktop.ui.bridge import Bridge


@pytest.fixture(autouse=True)
def ui_environment(qapp: QApplication, tmp_path) -> Iterator[None]:
    """Never touch the user's settings; numbers formatted as en_US; English strings."""
    QCoreApplication.setOrganizationName("erp-desktop-tests")
    QCoreApplication.setApplicationName("erp-desktop-tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(tmp_path / "settings-system"))
    ui_app.install_translations(qapp, "en")
    QLocale.setDefault(QLocale("en_US"))
    yield
    ui_app.install_translations(qapp, "en")
    QLocale.setDefault(QLocale("en_US"))


@pytest.fixture
def ctx(db, session_factory) -> AppContext:
    with session_factory() as s:
        identity = whoami(s)
    return AppContext(sessions=session_factory, identity=identity, mode="embedded", database=db.name,
                      server="PostgreSQL (embedded, tests)")


@pytest.fixture
def bridge() -> Bridge:
    return Bridge()


@dataclass(frozen=True)
class SeededSku:
    id: int
    code: str
    name: str
    price: Decimal
    barcode: str


def price_of(i: int) -> Decimal:
    """Deterministic, varied prices with two decimals (some above 1,000 to show grouping)."""
    return Decimal((i * 7919) % 2500) + Decimal((i * 37) % 100) / 100


CHINESE_NAMES = ("蓝牙耳机", "无线鼠标", "机械键盘", "保温杯", "数据线", "充电宝", "手机壳", "运动水壶",
                 "棉质T恤", "双肩背包", "不锈钢餐具套装", "护手霜", "香薰蜡烛", "瑜伽垫", "电动牙刷")
SPECS = ("黑色", "白色", "蓝色 / L", "红色 / M", "500ml", "1.5米", "20000mAh", "")


def seed_skus(db, n: int, *, chinese: bool = False, prefix: str = "SKU", start: int = 1,
              categories: bool = True) -> list[SeededSku]:
    """n SKUs (with a product and an EAN-13 barcode each), inserted as the superuser in a few statements."""
    rows = []
    for i in range(start, start + n):
        code = f"{prefix}{i:05d}"
        name = (f"{CHINESE_NAMES[i % len(CHINESE_NAMES)]} {i}" if chinese else f"Product {i:05d}")
        spec = SPECS[i % len(SPECS)] if chinese else ""
        barcode = make_ean13(f"69{i:010d}"[:12]) if prefix == "SKU" else make_ean13(f"68{i:010d}"[:12])
        rows.append((code, name, spec, initials(name), price_of(i), (price_of(i) * Decimal("0.6")).quantize(
            Decimal("0.01")), Decimal(i % 5) / 10 + Decimal("0.125"), barcode,
            ("active", "active", "active", "inactive", "discontinued")[i % 5] if i % 11 == 0 else "active"))
    with db.superuser() as conn:
        cat_ids: list[int | None] = [None]
        if categories:
            conn.execute("""INSERT INTO catalog.category (code, name) VALUES
                            ('AUDIO', '音频'), ('HOME', '家居'), ('SPORT', '运动')
                            ON CONFLICT (code) DO NOTHING""")
            cat_ids = [r[0] for r in conn.execute("SELECT id FROM catalog.category ORDER BY code")]
        codes = [r[0] for r in rows]
        conn.execute("""INSERT INTO catalog.product (code, name, category_id)
                        SELECT u.code, u.name, (%s::int[])[1 + (u.ord %% %s)]
                        FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY AS u(code, name, ord)""",
                     (cat_ids, len(cat_ids), codes, [r[1] for r in rows]))
        ids = dict(conn.execute(
            """INSERT INTO catalog.sku (product_id, code, name, spec, pinyin, category_id, price, cost, weight_kg,
                                        status)
               SELECT p.id, u.code, u.name, u.spec, u.pinyin, p.category_id, u.price, u.cost, u.weight, u.status
               FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::numeric[], %s::numeric[],
                           %s::numeric[], %s::text[]) AS u(code, name, spec, pinyin, price, cost, weight, status)
               JOIN catalog.product p ON p.code = u.code
               RETURNING code, id""",
            (codes, [r[1] for r in rows], [r[2] for r in rows], [r[3] for r in rows], [r[4] for r in rows],
             [r[5] for r in rows], [r[6] for r in rows], [r[8] for r in rows])).fetchall())
        conn.execute("""INSERT INTO catalog.barcode (sku_id, code, kind)
                        SELECT s.id, u.barcode, 'EAN13' FROM unnest(%s::text[], %s::text[]) AS u(code, barcode)
                        JOIN catalog.sku s ON s.code = u.code""", (codes, [r[7] for r in rows]))
    return [SeededSku(ids[r[0]], r[0], r[1], r[4], r[7]) for r in rows]
