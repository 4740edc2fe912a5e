"""The ingest tests.

pytest imports this package as ``ingest`` (it puts ``tests/`` first on sys.path), which shadows the real
``ingest`` package: without the line below, ``ingest.pipeline`` in these tests would come from wherever the
installed (editable) package points, which need not be this checkout. Its submodules are looked up in this
checkout's ``ingest/`` too, so the tests always exercise the code beside them.
"""

from pathlib import Path

__path__.append(str(Path(__file__).resolve().parents[2] / "ingest"))  # noqa: F821 - a package's own path
