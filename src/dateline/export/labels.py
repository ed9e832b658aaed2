"""How dates and citations read to a person; shared by the Markdown and HTML reports."""
from __future__ import annotations

from datetime import date
from typing import Optional

from dateline.export.escape import web_url as escape_web_url
from dateline.models import PublicationDate, Story, TimeValue
from dateline.temporal.calendar import month_end, quarter_of


def _day(d: date) -> str:
    return f"{d.day} {d.strftime('%b')} {d.year}"


def when(value: TimeValue | PublicationDate) -> str:
    """"Thu 19 Dec 2019", "Jan 2020 (11–20 Jan)", "2019", "undated (after 1987)"."""
    precision = value.precision
    lo, hi = value.earliest, value.latest
    if precision == "day" and lo:
        return f"{lo.strftime('%a')} {_day(lo)}" + (f" – {_day(hi)}" if hi and hi != lo else "")
    if precision == "week" and lo:
        return f"week of {_day(lo)}"
    if precision == "month" and lo and hi:
        label = lo.strftime("%B %Y")
        full = lo.day == 1 and hi == month_end(hi.year, hi.month)
        return label if full else f"{label} ({lo.day}–{hi.day} {hi.strftime('%b')})"
    if precision == "quarter" and lo:
        return f"Q{quarter_of(lo.month)} {lo.year}"
    if precision == "season" and lo:
        name = {3: "spring", 6: "summer", 9: "autumn", 12: "winter"}.get(lo.month, "season")
        return f"{name} {lo.year}" + (f"–{str(lo.year + 1)[2:]}" if lo.month == 12 else "")
    if precision == "year" and lo and hi:
        whole = lo.month == 1 and lo.day == 1 and hi.month == 12 and hi.day == 31
        return str(lo.year) if whole else f"{lo.year} ({_day(lo)} – {_day(hi)})"
    if precision == "decade" and lo:
        return f"{lo.year // 10 * 10}s"
    if lo and hi:
        return f"undated (between {_day(lo)} and {_day(hi)})"
    if lo:
        return f"undated (not before {_day(lo)})"
    if hi:
        return f"undated (not after {_day(hi)})"
    return "undated"


def published_range(story: Story) -> tuple[Optional[date], Optional[date]]:
    """First and last publication day among articles dated to the day (a year-only date is no day)."""
    days = [a.published.earliest for a in story.articles if a.published.precision == "day"]
    return (min(days), max(days)) if days else (None, None)


def provenance(published: PublicationDate) -> str:
    said = {"metadata": "from metadata", "text": "stated in the text", "inferred": "inferred from the text",
            "unknown": "unknown"}[published.source]
    if published.likely and published.earliest != published.latest:
        said += f", most likely {published.likely.strftime('%a')} {_day(published.likely)}"
    return said


class Labels:
    """Short article labels (A1, A2 ...) in the story's article order, and sentence anchors."""

    def __init__(self, story: Story):
        self.by_id = {a.id: f"A{i}" for i, a in enumerate(story.articles, start=1)}
        self.articles = {a.id: a for a in story.articles}
        self.actor_names = {a.id: a.name for a in story.actors}

    def article(self, article_id: str) -> str:
        return self.by_id.get(article_id, article_id[:6])

    def cite(self, article_id: str, sentence: int) -> str:
        return f"{self.article(article_id)}:{sentence}"

    @staticmethod
    def anchor(article_id: str, sentence: int) -> str:
        return f"s-{article_id}-{sentence}"

    def describe(self, article_id: str) -> str:
        """"A3, Kyodo, Thu 19 Dec 2019": enough to know whose sentence a citation is."""
        article = self.articles.get(article_id)
        if article is None:
            return self.article(article_id)
        source = article.outlet or article.agency or "source unknown"
        return f"{self.article(article_id)}, {source}, {when(article.published)}"

    @staticmethod
    def web_url(url: Optional[str]) -> Optional[str]:
        """The article's address when it is a web address; never a javascript: or data: URL."""
        return escape_web_url(url)

    @staticmethod
    def title(article) -> str:
        """The title, or the lead's first words for copy that came without one."""
        if article.title:
            return article.title
        words = article.text.split()
        return " ".join(words[:12]) + ("…" if len(words) > 12 else "")

    def actor(self, actor_id: Optional[str]) -> str:
        return self.actor_names.get(actor_id or "", actor_id or "unknown")


# Plain words for readers instead of the tagger's labels (spaCy's GPE, NORP ...).
PLAIN_LABELS = {
    "PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "building or site",
    "NORP": "group", "EVENT": "named event",
}


def reported_words(cue: str, text: str, cue_first: bool = True) -> tuple[str, str]:
    """Reported speech in the order the article gave it: "said that talks will go on", "urged Japan to comply"; the
    words first when they came first ("The ministers agreed … (said)" for "The ministers agreed …, the official said")."""
    cue = cue or "said"
    return (cue, text) if cue_first else (text, f"({cue})")


def plain_label(label: str) -> str:
    """"GPE" -> "place", "NORP" -> "group"; an unknown label reads in lower case rather than as a code."""
    return PLAIN_LABELS.get(label, label.lower().replace("_", " "))
