"""法治年报's domain core: pure Python, no Qt (see ARCHITECTURE.md)."""

APP_NAME = "法治年报"
__version__ = "0.8.0"
