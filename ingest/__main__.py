"""``python -m ingest ...`` is ``search-app ingest ...``."""

import sys

from search_app.cli import main

sys.exit(main(["ingest", *sys.argv[1:]]))
