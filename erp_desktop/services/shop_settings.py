"""The order desk's settings behind the Orders dock's dialogs: the shops (API address, pull
interval, credentials in the OS keyring), what each shop publishes of our stock (per shop and
per SKU), the shop's SKU mapping, the carriers and users rules and bulk actions choose from,
and the order of the rules.

Writes check what the database cannot say in words first (an unknown SKU code, a ratio above
100 %, an address that is not a web address) and raise ValidationError with FieldErrors, so the
dialog can show each next to its field; rights are the database's (a refusal comes back as the
DBAPIError it is).  A change of what a shop sells or may publish recomputes its shares at once
(sales.publish) and queues a stock push, so the shops hear of it without waiting for a sale.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from erp_desktop import config
from erp_desktop.domain.errors import FieldError, NotFoundError, ValidationError
from erp_desktop.services import channel_sync, orders
from erp_desktop.services.catalog_queries import find_sku_by_barcode
from erp_desktop.services.order_queries import PublishedRow, published_for_sku

MODES = ("ratio", "fixed", "buffer", "none")
# what each API platform's adapter needs from the keyring (channel_sync.make_channel)
CREDENTIAL_FIELDS: dict[str, tuple[str, ...]] = {"shopify": ("access_token",),
                                                 "woocommerce": ("consumer_key", "consumer_secret")}
PULL_EVERY_MAX_MIN = 24 * 60
HANDLER_AREAS = ("sales", "service", "admin")
INSUFFICIENT_PRIVILEGE = "42501"


# ---------------------------------------------------------------------------------------------
# shops
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ShopSettings:
    id: int
    code: str
    name: str
    platform: str
    platform_name: str
    platform_name_zh: str
    has_api: bool                      # the platform has an adapter (orders pulled, stock pushed)
    active: bool
    stock_ratio: Decimal
    settings: Mapping[str, Any] = field(default_factory=dict, hash=False)

    @property
    def api(self) -> Mapping[str, Any]:
        value = self.settings.get("api")
        return value if isinstance(value, Mapping) else {}

    @property
    def pull_every_min(self) -> int:
        try:
            return int(self.settings.get("pull_every_min", channel_sync.PULL_EVERY_MIN))
        except (TypeError, ValueError):
            return channel_sync.PULL_EVERY_MIN


def list_shops(session: Session) -> list[ShopSettings]:
    """Every shop with its platform and settings, by code."""
    rows = session.execute(text(
        "SELECT s.id, s.code, s.name, s.platform_code, p.name AS pname, p.name_zh, p.has_api, s.active, "
        "s.stock_ratio, s.settings FROM sales.shop s JOIN sales.platform p ON p.code = s.platform_code "
        "ORDER BY s.code")).all()
    return [ShopSettings(r.id, r.code, r.name, r.platform_code, r.pname, r.name_zh, r.has_api, r.active,
                         r.stock_ratio, dict(r.settings or {})) for r in rows]


def save_shop(session: Session, shop_id: int | None, *, code: str, name: str, platform: str,
              active: bool = True) -> int:
    """A new shop (shop_id None) or a shop's code, name, platform and active flag; returns its id."""
    code, name = code.strip(), name.strip()
    errors = []
    if not code:
        errors.append(FieldError("code", "required"))
    elif any(c.isspace() for c in code):
        errors.append(FieldError("code", "whitespace"))
    if not name:
        errors.append(FieldError("name", "required"))
    if session.execute(text("SELECT 1 FROM sales.platform WHERE code = :p"), {"p": platform}).first() is None:
        errors.append(FieldError("platform", "invalid_choice", platform))
    taken = session.execute(text("SELECT id FROM sales.shop WHERE lower(code) = lower(:c)"), {"c": code}).scalar()
    if code and taken is not None and taken != shop_id:
        errors.append(FieldError("code", "duplicate", code))
    if errors:
        raise ValidationError(errors)
    values = {"c": code, "n": name, "p": platform, "a": active, "s": shop_id}
    if shop_id is None:
        return session.execute(text("INSERT INTO sales.shop (code, name, platform_code, active) "
                                    "VALUES (:c, :n, :p, :a) RETURNING id"), values).scalar_one()
    done = session.execute(text("UPDATE sales.shop SET code = :c, name = :n, platform_code = :p, active = :a "
                                "WHERE id = :s RETURNING id"), values).scalar()
    if done is None:
        raise NotFoundError("shop", shop_id)
    return shop_id


