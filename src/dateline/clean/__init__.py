"""Clean: article text freed of site chrome, with title and wire agency pulled out."""
from dateline.clean.chrome import CleanText, clean_plain_text, shared_lines
from dateline.clean.document import (CleanDocument, Extracted, clean_extracted, extract_document, extract_source, page_head,
                                     why_skipped)
from dateline.clean.html import HtmlExtract, extract_html

__all__ = [
    "CleanText", "clean_plain_text", "shared_lines", "HtmlExtract", "extract_html",
    "CleanDocument", "Extracted", "clean_extracted", "extract_document", "extract_source", "page_head", "why_skipped",
]
