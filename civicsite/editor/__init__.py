"""What editors use besides the build: check's reader checks, page skeletons (``new``), and JSON
Schemas for their editors. May import everything below build."""