def save_api_settings(session: Session, shop_id: int, *, url: str, location_id: str = "",
                      pull_every_min: int = channel_sync.PULL_EVERY_MIN) -> dict[str, Any]:
    """The platform's address (and Shopify's location) and the minutes between pulls; the shop's
    pulls are scheduled.  Returns the settings as stored."""
    url = url.strip().rstrip("/")
    errors = []
    parsed = urlparse(url)
    if not url:
        errors.append(FieldError("api.url", "required"))
    elif parsed.scheme not in ("http", "https") or not parsed.netloc:
        errors.append(FieldError("api.url", "not_a_url", url))
    if isinstance(pull_every_min, bool) or not isinstance(pull_every_min, int) \
            or not 1 <= pull_every_min <= PULL_EVERY_MAX_MIN:
        errors.append(FieldError("pull_every_min", "out_of_range", str(pull_every_min)))
    if errors:
        raise ValidationError(errors)
    api: dict[str, Any] = {"url": url}
    if location_id.strip():
        api["location_id"] = location_id.strip()
    stored = orders.save_shop_settings(session, shop_id, {"api": api, "pull_every_min": pull_every_min})
    channel_sync.schedule_pulls(session)
    return stored


def _shop_key(session: Session, shop_id: int) -> tuple[str, str, str]:
    row = session.execute(text("SELECT code, platform_code, current_database() FROM sales.shop WHERE id = :s"),
                          {"s": shop_id}).first()
    if row is None:
        raise NotFoundError("shop", shop_id)
    return row[0], row[1], row[2]


def set_credentials(session: Session, shop_id: int, secret: Mapping[str, str]) -> None:
    """Keep the shop's API credentials in the OS keyring (per company database); never in the database."""
    code, platform, database = _shop_key(session, shop_id)
    wanted = CREDENTIAL_FIELDS.get(platform)
    if wanted is None:
        raise ValidationError([FieldError("platform", "no_api", platform)])
    missing = [FieldError(k, "required") for k in wanted if not str(secret.get(k) or "").strip()]
    if missing:
        raise ValidationError(missing)
    config.set_shop_secret(code, database, {k: str(secret[k]).strip() for k in wanted})


def has_credentials(session: Session, shop_id: int) -> bool:
    """Whether the keyring holds the shop's credentials (they are never read back to be shown)."""
    code, _platform, database = _shop_key(session, shop_id)
    try:
        return config.get_shop_secret(code, database) is not None
    except config.KeyringUnavailable:
        return False


# ---------------------------------------------------------------------------------------------
# publishing: what each shop may sell of our stock
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class PublishRule:
    shop_id: int
    sku_id: int | None                 # None: the shop's default for every SKU
    sku_code: str
    sku_name: str
    mode: str                          # ratio, fixed, buffer, none
    value: Decimal


def list_publish_rules(session: Session, shop_id: int) -> list[PublishRule]:
    """The shop's default first, then its per-SKU rules by SKU code."""
    rows = session.execute(text(
        "SELECT r.shop_id, r.sku_id, coalesce(k.code, '') AS code, coalesce(k.name, '') AS name, r.mode, r.value "
        "FROM sales.publish_rule r LEFT JOIN catalog.sku k ON k.id = r.sku_id WHERE r.shop_id = :s "
        "ORDER BY r.sku_id IS NOT NULL, k.code"), {"s": shop_id}).all()
    return [PublishRule(*r) for r in rows]


def _check_rule(mode: str, value: Decimal | int | str) -> Decimal:
    if mode not in MODES:
        raise ValidationError([FieldError("mode", "invalid_choice", mode)])
    try:
        number = Decimal(str(value).strip() or "0")
    except InvalidOperation:
        raise ValidationError([FieldError("value", "not_a_number", str(value))]) from None
    if not number.is_finite():
        raise ValidationError([FieldError("value", "not_a_number", str(value))])
    if number < 0:
        raise ValidationError([FieldError("value", "negative", str(value))])
    if mode == "ratio" and number > 1:
        raise ValidationError([FieldError("value", "above_all", str(value))])
    if mode in ("fixed", "buffer") and number != number.to_integral_value():
        raise ValidationError([FieldError("value", "not_whole", str(value))])
    return Decimal(0) if mode == "none" else number


