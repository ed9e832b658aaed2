"""Read and write TimeML documents: the DCT, the plain TEXT, its TIMEX3 tags with their offsets."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Optional

TIMEX = re.compile(r"<TIMEX3([^>]*)>(.*?)</TIMEX3>", re.S)
ATTR = re.compile(r'(\w+)="([^"]*)"')
TAG = re.compile(r"<[^>]+>")
DCT = re.compile(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", re.S)


@dataclass
class TimemlDoc:
    text: str
    dct: Optional[str]
    timexes: list[dict] = field(default_factory=list)  # start, end, type, value, mod
    head: str = ""  # the document up to and including <TEXT>
    tail: str = ""  # from </TEXT> on


def _plain(fragment: str) -> str:
    return html.unescape(TAG.sub("", fragment))


def read_timeml(raw: str) -> TimemlDoc:
    """The TEXT of a TimeML document without its tags, and the TIMEX3s in it with offsets into that text."""
    dct = DCT.search(raw)
    open_at, close_at = raw.find("<TEXT>"), raw.find("</TEXT>")
    if open_at < 0 or close_at < 0:
        raise ValueError("no <TEXT> element")
    body = raw[open_at + len("<TEXT>"): close_at]
    parts: list[str] = []
    timexes = []
    position = cursor = 0
    for m in TIMEX.finditer(body):
        before = _plain(body[cursor:m.start()])
        parts.append(before)
        position += len(before)
        inner = _plain(m.group(2))
        attrs = dict(ATTR.findall(m.group(1)))
        timexes.append({"start": position, "end": position + len(inner), "type": attrs.get("type", ""),
                        "value": attrs.get("value", ""), "mod": attrs.get("mod")})
        parts.append(inner)
        position += len(inner)
        cursor = m.end()
    parts.append(_plain(body[cursor:]))
    return TimemlDoc("".join(parts), dct.group(1) if dct else None, timexes,
                     raw[: open_at + len("<TEXT>")], raw[close_at:])


def _escape(text: str) -> str:
    return html.escape(text, quote=False)


def write_timeml(doc: TimemlDoc, timexes: list[dict]) -> str:
    """The document with its TEXT replaced by the plain text annotated with `timexes` (other tags dropped)."""
    out, cursor = [], 0
    for n, t in enumerate(sorted(timexes, key=lambda t: t["start"]), 1):
        if t["start"] < cursor:
            continue
        attrs = f'tid="t{n}" type="{t["type"]}" value="{_escape(t.get("value") or "")}"'
        if t.get("mod"):
            attrs += f' mod="{t["mod"]}"'
        out.append(_escape(doc.text[cursor:t["start"]]))
        out.append(f"<TIMEX3 {attrs}>{_escape(doc.text[t['start']:t['end']])}</TIMEX3>")
        cursor = t["end"]
    out.append(_escape(doc.text[cursor:]))
    return doc.head + "".join(out) + doc.tail
