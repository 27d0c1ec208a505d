"""Linking: each citation to its reference entry (``references``, ``resolve``)
and to the claim it supports (``claims``)."""
