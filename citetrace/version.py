"""The release of citetrace, one place for every module that reports it."""

__version__ = "0.1.0"
