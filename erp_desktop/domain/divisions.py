"""The administrative divisions of China (JioNLP's data, Apache-2.0), loaded once per process and
matched by dictionary lookups over every accepted spelling; domain/address.py splits and checks
addresses against them.

JioNLP's own address parser costs milliseconds per address and importing jionlp prints a banner
and loads much more, so this module never imports it: it reads the files jionlp ships (found
through its import spec), keeps the three upper levels (about 3,600 divisions, 0.2 s, once per
process, thread-safe): province, prefecture and county levels with adcodes and short names, the
renames since 2002, and the postal codes of every prefecture, from which each province's postal
prefixes are taken.
"""

from __future__ import annotations

import importlib.util
import threading
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from erp_desktop.domain.errors import ErpError

PSEUDO_CITIES = frozenset({"省直辖县级行政区划", "省直辖行政区划", "自治区直辖县级行政区划", "省直辖县",
                            "直辖县级行政区划"})
MUNICIPAL_CITY_SPELLINGS = ("市辖区", "城区", "郊县")     # what older address books put under 北京/上海...


class DivisionDataError(ErpError):
    """The administrative division data (the jionlp package) is not installed or not readable."""


@dataclass(frozen=True, eq=False)
class Division:
    name: str                      # the official full name: 浙江省, 杭州市, 西湖区
    short: str                     # 浙江, 杭州, 西湖
    adcode: str | None             # 330106; None where the data has none (Taiwan's districts)
    level: int                     # 1 province, 2 city (prefecture or province-administered county), 3 district
    parent: Division | None = None
    aliases: tuple[str, ...] = ()  # further short names (克州 for 克孜勒苏柯尔克孜自治州)


# ---------------------------------------------------------------------------------------------
# The divisions: loaded once, matched by dictionary lookups
# ---------------------------------------------------------------------------------------------

class Hit(NamedTuple):
    division: Division
    short: bool        # a short name (may need a separator after it in running text)
    renamed: bool      # a former name


class Scope:
    """Every accepted spelling of the divisions in one place (the provinces, one province's cities,
    one city's districts) -> the division.  Full and current names win over short and former ones;
    a spelling two divisions share at the same rank is ambiguous and matches nothing."""

    __slots__ = ("_all", "full", "lengths", "names")

    def __init__(self) -> None:
        self._all: dict[str, list[Hit]] = {}
        self.names: dict[str, Hit | None] = {}
        self.full: frozenset[str] = frozenset()       # full names, ambiguous ones too
        self.lengths: tuple[int, ...] = ()

    def add(self, spelling: str, division: Division, *, short: bool = False, renamed: bool = False) -> None:
        if len(spelling) >= 2:
            self._all.setdefault(spelling, []).append(Hit(division, short, renamed))

    def finish(self) -> None:
        names: dict[str, Hit | None] = {}
        for spelling, hits in self._all.items():
            best = min((h.renamed, h.short) for h in hits)
            top = [h for h in hits if (h.renamed, h.short) == best]
            names[spelling] = top[0] if all(h.division is top[0].division for h in top) else None
        self.names = names
        self.full = frozenset(k for k, hits in self._all.items() if any(not h.short for h in hits))
        self.lengths = tuple(sorted({len(k) for k in names}, reverse=True))

    def get(self, key: str) -> Hit | None:
        return self.names.get(key) if key else None

    def match(self, text: str, pos: int) -> tuple[Hit, int] | None:
        """The longest spelling at text[pos:]."""
        rest = len(text) - pos
        for n in self.lengths:
            if n <= rest:
                hit = self.names.get(text[pos:pos + n])
                if hit is not None:
                    return hit, pos + n
        return None

    def match_full(self, text: str, pos: int) -> int:
        """The end of the longest full name at text[pos:], even one several divisions share (鼓楼区); pos if none."""
        rest = len(text) - pos
        for n in self.lengths:
            if n <= rest and text[pos:pos + n] in self.full:
                return pos + n
        return pos


EMPTY = Scope()


