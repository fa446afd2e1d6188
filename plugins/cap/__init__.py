"""CAP 1.2 warnings (Common Alerting Protocol): alerts in from files, folders and HTTP feeds,
our warnings out, validated against the OASIS schema both ways. Only the manifest lives here."""

PLUGIN = {
    "id": "cap",
    "name": {"en": "CAP 1.2 warnings", "zh_CN": "CAP 1.2 预警"},
    "version": "1.0",
    "description": {"en": "Warnings published as CAP 1.2 by warning systems, and ours as CAP.",
                    "zh_CN": "接收预警发布系统以 CAP 1.2 发布的预警，并以 CAP 1.2 导出本所的预警。"},
    "contributes": {
        "importers": [
            {"format": "cap", "title": {"en": "CAP 1.2 alert", "zh_CN": "CAP 1.2 预警"}, "extensions": [".xml", ".cap", ".zip"],
             "function": ".files:import_cap"},
            {"id": "cap-feed", "format": "cap", "title": {"en": "CAP 1.2 HTTP feed", "zh_CN": "CAP 1.2 HTTP 订阅源"}, "accepts_url": True,
             "function": ".files:import_feed"},
        ],
        "exporters": [
            {"format": "cap", "title": {"en": "CAP 1.2 alerts (zip)", "zh_CN": "CAP 1.2 预警（zip）"}, "extensions": [".zip"],
             "function": ".files:export_cap"},
        ],
        "feeds": [
            {"id": "cap-feed", "title": {"en": "CAP 1.2 HTTP feed", "zh_CN": "CAP 1.2 HTTP 订阅源"}, "factory": ".files:make_feed"},
        ],
    },
}