def save_publish_rule(session: Session, shop_id: int, sku_id: int | None, mode: str,
                      value: Decimal | int | str) -> None:
    """The shop's rule for one SKU (None: its default): a ratio (0 to 1) of the SKU's
    available-to-sell, a fixed quantity, all of it less a buffer, or none; shares recomputed."""
    number = _check_rule(mode, value)
    session.execute(text(
        "INSERT INTO sales.publish_rule (shop_id, sku_id, mode, value) VALUES (:s, :k, :m, :v) "
        "ON CONFLICT ON CONSTRAINT publish_rule_unique DO UPDATE SET mode = excluded.mode, value = excluded.value, "
        "updated_at = now(), updated_by = current_user"), {"s": shop_id, "k": sku_id, "m": mode, "v": number})
    republish(session, _skus_of(session, shop_id, sku_id))


def delete_publish_rule(session: Session, shop_id: int, sku_id: int | None) -> bool:
    """Drop a rule: a SKU follows the shop's default again, a shop without one its stock ratio."""
    gone = session.execute(text(
        "DELETE FROM sales.publish_rule WHERE shop_id = :s AND sku_id IS NOT DISTINCT FROM :k RETURNING id"),
        {"s": shop_id, "k": sku_id}).first() is not None
    if gone:
        republish(session, _skus_of(session, shop_id, sku_id))
    return gone


def _skus_of(session: Session, shop_id: int, sku_id: int | None) -> list[int]:
    if sku_id is not None:
        return [sku_id]
    return list(session.execute(text("SELECT DISTINCT sku_id FROM sales.sku_map WHERE shop_id = :s"),
                                {"s": shop_id}).scalars())


def republish(session: Session, sku_ids: Iterable[int]) -> int:
    """Recompute every shop's share of these SKUs now and queue a push to the API shops."""
    skus = sorted(set(sku_ids))
    if not skus:
        return 0
    n = len(session.execute(text("SELECT * FROM sales.publish(:k)"), {"k": skus}).all())
    session.execute(text("SELECT sales.queue_push(:k)"), {"k": skus})
    return n


def publish_shop(session: Session, shop_id: int) -> int:
    """The shop's shares of all it sells computed afresh (before a stock file is written)."""
    skus = _skus_of(session, shop_id, None)
    if not skus:
        return 0
    return len(session.execute(text("SELECT * FROM sales.publish(:k)"), {"k": skus}).all())


def publish_preview(session: Session, sku_id: int) -> list[PublishedRow]:
    """What each shop selling the SKU would publish now, by the rules as stored.  Computed in a
    savepoint that is rolled back, so a preview changes nothing; a role that may not compute
    shares sees the figures as last computed."""
    try:
        with session.begin_nested() as sp:
            session.execute(text("SELECT * FROM sales.publish(:k)"), {"k": [sku_id]}).all()
            rows = published_for_sku(session, sku_id)
            sp.rollback()
        return rows
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
    return published_for_sku(session, sku_id)


# ---------------------------------------------------------------------------------------------
# the shop's SKUs -> ours
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SkuMapping:
    shop_id: int
    platform_sku: str
    sku_id: int
    sku_code: str
    sku_name: str
    quantity: Decimal                  # of ours per platform unit (2 for a two-pack)


def list_sku_map(session: Session, shop_id: int, search: str = "", limit: int = 2000) -> list[SkuMapping]:
    """The shop's mapping by platform SKU; `search` finds either side's code (any case)."""
    pattern = f"%{search.strip().lower()}%" if search.strip() else None
    rows = session.execute(text(
        "SELECT m.shop_id, m.platform_sku, m.sku_id, k.code, k.name, m.quantity FROM sales.sku_map m "
        "JOIN catalog.sku k ON k.id = m.sku_id WHERE m.shop_id = :s "
        "AND (CAST(:q AS text) IS NULL OR lower(m.platform_sku) LIKE :q OR lower(k.code) LIKE :q) "
        "ORDER BY m.platform_sku LIMIT :n"), {"s": shop_id, "q": pattern, "n": limit}).all()
    return [SkuMapping(*r) for r in rows]