class Divisions:
    def __init__(self) -> None:
        self.provinces = Scope()
        self.cities: dict[Division, Scope] = {}           # province -> its cities
        self.districts: dict[Division, Scope] = {}        # city -> its districts
        self.province_districts: dict[Division, Scope] = {}   # province -> all its districts
        self.national_cities = Scope()
        self.national_districts = Scope()
        self.single_city: dict[Division, Division] = {}    # 北京市 -> 北京市, 香港特别行政区 -> 香港
        self.moved: dict[tuple[Division, str, str], tuple[Division, Division]] = {}
        self.postal_prefixes: dict[Division, frozenset[str]] = {}

    def has_districts(self, city: Division) -> bool:
        return bool(self.districts.get(city, EMPTY).names)


_LOCK = threading.Lock()
_DATA: Divisions | None = None


def load_divisions() -> None:
    """Load the division data now (at start-up or in a worker before timing); it loads on first use otherwise."""
    divisions()


def divisions() -> Divisions:
    global _DATA
    data = _DATA
    if data is None:
        with _LOCK:
            if _DATA is None:
                _DATA = _load(_data_dir())
            data = _DATA
    return data


def _data_dir() -> Path:
    # find_spec of a top-level package does not import it: no banner, none of jionlp's own loading
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise DivisionDataError("the administrative divisions come from the jionlp package: pip install jionlp")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


