"""Ingestion: article files (text, HTML, JSON Lines) in, clean faceted documents out."""
