"""Escaping at the boundary: article data (titles, text, outlets, file names) is untrusted, and every
output escapes it for its own format. One function per format, shared by every exporter and the CLI.

- terminal_text: control characters (ANSI escapes, carriage returns) and bidirectional overrides shown
  as visible escapes, so a title cannot rewrite the terminal. Print it as a Rich `Text`, never as markup.
- md_text / md_url: Markdown in which no raw HTML, link, image or emphasis from the data renders.
- html_text: HTML text and attribute values (Jinja autoescape does the same in templates).
- csv_cell: a spreadsheet cell that cannot start a formula.
- json_for_html: JSON that is safe inside an HTML <script> element.
"""
from __future__ import annotations

import json
import re
from typing import Any, Optional
from urllib.parse import quote

from markupsafe import escape as _html_escape

# C0 and C1 controls except tab and newline, DEL, and the bidirectional controls that can reorder
# what a terminal or viewer shows (the "Trojan Source" characters).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_WEB_URL = re.compile(r"^https?://[^\s\"'<>\\`]+$", re.I)


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(value: object, *, keep_newlines: bool = True) -> str:
    """Text safe to print: control and bidi characters become visible escapes (\\x1b, \\u202e);
    without `keep_newlines` a line break too (\\n), so a file name cannot forge a line of output."""
    text = _CONTROL.sub(_visible, str(value))
    return text if keep_newlines else text.replace("\n", "\\n")


# Characters that start inline constructs: emphasis, code, links and images, table cells,
# strikethrough, math. Block constructs (headings, lists, quotes) start a line, and Dateline never
# starts a line with data, so `.`, `#` or `-` need no escape and the source stays readable.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~$])")


def md_text(value: object) -> str:
    """Inline Markdown text that renders as the same characters and nothing else: HTML is
    entity-escaped (no tag, comment or autolink renders), Markdown punctuation backslash-escaped,
    line breaks and controls flattened."""
    text = re.sub(r"\s*[\r\n]+\s*", " ", terminal_text(value)).replace("\t", " ")
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", text)


def web_url(url: Optional[str]) -> Optional[str]:
    """The address when it is an http(s) web address with nothing that could break out of a link;
    never javascript:, data: or vbscript:."""
    if url and _WEB_URL.match(url.strip()):
        return url.strip()
    return None


def md_url(url: Optional[str]) -> Optional[str]:
    """A link destination for Markdown `[text](<...>)`: only http(s), with parentheses and angle
    brackets percent-encoded so it cannot end early."""
    safe = web_url(url)
    if safe is None:
        return None
    return "<" + quote(safe, safe=":/?#@!$&'*+,;=%-._~[]") + ">"


def html_text(value: object) -> str:
    """HTML-escaped text, usable in element content and quoted attribute values."""
    return str(_html_escape(str(value)))


# Spreadsheets run a cell as a formula when it starts with one of these (OWASP: CSV injection),
# also after leading spaces, and the full-width forms some spreadsheets accept.
_FORMULA_START = re.compile(r"^[\s]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]")


def csv_cell(value: Any) -> Any:
    """A CSV cell value that cannot start a formula: a leading quote makes it plain text.
    Numbers pass as they are (a negative number is data, not a formula)."""
    if value is None or isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    text = str(value)
    if _FORMULA_START.match(text):
        return "'" + text
    return text


def json_for_html(data: Any, **kwargs) -> str:
    """JSON to embed in an HTML <script> element: `<`, `>`, `&` and the JavaScript line separators
    are written as \\u escapes, so `</script>` in the data cannot close the element."""
    text = json.dumps(data, ensure_ascii=False, **kwargs)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
