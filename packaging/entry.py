"""The frozen app's entry point: the `zhijiu` command (the window by default)."""

import sys

from ui.main import main

sys.exit(main())
