"""How much ingest reads before it gives up on an input: every limit named, with its default and why.

`ReadLimits` is a section of the build settings: the readers take it, stream through what they
read, and stop at a limit with a reason rather than holding an input of any size in memory.
"""
from __future__ import annotations

from typing import Optional

from pydantic import BaseModel, ConfigDict, Field

MiB = 1024 * 1024
GiB = 1024 * MiB


class ReadLimits(BaseModel):
    """Limits on what one input may cost. Each is checked while streaming, never after reading it all."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_file_bytes: int = Field(
        8 * MiB, gt=0,
        description="Bytes of one .txt or .html file. The largest news pages run to about 3 MB of HTML with "
                    "inline scripts; past 8 MiB a file is a dump or an attack, and its lxml tree alone would cost "
                    "hundreds of MB.")
    max_record_bytes: int = Field(
        8 * MiB, gt=0,
        description="Bytes of one WARC record's HTTP body (after Content-Encoding) or one JSONL line; the same "
                    "reasoning as max_file_bytes. A longer record is streamed through and reported, not stored.")
    max_decompressed_bytes: int = Field(
        16 * GiB, gt=0,
        description="Bytes one .warc.gz may decompress to. A Common Crawl file (1 GB compressed) holds about "
                    "5 GB; 16 GiB bounds the time a single file can take.")
    max_expansion: int = Field(
        100, gt=0,
        description="How many times its own size a .warc.gz may decompress to (past min_bomb_bytes): gzipped "
                    "HTML expands 4-10 times, so 100 is a decompression bomb, stopped before it costs minutes.")
    min_bomb_bytes: int = Field(
        256 * MiB, gt=0,
        description="Decompressed bytes always allowed whatever the ratio, so a small valid file never trips "
                    "max_expansion.")
    max_text_chars: int = Field(
        100_000, gt=0,
        description="Characters of cleaned text analysed per article. A long-read feature runs to about 60,000; "
                    "parse time and memory grow with length. A longer text is cut at a paragraph boundary and "
                    "the cut is reported.")
    min_cut_share: float = Field(
        0.5, gt=0, le=1,
        description="A cut text keeps at least this share of max_text_chars: a paragraph longer than that is cut "
                    "at a sentence end instead, and a text with no sentence end in reach is skipped (it is not "
                    "prose).")

    def decompressed_limit(self, compressed_size: int) -> int:
        """The bytes a compressed file of this size may decompress to."""
        return min(self.max_decompressed_bytes, max(self.min_bomb_bytes, self.max_expansion * compressed_size))


DEFAULT_LIMITS = ReadLimits()

_SENTENCE_END = (". ", "? ", "! ", ".\n", "?\n", "!\n", ".\u201d ", ".\" ")


def cut_text(text: str, max_chars: int, total: Optional[int] = None,
             min_share: Optional[float] = None) -> tuple[Optional[str], Optional[str]]:
    """Fit a text to `max_chars`: (text to analyse or None, what was done or why it was skipped).

    Cut at the last paragraph break (a blank line, or a line break) before the limit; failing
    that at the last sentence end. Returns (text, None) when the text already fits. `total`: the
    length of the original, when `text` is already a cut of it."""
    total = total or len(text)
    if len(text) <= max_chars:
        return text, None
    head = text[: max_chars + 1]
    floor = int(max_chars * (DEFAULT_LIMITS.min_cut_share if min_share is None else min_share))
    for marks, unit in ((("\n\n",), "paragraph"), (("\n",), "paragraph"), (_SENTENCE_END, "sentence")):
        at = max(head.rfind(m) for m in marks)
        if at >= floor:
            kept = text[:at + 1].rstrip()
            return kept, (f"text cut at a {unit} boundary to {len(kept):,} of {total:,} characters "
                          f"(limit {max_chars:,}); the rest was not analysed")
    return None, (f"text of {total:,} characters has no paragraph or sentence break in its first "
                  f"{max_chars:,}: not prose, not analysed")