def _read_zip(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as z:
            return z.read(z.namelist()[0]).decode("utf-8")
    except (OSError, zipfile.BadZipFile, KeyError, IndexError) as e:
        raise DivisionDataError(f"cannot read the division data {path}: {e}") from e


def _load(folder: Path) -> Divisions:
    d = Divisions()
    children: dict[Division, list[Division]] = {}
    provinces: dict[str, Division] = {}
    province: Division | None = None
    city: Division | None = None       # None under 省直辖行政区划: its counties are cities of the province
    for line in _read_zip(folder / "china_location.zip").split("\n"):
        if line.startswith("\t\t\t") or not line.strip():
            continue                   # towns and villages
        depth = 2 if line.startswith("\t\t") else 1 if line.startswith("\t") else 0
        fields = line.strip().split("\t")
        name, code = fields[0], fields[1] if len(fields) > 1 else None
        shorts = [s for s in (fields[2].split("/") if len(fields) > 2 else []) if s] or [name]
        if depth == 0:
            province = provinces.get(name)
            if province is None:
                province = provinces[name] = Division(name, shorts[0], code, 1, None, tuple(shorts[1:]))
                children[province] = []
        elif province is None:
            continue
        elif depth == 1:
            city = None if name in PSEUDO_CITIES else Division(name, shorts[0], code, 2, province, tuple(shorts[1:]))
            if city is not None:
                children[province].append(city)
                children[city] = []
        elif city is None:             # a county-level city the province administers itself (仙桃市)
            county_city = Division(name, shorts[0], code, 2, province, tuple(shorts[1:]))
            children[province].append(county_city)
            children[county_city] = []
        elif name != "市直辖行政区划":    # 东莞市, 中山市 ...: towns directly under the city
            children[city].append(Division(name, shorts[0], code or city.adcode, 3, city, tuple(shorts[1:])))
    for prov in provinces.values():
        _index_province(d, prov, children)
    scopes = (d.provinces, d.national_cities, d.national_districts, *d.cities.values(),
              *d.districts.values(), *d.province_districts.values())
    for scope in scopes:
        scope.finish()
    _load_renames(d, folder / "china_location_change.txt")
    for scope in scopes:
        scope.finish()
    _load_postal_prefixes(d, folder / "phone_location.zip")
    return d


def _index_province(d: Divisions, prov: Division, children: dict[Division, list[Division]]) -> None:
    d.provinces.add(prov.name, prov)
    for s in (prov.short, *prov.aliases):
        d.provinces.add(s, prov, short=True)
        if prov.name.endswith("自治区"):
            d.provinces.add(s + "自治区", prov)
        if not prov.name.endswith("市"):
            d.provinces.add(s + "省", prov)          # 广西省, 内蒙古省: wrong, but they mean one place
    cities = d.cities[prov] = Scope()
    in_province = d.province_districts[prov] = Scope()
    for city in children[prov]:
        cities.add(city.name, city)
        d.national_cities.add(city.name, city)
        for s in (city.short, *city.aliases):
            cities.add(s, city, short=True)
            d.national_cities.add(s, city, short=True)
            if city.name.endswith("自治州"):
                cities.add(s + "州", city)            # 延边州, 恩施州
                d.national_cities.add(s + "州", city)
        districts = d.districts[city] = Scope()
        for dist in children[city]:
            districts.add(dist.name, dist)
            in_province.add(dist.name, dist)
            d.national_districts.add(dist.name, dist)
            for s in (dist.short, *dist.aliases):
                if s != city.short:
                    districts.add(s, dist, short=True)
                    d.national_districts.add(s, dist, short=True)
            _add_suffix_variants(districts, dist)
    if len(children[prov]) == 1:                      # 北京, 上海, 天津, 重庆, 香港, 澳门
        only = d.single_city[prov] = children[prov][0]
        for s in (prov.name, prov.short, *MUNICIPAL_CITY_SPELLINGS):
            cities.add(s, only)


def _add_suffix_variants(districts: Scope, dist: Division) -> None:
    """Most renames of counties are a change of status the data does not list one by one:
    玉环县 -> 玉环市, 龙海市 -> 龙海区.  The former spelling with the other suffix is a former name;
    an autonomous county's 县 (双江县) is a short one."""
    stem = dist.short
    if stem == dist.name or len(stem) < 2:
        return
    if dist.name.endswith(("自治县", "自治旗")):
        districts.add(stem + dist.name[-1], dist, short=True)
    elif dist.name.endswith(("市", "区")):
        for suffix in ("县", "市", "区"):
            if stem + suffix != dist.name:
                districts.add(stem + suffix, dist, renamed=True)


def _load_renames(d: Divisions, path: Path) -> None:
    """china_location_change.txt: date, approver, old province/city/county (full and short) => new ones."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as e:
        raise DivisionDataError(f"cannot read {path}: {e}") from e
    for line in lines:
        old, _, new = line.partition("=>")
        o, n = old.split("\t"), new.strip().split("\t")
        prov_hit = d.provinces.get(o[2]) if len(o) > 2 else None
        if prov_hit is None:
            continue
        prov, cities = prov_hit.division, d.cities[prov_hit.division]
        new_city = cities.get(n[1]) if len(n) > 1 else None
        if new_city is None or new_city.renamed:
            continue
        if len(o) == 6:                               # a city renamed: 襄樊市 => 襄阳市
            for s in o[4:6]:
                cities.add(s, new_city.division, renamed=True, short=s == o[5])
            continue
        if len(o) != 8 or len(n) != 3:
            continue
        new_dist = d.districts[new_city.division].get(n[2])
        if new_dist is None or new_dist.renamed:
            continue                                  # the new name is not in the current data
        old_city = cities.get(o[4]) or cities.get(o[5])
        if old_city is not None and old_city.division is new_city.division:
            for s in o[6:8]:
                d.districts[new_city.division].add(s, new_dist.division, renamed=True, short=s == o[7])
        else:                                         # moved to another city: 四平市 公主岭市 => 长春市
            for cs in {o[4], o[5], *([old_city.division.name] if old_city else [])}:
                for s in o[6:8]:
                    d.moved.setdefault((prov, cs, s), (new_city.division, new_dist.division))


def _load_postal_prefixes(d: Divisions, path: Path) -> None:
    """phone_location.txt has "山东 济南<TAB>0531<TAB>250000" per prefecture (leading zeros lost)."""
    prefixes: dict[Division, set[str]] = {}
    for line in _read_zip(path).split("\n"):
        if not line or line[0] == "\t":
            continue
        fields = line.strip().split("\t")
        if len(fields) != 3 or not fields[2].isdigit():
            continue
        hit = d.provinces.get(fields[0].split(" ")[0])
        if hit is not None:
            prefixes.setdefault(hit.division, set()).add(fields[2].zfill(6)[:2])
    d.postal_prefixes = {p: frozenset(s) for p, s in prefixes.items()}


