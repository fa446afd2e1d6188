"""Gauge readings (雨情, 水情) fed from a hydrological source: an HTTP endpoint serving JSON or
CSV, or a folder where a station drops files. Only the manifest lives here."""

PLUGIN = {
    "id": "gauges",
    "name": {"en": "Rain and river gauge feed", "zh_CN": "雨水情测站接入"},
    "version": "1.0",
    "description": {
        "en": "Polls a hydrological source (an HTTP endpoint or a folder a station writes to) and "
              "records the readings of this post's gauges; set it up as \"gauges\" in feeds.json.",
        "zh_CN": "定时读取水文数据源（HTTP 接口或测站写入的文件夹），把读数记入本所的雨量站、水位站；"
                 "在 feeds.json 中以 \"gauges\" 配置。"},
    "contributes": {
        "feeds": [
            {"id": "gauges", "title": {"en": "Gauge readings feed", "zh_CN": "雨水情读数接入"},
             "factory": ".feed:make_feed"},
        ],
    },
}
