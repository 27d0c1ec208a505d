"""Inputs: files found and decoded into a :class:`~citetrace.inputs.document.Document`.

``walk`` finds the files, ``load`` reads and decodes them, ``document`` indexes
the text (lines, headings, the reference section), and ``directives`` reads
what the document says about its own audit (front matter, suppressions).
"""
