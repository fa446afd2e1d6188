"""`python -m ui` is the installed `zhijiu` command (the window layer's verbs included)."""

import sys

from ui.main import main

sys.exit(main())
