"""The test suite (a package, so that tests/ingest is imported as tests.ingest, never as the real ingest)."""
