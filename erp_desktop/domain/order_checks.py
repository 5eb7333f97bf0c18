"""The intake check of one order: required fields, the phone number, the address, the postal
code.  Pure (no database): the phone and address rules are in domain/phone.py and
domain/address.py; this puts their verdicts together as the order's list of problems, each a
field, a stable code (the UI says it in words) and what was there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from erp_desktop.domain import routing
from erp_desktop.domain.address import check_address, check_postal_code, split_address
from erp_desktop.domain.orders import PlatformOrder
from erp_desktop.domain.phone import parse_phone


@dataclass(frozen=True)
class Problem:
    field: str          # receiver_phone, province, address_detail, line 2 ...
    code: str           # missing, invalid, unknown_province, district_not_in_city, unknown_sku ...
    detail: str = ""    # what was there


@dataclass(frozen=True)
class CheckedOrder:
    phone_display: str          # as a Chinese user writes it (national form), or what the platform wrote
    phone_key: str | None       # E.164 without extension: matches customers; None when masked or bad
    phone_ext: str
    country: str
    province: str
    city: str
    district: str
    detail: str
    address_raw: str
    merge_key: str | None
    problems: tuple[Problem, ...]


def replace_problems(checked: CheckedOrder, problems: Sequence[Problem]) -> CheckedOrder:
    return replace(checked, problems=tuple(problems))


def check_order(po: PlatformOrder, shop_id: int) -> CheckedOrder:
    problems: list[Problem] = []
    if not po.lines:
        problems.append(Problem("lines", "missing"))
    if not po.receiver_name.strip():
        problems.append(Problem("receiver_name", "missing"))
    country = (getattr(po, "country", "") or "CN").upper()
    phone = parse_phone(po.receiver_phone, region=country if len(country) == 2 else "CN")
    if phone.problem:
        problems.append(Problem("receiver_phone", phone.problem, po.receiver_phone))
    raw = po.address or " ".join(p for p in (po.province, po.city, po.district, po.address_detail) if p)
    if po.province or po.city or po.district:
        province, city, district, detail = po.province, po.city, po.district, po.address_detail
    else:
        parts = split_address(po.address)
        province, city, district, detail = parts.province, parts.city, parts.district, parts.detail
    address = check_address(province, city, district, detail, country=country)
    for code in address.problems:
        problems.append(Problem(_address_field(code), code, raw))
    if po.postal_code:
        postal = check_postal_code(po.postal_code, country=country, province=address.province or None)
        if postal:
            problems.append(Problem("postal_code", postal, po.postal_code))
    merge_key = None
    if phone.match_key and address.detail:
        merge_key = routing.merge_key(str(shop_id), po.buyer_id, po.receiver_name, phone.match_key,
                                      " ".join((address.province, address.city, address.district, address.detail)))
    return CheckedOrder(
        phone_display=phone.national or po.receiver_phone, phone_key=phone.match_key, phone_ext=phone.extension or "",
        country=country, province=address.province, city=address.city, district=address.district,
        detail=address.detail, address_raw=raw, merge_key=merge_key, problems=tuple(problems))


def _address_field(code: str) -> str:
    """The field an address problem is about: district_not_in_city -> district, unknown_city ->
    city, missing_detail -> address_detail."""
    subject = code.split("_not_in_")[0] if "_not_in_" in code else code.split("_", 1)[-1]
    for part in ("province", "city", "district", "postal_code"):
        if subject.startswith(part):
            return part
    return "address_detail"
