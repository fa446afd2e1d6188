"""TAK bridge: Cursor-on-Target (XML and TAK protocol v1) over the SA multicast group and TAK
servers, CoT files and TAK data packages. Only the manifest lives here; the code is imported
when a contribution is first used."""

PLUGIN = {
    "id": "tak",
    "name": {"en": "TAK / Cursor-on-Target bridge", "zh_CN": "TAK / CoT 互通"},
    "version": "1.0",
    "description": {"en": "Teams and markers from ATAK/WinTAK/iTAK devices; our teams, orders and "
                   "hazards back to them.",
                    "zh_CN": "接收 ATAK/WinTAK/iTAK 终端的队伍位置和标绘；把本指挥所的队伍、任务和险情发给它们。"},
    "contributes": {
        "importers": [
            {"format": "cot", "title": {"en": "Cursor-on-Target events", "zh_CN": "CoT 事件"}, "extensions": [".cot"],
             "function": ".files:import_cot"},
            {"format": "datapackage", "title": {"en": "TAK data package", "zh_CN": "TAK 数据包"}, "extensions": [".zip", ".dpk"],
             "function": ".files:import_datapackage"},
        ],
        "exporters": [
            {"format": "cot", "title": {"en": "Cursor-on-Target events", "zh_CN": "CoT 事件"}, "extensions": [".cot"],
             "function": ".files:export_cot"},
            {"format": "datapackage", "title": {"en": "TAK data package", "zh_CN": "TAK 数据包"}, "extensions": [".zip"],
             "function": ".files:export_datapackage"},
        ],
        "docks": [
            {"id": "status", "title": {"en": "TAK link", "zh_CN": "TAK 互通状态"},
             "factory": ".ui:make_dock"},
        ],
        "feeds": [
            {"id": "tak", "title": {"en": "TAK bridge (SA multicast, TAK servers)", "zh_CN": "TAK 互通（SA 组播、TAK 服务器）"},
             "factory": ".bridge:make_bridge"},
        ],
    },
}
