"""Replay (复盘): the controller that says which moment the window shows, and its bar."""
