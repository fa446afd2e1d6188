"""The desktop face of Zhijiu (PySide6): the main window frame, its docks, Qt models over the store.

``ui`` reads through services and Qt models and never writes SQL; ``app`` never imports ``ui``.
The `zhijiu` command is :func:`ui.main.main`; the window is :func:`ui.app.run_gui`.
"""
