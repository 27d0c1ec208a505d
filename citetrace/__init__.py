"""citetrace: audit the citations of scholarly prose."""

from __future__ import annotations

from citetrace.version import __version__

__all__ = ["__version__", "audit_path", "audit_text", "extract"]


def __getattr__(name: str):
    if name in ("audit_text", "audit_path", "extract"):
        from citetrace import audit

        return getattr(audit, name)
    raise AttributeError(name)
