"""The ingest tests."""
