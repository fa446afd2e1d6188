"""The docked views of the main window; each view owns its logic and its model."""
