"""Renderers read finished reports and never compute facts of their own."""
