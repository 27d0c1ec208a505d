"""The source library: the documents citations cite, stored for searching.

``store`` keeps them in SQLite with an FTS5 index (one file), ``ingest`` adds
files and manifests to it. The audit looks citations up in it through
:mod:`citetrace.linking.trace`.
"""
