"""civicsite: a static-site generator for a Swedish municipality's business-development pages."""

__version__ = "0.1.0"
