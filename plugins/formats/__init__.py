"""GeoJSON, KML/KMZ and CSV: features, units, shelters and depots in and out. Only the
manifest lives here; each format's code is imported when it is first used."""

PLUGIN = {
    "id": "formats",
    "name": "GeoJSON, KML/KMZ and CSV",
    "version": "1.0",
    "description": "Planning data from GIS tools and spreadsheets, and ours back to them.",
    "contributes": {
        "importers": [
            {"format": "geojson", "title": "GeoJSON", "extensions": [".geojson", ".json"],
             "function": ".geojson:import_geojson"},
            {"format": "kml", "title": "KML", "extensions": [".kml"], "function": ".kml:import_kml"},
            {"format": "kmz", "title": "KMZ", "extensions": [".kmz"], "function": ".kml:import_kmz"},
            {"format": "csv", "title": "CSV table", "extensions": [".csv", ".txt"],
             "function": ".csv_io:import_csv"},
        ],
        "exporters": [
            {"format": "geojson", "title": "GeoJSON", "extensions": [".geojson"],
             "function": ".geojson:export_geojson"},
            {"format": "kml", "title": "KML", "extensions": [".kml"], "function": ".kml:export_kml"},
            {"format": "kmz", "title": "KMZ", "extensions": [".kmz"], "function": ".kml:export_kmz"},
            {"format": "csv", "title": "CSV table", "extensions": [".csv"],
             "function": ".csv_io:export_csv"},
        ],
    },
}
