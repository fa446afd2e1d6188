"""The frozen app's entry point: the `zhijiu` command (the window by default)."""

import sys

from app.cli import main

sys.exit(main())
