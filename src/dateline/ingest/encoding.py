"""Bytes to text: a byte-order mark first, then UTF-8 when it is UTF-8, then a detected legacy
encoding when it plainly is one.

A file that is mostly UTF-8 with broken sequences is an error, not something
to guess around: decoding it as Latin-1 would silently garble every accent.
"""
from __future__ import annotations

import re

from charset_normalizer import from_bytes

from dateline.errors import InputError

_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")
_HTML_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", re.I)
# Longest mark first: the UTF-32-LE mark begins with the UTF-16-LE one.
BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
# Without a mark, text is UTF-16 when nearly every other byte is zero (ASCII-range text in two
# bytes a character) and the bytes between are not.
UTF16_ZERO_SHARE = 0.4
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def looks_binary(data: bytes) -> bool:
    head = data[:4096]
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > max(8, len(head) // 50)


def _text_looks_binary(text: str) -> bool:
    head = text[:4096]
    return len(_CONTROL.findall(head)) > max(8, len(head) // 50)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """(encoding, length of the mark) when the bytes start with a byte-order mark."""
    for mark, name in BOMS:
        if data.startswith(mark):
            return name, len(mark)
    return None


def utf16_without_bom(data: bytes) -> str | None:
    head = data[:4096]
    half = len(head) // 2
    if half < 8:
        return None
    even = head[0::2].count(0) / half
    odd = head[1::2].count(0) / half
    if odd >= UTF16_ZERO_SHARE and even < 0.05:
        return "utf-16-le"
    if even >= UTF16_ZERO_SHARE and odd < 0.05:
        return "utf-16-be"
    return None


def safe_text(value: str) -> str:
    """Text that can be written anywhere: lone surrogates (possible in JSON strings) become U+FFFD,
    NUL characters are dropped."""
    if _SURROGATE.search(value):
        value = _SURROGATE.sub("\ufffd", value)
    return value.replace("\x00", "")


def _decode_marked(data: bytes, path: str, name: str, skip: int, how: str) -> tuple[str, str]:
    try:
        text = data[skip:].decode(name)
    except UnicodeDecodeError as err:
        raise InputError(path, f"invalid {name.upper()} at byte {err.start + skip} ({how})") from err
    if not text.strip():
        raise InputError(path, "empty file")
    if _text_looks_binary(text):
        raise InputError(path, f"binary file, not text (decoded as {name.upper()}, {how})")
    return text.replace("\x00", ""), name


def decode(data: bytes, path: str, *, html: bool = False, strict_utf8: bool = False) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError naming the file."""
    marked = bom_encoding(data)
    if marked:
        return _decode_marked(data, path, marked[0], marked[1], "it starts with a byte-order mark")
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data[:4096] and (wide := utf16_without_bom(data)):
        return _decode_marked(data, path, wide, 0, "every other byte is zero")
    if looks_binary(data):
        raise InputError(path, "binary file, not text")
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
