"""Data shipped with the app (template, icons); read through core.paths, never by a checkout path."""
