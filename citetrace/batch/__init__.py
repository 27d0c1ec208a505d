"""Auditing many documents: the engines (``engine``), local worker processes
(``workers``, ``preload``), and streamed, resumable JSONL output (``stream``)."""
