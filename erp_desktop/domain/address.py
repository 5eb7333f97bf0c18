"""Chinese addresses split into province / city / district / detail and checked against the divisions.

Platforms hand addresses over in two shapes: one line as the buyer's address book printed it
(Taobao, JD exports: "浙江省 杭州市 西湖区 文三路 90 号", "北京市朝阳区...", "浙江杭州西湖区..." with a
postal code at the end or not), or parts in separate fields (Pinduoduo, Douyin, Shopify's
province).  `split_address` cuts the first shape into parts; `check_address` checks parts against
the administrative divisions, brings short and renamed names to the official ones, finds the
adcode, and says what is wrong with stable codes, so a bad address sends the order to the
exception queue with a reason instead of reaching the courier.

The divisions are JioNLP's, loaded and indexed by domain/divisions.py; names are matched by
dictionary lookups over every accepted spelling, so an address costs microseconds.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from erp_desktop.domain.divisions import EMPTY as _EMPTY
from erp_desktop.domain.divisions import PSEUDO_CITIES as _PSEUDO_CITIES
from erp_desktop.domain.divisions import Division as Division
from erp_desktop.domain.divisions import DivisionDataError as DivisionDataError  # re-exported
from erp_desktop.domain.divisions import Hit as _Hit
from erp_desktop.domain.divisions import Scope as _Scope
from erp_desktop.domain.divisions import divisions as _divisions
from erp_desktop.domain.divisions import load_divisions as load_divisions  # re-exported

# problem codes (stable: the exception queue and the UI's translations key on them)
PROBLEMS = {
    "missing_province": "no province",
    "unknown_province": "no such province",
    "missing_city": "no city",
    "unknown_city": "no such city",
    "city_not_in_province": "the city is in another province",
    "missing_district": "no district or county",
    "unknown_district": "no such district or county",
    "district_not_in_city": "the district or county is in another city",
    "missing_detail": "no street address",
    "detail_too_short": "the street address is too short to deliver to",
    "invalid_postal_code": "not a postal code",
    "postal_code_not_in_province": "the postal code belongs to another province",
}
# what was changed or guessed without being wrong
NOTES = {
    "renamed": "a division's former name was changed to its current one",
    "province_from_city": "the province was taken from the city",
    "city_from_district": "the city was taken from the district",
    "unofficial_district": "the district is a development zone or the like, not an official division",
}

MIN_DETAIL_CHARS = 3      # letters and digits; "2号" is not an address, "新华村" in a village is
_SEPARATORS = " ,;/-_:、"
_UNOFFICIAL_DISTRICT = re.compile(
    r"(开发区|新区|园区|高新区|管理区|管委会|试验区|保税区|工业区|示范区|度假区|风景区|港区|农场)$")
_POSTAL_TAIL = re.compile(r"(?:(?:邮编|邮政编码):?\s*)?[(\[]?(\d{6})[)\]]?$")
_CHINA = frozenset({"", "CN", "CHN", "CHINA", "PRC", "中国", "中国大陆", "中华人民共和国"})




@dataclass(frozen=True)
class AddressParts:
    """One-line address cut into parts; names are official where they were found in the divisions."""

    province: str
    city: str
    district: str
    detail: str
    postal_code: str | None = None   # a trailing six-digit code, None when absent or 000000


@dataclass(frozen=True)
class AddressCheck:
    province: str                  # official names where found, otherwise as given
    city: str
    district: str
    detail: str                    # without a repeated province/city/district at its start
    adcode: str | None = None      # of the most precise division found
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    country: str = "CN"
    postal_code: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def one_line(self) -> str:
        """As a Chinese label prints it: 浙江省 杭州市 西湖区 文三路90号 (a municipality's city once)."""
        parts = [self.province, "" if self.city == self.province else self.city, self.district, self.detail]
        return " ".join(p for p in parts if p)


# ---------------------------------------------------------------------------------------------
# Splitting one line
# ---------------------------------------------------------------------------------------------

def _norm(text: str | None) -> str:
    """Full-width to half-width, runs of white space to one space, ends stripped."""
    if not text:
        return ""
    return " ".join(unicodedata.normalize("NFKC", text).split())


def _key(text: str | None) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()) if text else ""


