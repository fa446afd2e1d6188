"""TAK bridge: Cursor-on-Target (XML and TAK protocol v1) over the SA multicast group and TAK
servers, CoT files and TAK data packages. Only the manifest lives here; the code is imported
when a contribution is first used."""

PLUGIN = {
    "id": "tak",
    "name": "TAK / Cursor-on-Target bridge",
    "version": "1.0",
    "description": "Teams and markers from ATAK/WinTAK/iTAK devices; our teams, orders and "
                   "hazards back to them.",
    "contributes": {
        "importers": [
            {"format": "cot", "title": "Cursor-on-Target events", "extensions": [".cot"],
             "function": ".files:import_cot"},
            {"format": "datapackage", "title": "TAK data package", "extensions": [".zip", ".dpk"],
             "function": ".files:import_datapackage"},
        ],
        "exporters": [
            {"format": "cot", "title": "Cursor-on-Target events", "extensions": [".cot"],
             "function": ".files:export_cot"},
            {"format": "datapackage", "title": "TAK data package", "extensions": [".zip"],
             "function": ".files:export_datapackage"},
        ],
        "feeds": [
            {"id": "tak", "title": "TAK bridge (SA multicast, TAK servers)",
             "factory": ".bridge:make_bridge"},
        ],
    },
}
