"""Bytes to text: UTF-8 when it is UTF-8, a detected legacy encoding when it plainly is one.

A file that is mostly UTF-8 with broken sequences is an error, not something
to guess around: decoding it as Latin-1 would silently garble every accent.
"""
from __future__ import annotations

import re

from charset_normalizer import from_bytes

from dateline.errors import InputError

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > max(8, len(head) // 50)


def decode(data: bytes, path: str, *, html: bool = False, strict_utf8: bool = False) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError naming the file."""
    if not data.strip():
        raise InputError(path, "empty file")
    if looks_binary(data):
        raise InputError(path, "binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as err:
        first_bad = err.start
    if strict_utf8 or _UTF8_MULTIBYTE.search(data):
        raise InputError(path, f"invalid UTF-8 at byte {first_bad}")
    if html:
        declared = _HTML_CHARSET.search(data[:4096])
        if declared:
            name = declared.group(1).decode("ascii").lower()
            try:
                return data.decode(name), name
            except (LookupError, UnicodeDecodeError):
                pass
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise InputError(path, f"invalid UTF-8 at byte {first_bad} and no other encoding fits")
    return str(best), best.encoding
