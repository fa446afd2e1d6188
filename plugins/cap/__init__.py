"""CAP 1.2 warnings (Common Alerting Protocol): alerts in from files, folders and HTTP feeds,
our warnings out, validated against the OASIS schema both ways. Only the manifest lives here."""

PLUGIN = {
    "id": "cap",
    "name": "CAP 1.2 warnings",
    "version": "1.0",
    "description": "Warnings published as CAP 1.2 by warning systems, and ours as CAP.",
    "contributes": {
        "importers": [
            {"format": "cap", "title": "CAP 1.2 alert", "extensions": [".xml", ".cap", ".zip"],
             "function": ".files:import_cap"},
            {"id": "cap-feed", "format": "cap", "title": "CAP 1.2 HTTP feed", "accepts_url": True,
             "function": ".files:import_feed"},
        ],
        "exporters": [
            {"format": "cap", "title": "CAP 1.2 alerts (zip)", "extensions": [".zip"],
             "function": ".files:export_cap"},
        ],
        "feeds": [
            {"id": "cap-feed", "title": "CAP 1.2 HTTP feed", "factory": ".files:make_feed"},
        ],
    },
}
