"""`python -m app` is the `zhijiu` command."""

import sys

from app.cli import main

sys.exit(main())
