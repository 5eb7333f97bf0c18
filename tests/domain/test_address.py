"""Chinese addresses as the platforms export them: split, checked against the divisions, named officially."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time

import pytest

from erp_desktop.domain.address import (
    check_address,
    check_address_line,
    check_postal_code,
    load_divisions,
    split_address,
)
from erp_desktop.domain.phone import parse_phone


@pytest.mark.parametrize(("text", "parts"), [
    # Taobao / JD exports: parts with spaces, or run together, full or short names
    ("浙江省 杭州市 西湖区 文三路 90 号 东部软件园", ("浙江省", "杭州市", "西湖区", "文三路 90 号 东部软件园")),
    ("浙江省杭州市西湖区文三路90号东部软件园", ("浙江省", "杭州市", "西湖区", "文三路90号东部软件园")),
    ("浙江杭州西湖区文三路90号", ("浙江省", "杭州市", "西湖区", "文三路90号")),
    ("浙江 杭州 西湖区 文三路90号", ("浙江省", "杭州市", "西湖区", "文三路90号")),
    ("杭州市西湖区文三路90号", ("浙江省", "杭州市", "西湖区", "文三路90号")),          # no province
    ("浙江省西湖区文三路90号", ("浙江省", "杭州市", "西湖区", "文三路90号")),          # no city
    # municipalities: province and city coincide
    ("北京 北京市 朝阳区 建国路88号", ("北京市", "北京市", "朝阳区", "建国路88号")),
    ("北京市朝阳区建国路88号", ("北京市", "北京市", "朝阳区", "建国路88号")),
    ("上海上海市浦东新区世纪大道100号", ("上海市", "上海市", "浦东新区", "世纪大道100号")),
    ("天津市市辖区和平区南京路1号", ("天津市", "天津市", "和平区", "南京路1号")),
    ("重庆 重庆市 渝中区 解放碑1号", ("重庆市", "重庆市", "渝中区", "解放碑1号")),
    # autonomous regions and prefectures, short names
    ("新疆维吾尔自治区 乌鲁木齐市 天山区 解放南路1号", ("新疆维吾尔自治区", "乌鲁木齐市", "天山区", "解放南路1号")),
    ("内蒙古呼和浩特市新城区中山路1号", ("内蒙古自治区", "呼和浩特市", "新城区", "中山路1号")),
    ("广西南宁市青秀区民族大道1号", ("广西壮族自治区", "南宁市", "青秀区", "民族大道1号")),
    ("吉林省 延边州 延吉市 光明街1号", ("吉林省", "延边朝鲜族自治州", "延吉市", "光明街1号")),
    ("内蒙古 兴安盟 乌兰浩特市 兴安南大路1号", ("内蒙古自治区", "兴安盟", "乌兰浩特市", "兴安南大路1号")),
    ("吉林市船营区北京路1号", ("吉林省", "吉林市", "船营区", "北京路1号")),          # the city, not the province
    # county-level cities without districts
    ("湖北省 仙桃市 郑场镇 新华村3组", ("湖北省", "仙桃市", "", "郑场镇 新华村3组")),
    ("广东省东莞市长安镇长青路1号", ("广东省", "东莞市", "", "长安镇长青路1号")),
    # what Taobao's address book has and the divisions do not
    ("江苏省 苏州市 工业园区 星湖街328号", ("江苏省", "苏州市", "工业园区", "星湖街328号")),
    ("河北省 雄安新区 容城县 奥威路1号", ("河北省", "雄安新区", "容城县", "奥威路1号")),
    # Hong Kong, Macau, Taiwan
    ("香港特别行政区 香港 湾仔区 告士打道1号", ("香港特别行政区", "香港", "湾仔区", "告士打道1号")),
    ("澳门 澳门 花地玛堂区 xx街1号", ("澳门特别行政区", "澳门", "花地玛堂区", "xx街1号")),
    ("台湾省 台北市 大安区 xx路1号", ("台湾省", "台北市", "大安区", "xx路1号")),
    # what is not a division stays in the detail
    ("中山路100号", ("", "", "", "中山路100号")),                           # a street, not 中山市
    ("湖南路100号", ("", "", "", "湖南路100号")),                           # a street, not 湖南省
    ("浙江省杭州市西湖大道1号", ("浙江省", "杭州市", "", "西湖大道1号")),    # a road, not 西湖区
])
def test_one_line_addresses_are_split_into_official_parts(text, parts):
    got = split_address(text)
    assert (got.province, got.city, got.district, got.detail) == parts


@pytest.mark.parametrize(("text", "postal"), [
    ("浙江省 杭州市 西湖区 文三路90号 (310012)", "310012"),
    ("浙江省杭州市西湖区文三路90号（310012）", "310012"),                   # full-width brackets
    ("浙江省 杭州市 西湖区 文三路90号 310012", "310012"),
    ("中国 浙江省 杭州市 西湖区 文三路90号 邮编:310012", "310012"),
    ("浙江省 杭州市 西湖区 文三路90号 000000", None),                      # platforms' "unknown"
])
def test_a_trailing_postal_code_leaves_the_detail(text, postal):
    got = split_address(text)
    assert (got.province, got.district, got.detail, got.postal_code) == ("浙江省", "西湖区", "文三路90号", postal)


def test_a_district_of_another_city_is_reported_not_swallowed():
    parts = split_address("浙江省杭州市鼓楼区中山路1号")
    assert (parts.district, parts.detail) == ("鼓楼区", "中山路1号")
    check = check_address_line("浙江省杭州市鼓楼区中山路1号")
    assert check.problems == ("district_not_in_city",)
    assert check.adcode == "330100"                     # as far as it is right: 杭州市

    check = check_address_line("浙江省 南京市 玄武区 中山路1号")
    assert check.problems == ("city_not_in_province",)


@pytest.mark.parametrize(("given", "official", "adcode"), [
    (("浙江省", "杭州市", "西湖区"), ("浙江省", "杭州市", "西湖区"), "330106"),
    (("浙江", "杭州", "西湖"), ("浙江省", "杭州市", "西湖区"), "330106"),
    (("广西", "南宁", "青秀区"), ("广西壮族自治区", "南宁市", "青秀区"), "450103"),
    (("内蒙古", "呼和浩特", "新城区"), ("内蒙古自治区", "呼和浩特市", "新城区"), "150102"),
    (("新疆", "乌鲁木齐", "天山区"), ("新疆维吾尔自治区", "乌鲁木齐市", "天山区"), "650102"),
    (("新疆", "克州", "阿图什市"), ("新疆维吾尔自治区", "克孜勒苏柯尔克孜自治州", "阿图什市"), "653001"),
    (("西藏自治区", "拉萨市", "城关区"), ("西藏自治区", "拉萨市", "城关区"), "540102"),
    (("宁夏", "银川", "兴庆区"), ("宁夏回族自治区", "银川市", "兴庆区"), "640104"),
    (("北京", "北京市", "朝阳区"), ("北京市", "北京市", "朝阳区"), "110105"),
    (("北京市", "市辖区", "朝阳区"), ("北京市", "北京市", "朝阳区"), "110105"),
    (("上海", "", "浦东新区"), ("上海市", "上海市", "浦东新区"), "310115"),
    (("上海", "浦东新区", ""), ("上海市", "上海市", "浦东新区"), "310115"),    # district in the city field
    (("湖北省", "省直辖县级行政区划", "仙桃市"), ("湖北省", "仙桃市", ""), "429004"),
    (("湖北省", "仙桃市", "仙桃市"), ("湖北省", "仙桃市", ""), "429004"),
    (("广东省", "东莞市", ""), ("广东省", "东莞市", ""), "441900"),            # no county level
    (("香港", "", "湾仔"), ("香港特别行政区", "香港", "湾仔区"), "810000"),
])
def test_parts_given_separately_are_brought_to_the_official_names(given, official, adcode):
    check = check_address(*given, "文三路90号东部软件园")
    assert (check.province, check.city, check.district) == official
    assert check.adcode == adcode
    assert check.problems == ()
    assert check.ok


@pytest.mark.parametrize(("given", "official", "adcode"), [
    (("浙江省", "杭州市", "下城区"), ("浙江省", "杭州市", "拱墅区"), "330105"),   # merged in 2021
    (("湖北省", "襄樊市", "樊城区"), ("湖北省", "襄阳市", "樊城区"), "420606"),   # the city renamed in 2010
    (("浙江省", "台州市", "玉环县"), ("浙江省", "台州市", "玉环市"), "331083"),   # a county became a city
    (("福建省", "漳州市", "龙海市"), ("福建省", "漳州市", "龙海区"), "350681"),
    (("吉林省", "四平市", "公主岭市"), ("吉林省", "长春市", "公主岭市"), "220381"),  # moved to another city
])
def test_former_names_become_current_with_a_note(given, official, adcode):
    check = check_address(*given, "人民路1号")
    assert (check.province, check.city, check.district, check.adcode) == (*official, adcode)
    assert check.problems == ()
    assert check.notes == ("renamed",)


def test_renamed_district_in_one_line_is_noted_too():
    check = check_address_line("浙江省 杭州市 下城区 武林路1号")
    assert (check.district, check.notes, check.problems) == ("拱墅区", ("renamed",), ())


@pytest.mark.parametrize(("given", "problems"), [
    (("", "", "", "文三路90号"), ("missing_province",)),
    (("火星省", "杭州市", "西湖区", "文三路90号"), ("unknown_province",)),
    (("浙江省", "", "", "文三路90号"), ("missing_city",)),
    (("浙江省", "南京市", "玄武区", "中山路1号"), ("city_not_in_province",)),
    (("浙江省", "江苏市", "", "中山路1号"), ("unknown_city",)),
    (("浙江省", "杭州市", "", "文三路90号"), ("missing_district",)),
    (("浙江省", "杭州市", "鼓楼区", "中山路1号"), ("district_not_in_city",)),       # 鼓楼 is in Nanjing, Fuzhou ...
    (("广东省", "东莞市", "南山区", "xx路1号"), ("district_not_in_city",)),         # 南山区 is Shenzhen's
    (("浙江省", "杭州市", "某某区", "xx路1号"), ("unknown_district",)),
    (("浙江省", "杭州市", "西湖区", ""), ("missing_detail",)),
    (("浙江省", "杭州市", "西湖区", "1号"), ("detail_too_short",)),                # two characters
    (("浙江省", "杭州市", "西湖区", " 8 - "), ("detail_too_short",)),
    (("", "", "", ""), ("missing_province", "missing_detail")),
])
def test_problems_are_named(given, problems):
    check = check_address(*given)
    assert check.problems == problems
    assert not check.ok


def test_what_is_not_wrong_is_filled_in_with_a_note():
    check = check_address("", "杭州市", "西湖区", "文三路90号")
    assert (check.province, check.notes, check.problems) == ("浙江省", ("province_from_city",), ())
    check = check_address("浙江省", "", "西湖区", "文三路90号")
    assert (check.city, check.notes, check.problems) == ("杭州市", ("city_from_district",), ())
    check = check_address("江苏省", "苏州市", "工业园区", "星湖街1号")      # Taobao's address book has it
    assert (check.district, check.notes, check.problems) == ("工业园区", ("unofficial_district",), ())
    check = check_address("河北省", "雄安新区", "容城县", "奥威路1号")          # the county is Baoding's
    assert (check.city, check.district, check.notes) == ("保定市", "容城县", ("city_from_district",))
    assert check.ok
    check = check_address("广东省", "东莞市", "长安镇", "长青路1号")           # a town where there are no counties
    assert (check.district, check.problems) == ("长安镇", ())


def test_a_detail_repeating_the_address_is_cut_to_the_street():
    check = check_address("浙江省", "杭州市", "西湖区", "浙江省杭州市西湖区文三路90号")
    assert check.detail == "文三路90号"
    check = check_address("浙江", "杭州", "西湖区", "浙江 杭州 西湖区 文三路90号")
    assert check.detail == "文三路90号"
    check = check_address("浙江省", "杭州市", "西湖区", "西湖大道1号")            # 西湖 belongs to the road
    assert check.detail == "西湖大道1号"
    assert check.one_line == "浙江省 杭州市 西湖区 西湖大道1号"
    assert check_address("北京", "北京", "朝阳区", "建国路88号").one_line == "北京市 朝阳区 建国路88号"


def test_foreign_addresses_are_not_checked_against_chinese_divisions():
    check = check_address("CA", "San Francisco", "", "1 Market St", country="US")
    assert (check.province, check.city, check.country, check.problems, check.adcode) == (
        "CA", "San Francisco", "US", (), None)
    check = check_address("Ontario", "Toronto", "", "", country="CA")
    assert check.problems == ("missing_detail",)
    assert check_address("浙江", "杭州", "西湖区", "文三路90号", country="中国").ok   # China, in Chinese


@pytest.mark.parametrize(("code", "province", "problem"), [
    ("310012", "浙江省", None),
    ("310012", "浙江", None),
    ("310012", None, None),
    ("310012", "江苏省", "postal_code_not_in_province"),
    ("100020", "北京", None),
    ("050000", "河北省", None),             # Hebei's codes start with 0
    ("010000", "内蒙古", None),
    ("750300", "内蒙古", None),             # Alxa League uses a Ningxia-like prefix: the data knows
    ("200120", "北京市", "postal_code_not_in_province"),
    ("000000", "浙江省", None),             # unknown, not wrong
    ("", "浙江省", None),
    (None, None, None),
    ("31001", "浙江省", "invalid_postal_code"),
    ("3100120", None, "invalid_postal_code"),
    ("31OO12", None, "invalid_postal_code"),
    ("３１００１２", "浙江", None),          # full-width digits
    ("999077", "香港", None),               # what mainland forms write for Hong Kong
])
def test_chinese_postal_codes(code, province, problem):
    assert check_postal_code(code, province=province) == problem


def test_foreign_postal_codes_are_only_checked_for_shape():
    assert check_postal_code("SW1A 1AA", country="GB") is None
    assert check_postal_code("94103", country="US") is None
    assert check_postal_code("", country="US") is None
    assert check_postal_code("94103!!", country="US") == "invalid_postal_code"


def test_one_line_with_a_postal_code_of_another_province():
    check = check_address_line("浙江省 杭州市 西湖区 文三路90号 (210000)")
    assert check.problems == ("postal_code_not_in_province",)
    assert check.postal_code == "210000"


def test_first_use_loads_quietly_and_quickly_in_threads():
    """A fresh process: eight threads use the divisions at once; nothing printed, load well under 1.5 s."""
    code = textwrap.dedent("""
        import sys, threading, time
        from erp_desktop.domain.address import check_address_line
        results = []
        start = time.process_time()
        def work():
            results.append(check_address_line("浙江杭州西湖区文三路90号").adcode)
        threads = [threading.Thread(target=work) for _ in range(8)]
        for t in threads: t.start()
        for t in threads: t.join()
        sys.stderr.write(f"{time.process_time() - start:.3f} {sorted(set(results))}")
    """)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""                             # no jionlp banner
    seconds, adcodes = out.stderr.split(" ", 1)
    assert adcodes == "['330106']"
    assert float(seconds) < 1.5


def test_two_thousand_orders_validate_in_well_under_a_second():
    load_divisions()
    cities = [("浙江省 杭州市 西湖区", "0571-8"), ("北京市朝阳区", "010-6"), ("广西南宁市青秀区", "0771-5"),
              ("新疆维吾尔自治区 乌鲁木齐市 天山区", "0991-2"), ("上海 上海市 浦东新区", "021-6"),
              ("湖北省 仙桃市", "0728-3"), ("吉林省吉林市船营区", "0432-6"), ("广东省 东莞市", "0769-2")]
    orders = []
    for i in range(2000):
        place, area = cities[i % len(cities)]
        local = f"{i:06d}" if area.startswith(("0771", "0991", "0728")) else f"{i:07d}"   # 7 or 8 digits
        phone = [f"138{i:08d}", area + local, f"138****{i % 10000:04d}", f"170{i:08d}-{i % 9999}"][i % 4]
        orders.append((f"{place} 人民路{i}号{i % 30}栋 ({'000000' if i % 2 else '310012'})", phone))
    for text, phone in orders[:50]:                     # warm-up
        check_address_line(text)
        parse_phone(phone)
    start = time.process_time()
    problems = 0
    for text, phone in orders:
        problems += len(check_address_line(text).problems) + (parse_phone(phone).problem is not None)
    seconds = time.process_time() - start
    # only the Zhejiang postal code on the other provinces' addresses is wrong
    assert problems == sum(1 for i in range(0, 2000, 2) if i % len(cities) != 0)
    assert seconds < 1.0, f"{seconds * 1e6 / 2000:.0f} µs per order"
