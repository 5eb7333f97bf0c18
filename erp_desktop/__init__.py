"""erp-desktop: the ERP for companies that sell on several platforms at once."""

__version__ = "0.1.0"
