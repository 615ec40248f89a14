#!/usr/bin/env python3
"""Build the site: `python build.py [build|check|serve] [options]` (see README.md)."""
import sys

from civicsite.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
