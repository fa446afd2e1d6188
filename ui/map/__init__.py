"""The one map (一张图): a Leaflet page built once with folium, served by the ``zhijiu://`` scheme
with every asset local, and kept current from the store over QWebChannel with small JSON diffs.

``assets`` vendors the npm packages the page needs, ``page`` builds the page, ``scheme`` serves it
(and tiles, and the base map) and blocks every other request, ``symbols`` and ``features`` turn
store records into map items, ``bridge`` carries them to the page, ``dialogs`` and ``export`` are
the plotting, download and print windows; ``ui.docks.map.MapDock`` puts it all in a dock.
"""
