"""One document from its source to the text cleaning keeps: the shared path of `dateline build`
and `dateline extract`, so what a user inspects is what the build stores."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from dateline.clean.detokenize import detokenize_if_tokenized
from dateline.clean.chrome import CleanText, clean_plain_text
from dateline.clean.furniture import DEFAULT_RULES
from dateline.settings import CleanSettings
from dateline.clean.html import extract_html
from dateline.ingest.documents import RawDocument
from dateline.models import RemovedLine


@dataclass
class Extracted:
    """A document's text before chrome removal, with what its source said about it."""

    doc: RawDocument
    text: str
    title: Optional[str]
    outlet: Optional[str]
    published: Optional[tuple[str, str]]  # (value, where it came from)
    lines_are_paragraphs: bool  # extracted HTML: one paragraph a line


@dataclass
class CleanDocument:
    """What cleaning keeps of one document, and what it removed and why."""

    path: str
    text: str
    title: Optional[str]
    outlet: Optional[str]
    agency: Optional[str]
    published: Optional[tuple[str, str]]
    url: Optional[str]
    source_text: str
    removed: list[RemovedLine] = field(default_factory=list)
    not_article: Optional[str] = None  # why the page is not an article (a programme schedule...), or None


def why_skipped(cleaned: CleanText | CleanDocument, rules: CleanSettings = DEFAULT_RULES) -> Optional[str]:
    """Why a build keeps no article of a cleaned document, or None when it keeps one."""
    if cleaned.not_article:
        return f"not an article ({cleaned.not_article})"
    if len(cleaned.text.split()) < rules.min_words:
        return "no article text left after removing site chrome"
    return None


def page_head(source_text: str, rules: CleanSettings = DEFAULT_RULES) -> str:
    """The page's first lines as scraped, chrome included: where a page prints its date stamp."""
    return "\n".join(source_text.splitlines()[:rules.head_lines])


def extract_source(doc: RawDocument, rules: CleanSettings = DEFAULT_RULES) -> Extracted:
    """HTML through trafilatura, plain text as it is; metadata from the source wins over the page's."""
    published = (doc.published, doc.extra.get("published_from", "metadata")) if doc.published else None
    if doc.kind != "html":
        # research corpora ship tokenized text ("BP 's neck", -LRB-); judged by the text itself
        return Extracted(doc, detokenize_if_tokenized(doc.content, rules), doc.title, doc.outlet, published, False)
    page = extract_html(doc.content, doc.path, doc.url)
    doc.url = doc.url or page.url
    if not published and page.date:
        published = (page.date, "HTML metadata")
    return Extracted(doc, page.text, doc.title or page.title, doc.outlet or page.sitename, published, True)


def clean_extracted(item: Extracted, shared: set[str] | frozenset = frozenset(),
                    rules: CleanSettings = DEFAULT_RULES) -> CleanDocument:
    """Chrome and furniture removal over an extracted document; `shared` are lines the batch
    shows to repeat across unrelated articles."""
    cleaned: CleanText = clean_plain_text(
        item.text, shared, known_title=item.title, line_paragraphs=item.lines_are_paragraphs, rules=rules)
    return CleanDocument(
        path=item.doc.path, text=cleaned.text, title=cleaned.title, outlet=item.outlet, agency=cleaned.agency,
        published=item.published, url=item.doc.url, source_text=item.text, removed=cleaned.removed,
        not_article=cleaned.not_article,
    )


def extract_document(doc: RawDocument, shared: set[str] | frozenset = frozenset()) -> CleanDocument:
    """Extract and clean one document on its own (no batch evidence unless `shared` is given)."""
    return clean_extracted(extract_source(doc), shared)
