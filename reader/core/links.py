"""How a web address is shown before Reader asks whether to open it.

A host can be written in look-alike letters: ``аpple.com`` with a Cyrillic
``а`` is not ``apple.com``. Shown in its ASCII (punycode) form,
``xn--pple-43d.com``, the difference is plain to see.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit


def shown_address(address: str) -> str | None:
    """``address`` with its host in ASCII form; None if the host can't be written that way."""
    parts = urlsplit(address)
    host = parts.hostname or ""
    try:
        # The standard library's IDNA codec (RFC 3490) turns each label into punycode.
        ascii_host = host.encode("idna").decode("ascii") if host else ""
    except UnicodeError:
        return None
    netloc = ascii_host
    if parts.port is not None:
        netloc = f"{netloc}:{parts.port}"
    if "@" in parts.netloc:
        netloc = f"{parts.netloc.rpartition('@')[0]}@{netloc}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
