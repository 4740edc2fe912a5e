"""Ingestion: article files (text, HTML, JSON Lines) in, clean faceted documents out.

The stages, one module each: ``readers`` (files, directories, globs, stdin -> records with provenance),
``clean`` (boilerplate cues from ``data/boilerplate.json``), ``normalize`` (Unicode), ``title``,
``dates``, ``source``, ``language``, ``countries``, ``ids``; ``pipeline`` puts them together and ``cli``
is ``search-app ingest``. Other code uses ``ingest.pipeline.iter_articles(paths)`` (articles and failures
from paths) and ``ingest.pipeline.process_record(record)`` (one record -> one ``Article``).
"""
