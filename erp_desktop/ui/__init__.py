"""The Qt desktop client (the only package that imports PySide6)."""

from erp_desktop.ui.compat import protect_singletons

# PySide6 6.12.0 on CPython 3.11 drops references to None/True/False: see compat.py
protect_singletons()
