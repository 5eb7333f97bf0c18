"""Devices: scanners, scales and printers.  Adapters that take and give plain data and bytes:
no database, no Qt (the UI bridges their callbacks to signals)."""
