"""Base maps without Qt: MBTiles packages, online XYZ sources with a disk cache, area downloads,
and the default offline vector base map (GeoJSON in resources/basemap)."""
