"""GeoJSON, KML/KMZ and CSV: features, units, shelters and depots in and out. Only the
manifest lives here; each format's code is imported when it is first used."""

PLUGIN = {
    "id": "formats",
    "name": {"en": "GeoJSON, KML/KMZ and CSV", "zh_CN": "GeoJSON、KML/KMZ 与 CSV"},
    "version": "1.0",
    "description": {"en": "Planning data from GIS tools and spreadsheets, and ours back to them.",
                    "zh_CN": "从 GIS 工具和电子表格导入标绘、队伍、避难场所和储备库，并导出。"},
    "contributes": {
        "importers": [
            {"format": "geojson", "title": {"en": "GeoJSON", "zh_CN": "GeoJSON"}, "extensions": [".geojson", ".json"],
             "function": ".geojson:import_geojson"},
            {"format": "kml", "title": {"en": "KML", "zh_CN": "KML"}, "extensions": [".kml"], "function": ".kml:import_kml"},
            {"format": "kmz", "title": {"en": "KMZ", "zh_CN": "KMZ"}, "extensions": [".kmz"], "function": ".kml:import_kmz"},
            {"format": "csv", "title": {"en": "CSV table", "zh_CN": "CSV 表格"}, "extensions": [".csv", ".txt"],
             "function": ".csv_io:import_csv"},
        ],
        "exporters": [
            {"format": "geojson", "title": {"en": "GeoJSON", "zh_CN": "GeoJSON"}, "extensions": [".geojson"],
             "function": ".geojson:export_geojson"},
            {"format": "kml", "title": {"en": "KML", "zh_CN": "KML"}, "extensions": [".kml"], "function": ".kml:export_kml"},
            {"format": "kmz", "title": {"en": "KMZ", "zh_CN": "KMZ"}, "extensions": [".kmz"], "function": ".kml:export_kmz"},
            {"format": "csv", "title": {"en": "CSV table", "zh_CN": "CSV 表格"}, "extensions": [".csv"],
             "function": ".csv_io:export_csv"},
        ],
    },
}