def save_sku_mapping(session: Session, shop_id: int, platform_sku: str, sku_code: str,
                     quantity: Decimal | int | str = 1, *, replacing: str | None = None) -> tuple[int, ...]:
    """Map the shop's `platform_sku` to our SKU (by its code or barcode); `replacing` is the row's
    platform SKU before an edit renamed it.  Open orders waiting on it are fixed (their ids returned)."""
    platform_sku = platform_sku.strip()
    errors = []
    if not platform_sku:
        errors.append(FieldError("platform_sku", "required"))
    sku_id = find_sku_by_barcode(session, sku_code) if sku_code.strip() else None
    if not sku_code.strip():
        errors.append(FieldError("sku_code", "required"))
    elif sku_id is None:
        errors.append(FieldError("sku_code", "unknown_sku", sku_code.strip()))
    try:
        qty = Decimal(str(quantity).strip())
        if not qty.is_finite() or qty <= 0:
            errors.append(FieldError("quantity", "not_positive", str(quantity)))
    except InvalidOperation:
        errors.append(FieldError("quantity", "not_a_number", str(quantity)))
    if errors:
        raise ValidationError(errors)
    assert sku_id is not None
    before = []
    if replacing is not None and replacing != platform_sku:
        before = list(session.execute(text(
            "DELETE FROM sales.sku_map WHERE shop_id = :s AND platform_sku = :p RETURNING sku_id"),
            {"s": shop_id, "p": replacing}).scalars())
    before += session.execute(text("SELECT sku_id FROM sales.sku_map WHERE shop_id = :s AND platform_sku = :p"),
                              {"s": shop_id, "p": platform_sku}).scalars().all()
    fixed = orders.map_platform_sku(session, shop_id, platform_sku, sku_id, qty)
    republish(session, [sku_id, *before])
    return fixed


def delete_sku_mapping(session: Session, shop_id: int, platform_sku: str) -> bool:
    sku = session.execute(text("DELETE FROM sales.sku_map WHERE shop_id = :s AND platform_sku = :p "
                               "RETURNING sku_id"), {"s": shop_id, "p": platform_sku}).scalar()
    if sku is not None:
        republish(session, [sku])
    return sku is not None


def unknown_sku_codes(session: Session, codes: Iterable[str]) -> list[str]:
    """The codes no SKU has (any case), in the order given (a rule's SKU list is checked with it)."""
    wanted = [c.strip() for c in codes if c.strip()]
    known = set(session.execute(text("SELECT lower(code) FROM catalog.sku WHERE lower(code) = ANY(:c)"),
                                {"c": [c.lower() for c in wanted]}).scalars())
    return [c for c in wanted if c.lower() not in known]


# ---------------------------------------------------------------------------------------------
# who and what the rules and bulk actions choose from
# ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CarrierInfo:
    id: int
    code: str
    name: str


@dataclass(frozen=True)
class UserBrief:
    id: int
    login: str
    name: str


def list_carriers(session: Session) -> list[CarrierInfo]:
    return [CarrierInfo(*r) for r in session.execute(text(
        "SELECT id, code, name FROM fulfil.carrier WHERE active ORDER BY name"))]


def list_users(session: Session) -> list[UserBrief]:
    """Active users who may handle orders (by name); every user when the role may not read their
    areas (everybody may read who is who)."""
    try:
        with session.begin_nested():
            rows = session.execute(text(
                "SELECT id, login, coalesce(nullif(display_name, ''), login) FROM core.app_user "
                "WHERE active AND area = ANY(:a) ORDER BY 3"), {"a": list(HANDLER_AREAS)}).all()
    except DBAPIError as exc:
        if getattr(exc.orig, "sqlstate", None) != INSUFFICIENT_PRIVILEGE:
            raise
        rows = session.execute(text("SELECT id, login, coalesce(nullif(display_name, ''), login) "
                                    "FROM core.app_user ORDER BY 3")).all()
    return [UserBrief(*r) for r in rows]


# ---------------------------------------------------------------------------------------------
# rules: their order and whether they are used
# ---------------------------------------------------------------------------------------------

PRIORITY_STEP = 10


def set_rule_order(session: Session, rule_ids: Sequence[int]) -> None:
    """The rules (of one kind) tried in this order: priorities 10, 20, 30 ..."""
    session.execute(text(
        "UPDATE sales.rule r SET priority = x.n * :step, version = version + 1 "
        "FROM unnest(CAST(:ids AS integer[])) WITH ORDINALITY AS x(id, n) "
        "WHERE r.id = x.id AND r.priority <> x.n * :step"),
        {"ids": list(rule_ids), "step": PRIORITY_STEP})


def set_rule_active(session: Session, rule_id: int, active: bool) -> None:
    done = session.execute(text("UPDATE sales.rule SET active = :a, version = version + 1 WHERE id = :r RETURNING id"),
                           {"a": active, "r": rule_id}).scalar()
    if done is None:
        raise NotFoundError("rule", rule_id)


def next_priority(session: Session, kind: str) -> int:
    """The priority of a rule added at the end of its kind's list."""
    top = session.execute(text("SELECT max(priority) FROM sales.rule WHERE kind = :k"), {"k": kind}).scalar()
    return (int(top) if top is not None else 0) + PRIORITY_STEP