def _skip(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in _SEPARATORS:
        pos += 1
    return pos


def _token(text: str, pos: int) -> str:
    """The word at pos when a space ends it (platform exports put one between the parts)."""
    end = text.find(" ", pos)
    return text[pos:end] if 0 < end - pos <= 10 else ""


def _accept(hit: _Hit, text: str, end: int, *next_scopes: _Scope) -> bool:
    """A short name in running text counts only before a separator or the next level's name:
    浙江杭州 yes, 中山路 (a street, not 中山市) no."""
    if not hit.short or end >= len(text) or text[end] in _SEPARATORS:
        return True
    return any(scope.match(text, end) is not None for scope in next_scopes)


def split_address(text: str | None) -> AddressParts:
    """Cut a one-line address into province, city, district and detail.

    What matches the divisions comes back under its official name; a city or district that
    exists but not where the text puts it comes back as written (check_address then says so);
    what is not recognised stays in the detail."""
    s = _norm(text)
    postal = None
    m = _POSTAL_TAIL.search(s)
    if m and (m.start(1) == 0 or not s[m.start(1) - 1].isdigit()):
        postal = None if m.group(1) == "000000" else m.group(1)
        s = s[:m.start()].rstrip(_SEPARATORS + "(")
    for prefix in ("中华人民共和国", "中国大陆", "中国"):
        if s.startswith(prefix):
            s = s[len(prefix):]
            break
    d = _divisions()
    pos = _skip(s, 0)
    province: Division | None = None
    city: Division | None = None
    province_text = city_text = district_text = ""
    district: Division | None = None

    p_hit = d.provinces.match(s, pos)
    c_hit = d.national_cities.match(s, pos)
    if c_hit and (p_hit is None or c_hit[1] > p_hit[1]) and _accept(
            c_hit[0], s, c_hit[1], d.districts.get(c_hit[0].division, _EMPTY)):
        city, pos = c_hit[0].division, c_hit[1]
        province = city.parent
    elif p_hit and _accept(p_hit[0], s, p_hit[1], d.cities[p_hit[0].division],
                           d.province_districts[p_hit[0].division]):
        province, pos = p_hit[0].division, p_hit[1]
    else:
        token = s[pos:].split(" ", 1)[0]
        if token.endswith(("省", "自治区")) and " " in s[pos:]:
            province_text, pos = token, pos + len(token)
    pos = _skip(s, pos)

    if province is not None and city is None:
        for pseudo in _PSEUDO_CITIES:
            if s.startswith(pseudo, pos):
                pos = _skip(s, pos + len(pseudo))
                break
        hit = d.cities[province].match(s, pos)
        if hit and (hit[0].division is d.single_city.get(province) or _accept(
                hit[0], s, hit[1], d.districts.get(hit[0].division, _EMPTY))):
            city = hit[0].division
            if hit[0].renamed:
                city_text = s[pos:hit[1]]        # a former name stays as written: check_address notes it
            pos = _skip(s, hit[1])
        elif province in d.single_city:
            city = d.single_city[province]
        elif (hit := d.province_districts[province].match(s, pos)) and not hit[0].short:
            district, pos = hit[0].division, hit[1]
            city = district.parent
        elif (end := d.national_cities.match_full(s, pos)) > pos:
            city_text, pos = s[pos:end], _skip(s, end)
            if (end := d.national_districts.match_full(s, pos)) > pos:
                district_text, pos = s[pos:end], end
        elif (token := _token(s, pos)) and (
                hit := d.province_districts[province].match(s, _skip(s, pos + len(token)))) and not hit[0].short:
            # a city the divisions do not have before a county they do: 河北省 雄安新区 容城县
            city_text, pos = token, _skip(s, pos + len(token))
            district_text, pos = s[pos:hit[1]], hit[1]

    if city is not None and district is None and d.has_districts(city):
        hit = d.districts[city].match(s, pos)
        if hit and _accept(hit[0], s, hit[1]):
            district = hit[0].division
            if hit[0].renamed:
                district_text = s[pos:hit[1]]
            pos = hit[1]
        elif (end := d.national_districts.match_full(s, pos)) > pos:
            district_text, pos = s[pos:end], end
        elif (token := _token(s, pos)) and _UNOFFICIAL_DISTRICT.search(token):
            district_text, pos = token, pos + len(token)       # 苏州市 工业园区 ...
    detail = s[_skip(s, pos):].strip()
    return AddressParts(
        province.name if province else province_text,
        city_text or (city.name if city else ""),
        district_text or (district.name if district else ""),
        detail, postal)


# ---------------------------------------------------------------------------------------------
# Checking parts
# ---------------------------------------------------------------------------------------------

def _is_china(country: str | None) -> bool:
    return _key(country).upper() in _CHINA


def check_address(province: str | None = "", city: str | None = "", district: str | None = "",
                  detail: str | None = "", *, country: str | None = "CN") -> AddressCheck:
    """Check an address given in parts; short and former names become the official ones.

    A country other than China (Shopify, WooCommerce) is not checked against the divisions:
    only its street address must be there."""
    detail_text = _norm(detail)
    if not _is_china(country):
        problems = _detail_problems(detail_text)
        return AddressCheck(_norm(province), _norm(city), _norm(district), detail_text,
                            problems=problems, country=_key(country).upper())
    d = _divisions()
    problems: list[str] = []
    notes: list[str] = []
    pk, ck, dk = _key(province), _key(city), _key(district)
    prov: Division | None = None
    cty: Division | None = None
    dist: Division | None = None

    hit = d.provinces.get(pk)
    if hit is not None:
        prov = hit.division
    elif not pk:
        c = d.national_cities.get(ck)
        if c is not None and not c.renamed:
            prov = c.division.parent
            notes.append("province_from_city")
        else:
            problems.append("missing_province")
    else:
        problems.append("unknown_province")

    if prov is not None:
        cities = d.cities[prov]
        if ck in _PSEUDO_CITIES:
            ck = ""
        hit = cities.get(ck)
        if hit is not None:
            cty = hit.division
            if hit.renamed:
                notes.append("renamed")
        elif not ck:
            if prov in d.single_city:
                cty = d.single_city[prov]
            elif (c := cities.get(dk)) is not None:          # 湖北省 / 省直辖县级行政区划 / 仙桃市
                cty, dk = c.division, ""
            elif (c := d.province_districts[prov].get(dk)) is not None:
                cty = c.division.parent
                notes.append("city_from_district")
            else:
                problems.append("missing_city")
        elif prov in d.single_city and not dk and d.districts[d.single_city[prov]].get(ck):
            cty, dk = d.single_city[prov], ck                 # 上海 / 浦东新区 / (nothing)
        elif (moved := d.moved.get((prov, ck, dk))) is not None:
            cty, dist = moved
            notes.append("renamed")
        elif ck not in d.national_cities.names and (c := d.province_districts[prov].get(dk)) is not None:
            cty, dist = c.division.parent, c.division                  # 河北省 / 雄安新区 / 容城县
            notes.append("city_from_district")
        else:
            problems.append("city_not_in_province" if ck in d.national_cities.names else "unknown_city")

    if cty is not None and dist is None:
        names = {cty.name, cty.short, *cty.aliases}
        if not dk or dk in names:
            dk = ""                                           # 仙桃市 / 仙桃市: said twice, no district
            if d.has_districts(cty):
                problems.append("missing_district")
        elif (hit := d.districts[cty].get(dk)) is not None:
            dist = hit.division
            if hit.renamed:
                notes.append("renamed")
        elif (moved := d.moved.get((prov, cty.name, dk))) is not None:
            cty, dist = moved
            notes.append("renamed")
        elif dk in d.national_districts.names and not _UNOFFICIAL_DISTRICT.search(dk):
            problems.append("district_not_in_city")
        elif not d.has_districts(cty):
            pass                                              # a town of 东莞市, 仙桃市 ...
        elif _UNOFFICIAL_DISTRICT.search(dk):
            notes.append("unofficial_district")
        else:
            problems.append("unknown_district")

    detail_text = _strip_repeats(detail_text, prov, cty, dist)
    problems.extend(_detail_problems(detail_text))
    adcode = next((x.adcode for x in (dist, cty, prov) if x is not None and x.adcode), None)
    return AddressCheck(
        prov.name if prov else _norm(province),
        cty.name if cty else _norm(city),
        dist.name if dist else ("" if dk == "" else _norm(district)),
        detail_text, adcode, tuple(problems), tuple(dict.fromkeys(notes)))


def _strip_repeats(detail: str, *divisions: Division | None) -> str:
    """Pinduoduo and hand-typed forms often repeat the whole address in the detail field.  A full
    name is cut from the start; a short one only before a separator or another of the names, so
    西湖大道 keeps its 西湖."""
    full = [x.name for x in divisions if x is not None]
    short = [s for x in divisions if x is not None for s in (x.short, *x.aliases) if len(s) >= 2 and s != x.name]
    changed = True
    while changed and detail:
        changed = False
        for s in full + short:
            if not detail.startswith(s) or len(detail) <= len(s):
                continue
            rest = detail[len(s):]
            if s in full or rest[0] in _SEPARATORS or any(rest.startswith(t) for t in full + short):
                detail, changed = rest.lstrip(_SEPARATORS), True
                break
    return detail


def _detail_problems(detail: str) -> tuple[str, ...]:
    if not detail:
        return ("missing_detail",)
    if sum(c.isalnum() for c in detail) < MIN_DETAIL_CHARS:
        return ("detail_too_short",)
    return ()


def check_address_line(text: str | None, *, country: str | None = "CN") -> AddressCheck:
    """split_address, check_address and check_postal_code in one: for platforms that give one line."""
    if not _is_china(country):
        return check_address("", "", "", text, country=country)
    parts = split_address(text)
    result = check_address(parts.province, parts.city, parts.district, parts.detail)
    problem = check_postal_code(parts.postal_code, province=result.province)
    problems = (*result.problems, problem) if problem else result.problems
    return replace(result, postal_code=parts.postal_code, problems=problems)


def check_postal_code(code: str | None, country: str | None = "CN", province: str | None = None) -> str | None:
    """None when the postal code is fine or absent, else a problem code.

    Chinese codes have six digits, and the first two name the province (31/32 Zhejiang); a
    province's prefixes come from the postal codes of its prefectures in the data.  000000 is what
    platforms write when they do not know it: absent, not wrong."""
    c = _key(code)
    if not _is_china(country):
        if c and not re.fullmatch(r"[A-Za-z0-9-]{2,10}", c):
            return "invalid_postal_code"
        return None
    if not c or c == "000000":
        return None
    if len(c) != 6 or not c.isdigit():
        return "invalid_postal_code"
    if province:
        hit = _divisions().provinces.get(_key(province))
        prefixes = _divisions().postal_prefixes.get(hit.division) if hit else None
        if prefixes and c[:2] not in prefixes:
            return "postal_code_not_in_province"
    return None
