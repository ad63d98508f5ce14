"""The PySide6 window: one class per module, talking through signals; core/ does all data work."""
