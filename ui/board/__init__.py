"""The situation board's parts: tiles and banner, charts, warnings, gauges."""
