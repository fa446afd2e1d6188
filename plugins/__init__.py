"""Plugins: the plugin API (``plugins/api.py``, the only surface a plugin sees) and the built-in
plugins — bridges (TAK/CoT, CAP), importers and exporters, feed sources. Arrives with the plugins
issue; the folder exists so the layout of DESIGN.md holds from the start."""
