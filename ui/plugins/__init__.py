"""The window's plugin parts: the service (host, feeds, docks), the plugin manager, import and
export with the CSV column mapping, and the Plugins menu that opens them."""
