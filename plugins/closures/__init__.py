"""Road closures and traffic control (道路封闭, 交通管制) as a map layer, read from GeoJSON or KML
files the traffic police or the post's own staff keep. Only the manifest lives here."""

PLUGIN = {
    "id": "closures",
    "name": {"en": "Road closures and traffic control", "zh_CN": "道路封闭与交通管制"},
    "version": "1.0",
    "description": {
        "en": "Shows the closed roads and controlled areas from the GeoJSON and KML files in the "
              "post's “closures” folder (or the path set for “road-closures” in layers.json); "
              "a closure whose end time has passed is no longer drawn.",
        "zh_CN": "在地图上显示本所 closures 文件夹（或 layers.json 中 road-closures 指定的路径）内 "
                 "GeoJSON、KML 文件中的封闭道路和管制区域；已过解除时间的封闭不再显示。"},
    "contributes": {
        "layers": [
            {"id": "road-closures", "title": {"en": "Road closures", "zh_CN": "道路封闭/交通管制"},
             "function": ".layer:road_closures", "refresh_s": 30,
             "style": {"color": "#d50000", "weight": 5, "opacity": 0.9, "dashArray": "10 6",
                       "fillColor": "#d50000", "fillOpacity": 0.15}},
        ],
    },
}
