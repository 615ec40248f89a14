#!/usr/bin/env python3
"""Build the site: `python build.py [build|check|serve] [options]` (see README.md)."""
from civicsite.cli import console_main

if __name__ == "__main__":
    console_main()
