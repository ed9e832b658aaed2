"""The one data model every stage reads and writes.

Pydantic models so that the export (story.json) and its JSON Schema come from
the same definitions the pipeline uses; nothing is described twice.
"""
from __future__ import annotations

from datetime import date as Day
from typing import Literal, Optional

from pydantic import BaseModel, Field

Precision = Literal["day", "week", "month", "quarter", "season", "year", "decade", "none"]
DateSource = Literal["metadata", "text", "inferred", "unknown"]


class TimeValue(BaseModel):
    """A point in time known only to some precision, with the interval it may lie in.

    `value` is ISO-like and as long as the precision allows ("2019-12-19",
    "2019-W51", "2019-12", "2019-Q3", "2019-SU" (TimeML's season codes SP, SU, FA, WI),
    "2019", "201X"); it is null when nothing could be
    resolved. `earliest`/`latest` bound the possible days even when the
    value itself is unknown.
    """

    value: Optional[str] = None
    precision: Precision = "none"
    earliest: Optional[Day] = None
    latest: Optional[Day] = None


class PublicationDate(BaseModel):
    """When an article was published, where that knowledge came from, and how sure it is."""

    date: Optional[str] = None
    precision: Precision = "none"
    earliest: Optional[Day] = None
    latest: Optional[Day] = None
    source: DateSource = "unknown"
    evidence: list[str] = Field(default_factory=list)

    def sort_day(self) -> Optional[Day]:
        """The day to order by: the middle of the interval, so "2019" sorts mid-year, not on 1 January."""
        if self.earliest and self.latest:
            return self.earliest + (self.latest - self.earliest) / 2
        return self.earliest or self.latest

    def as_time_value(self) -> TimeValue:
        return TimeValue(value=self.date, precision=self.precision, earliest=self.earliest, latest=self.latest)


class RemovedLine(BaseModel):
    """A line cut from the raw text, kept so a reader can check what cleaning threw away."""

    line: int = Field(description="1-based line number in the raw text")
    text: str
    reason: str


class Sentence(BaseModel):
    index: int
    text: str
    start: int
    end: int


class EntityMention(BaseModel):
    text: str
    label: str
    sentence: int
    start: int
    end: int
    actor: Optional[str] = None


class TimeExpression(BaseModel):
    """A temporal expression found in the text and, where possible, its calendar value."""

    text: str
    sentence: int
    start: int
    end: int
    kind: Literal["date", "duration", "set", "unresolved"] = "date"
    direction: Literal["past", "future", "none"] = "none"
    resolved: TimeValue = Field(default_factory=TimeValue)


class Quote(BaseModel):
    speaker: Optional[str] = Field(None, description="actor id, or null when no speaker could be found")
    speaker_text: Optional[str] = Field(None, description="the words in the text naming the speaker")
    text: str
    article: str
    sentence: int
    partial: bool = Field(False, description="a quoted phrase inside reported speech rather than a full quote")


class Article(BaseModel):
    id: str
    path: str
    url: Optional[str] = None
    title: Optional[str] = None
    outlet: Optional[str] = None
    agency: Optional[str] = None
    published: PublicationDate = Field(default_factory=PublicationDate)
    text: str
    removed_lines: list[RemovedLine] = Field(default_factory=list)
    duplicate_of: Optional[str] = None
    event_group: Optional[str] = Field(None, description="id of the group of articles covering the same event")
    encoding: Optional[str] = None
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[EntityMention] = Field(default_factory=list)
    time_expressions: list[TimeExpression] = Field(default_factory=list)


class Actor(BaseModel):
    id: str
    name: str
    type: str = Field(description="PERSON, ORG, GPE, LOC, NORP or FAC (spaCy labels)")
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    mentions: int = 0
    articles: list[str] = Field(default_factory=list)


class Citation(BaseModel):
    article: str
    sentence: int


class CitedSentence(BaseModel):
    text: str
    article: str
    sentence: int


class BriefingLine(CitedSentence):
    """A briefing line: the sentence as written, cited, with the date it speaks of."""

    date: Optional[TimeValue] = Field(None, description="the day (or coarser time) the line speaks of; null when unknown")
    role: Literal["latest", "turning point", "context"] = Field(
        "context", description="'latest': the state of affairs it opens with; 'turning point': a day that changed the story")


class Event(BaseModel):
    """Something that happened (or is planned) at a time, with who took part and where."""

    id: str
    kind: str
    date: TimeValue
    title: str = Field("", description="who, what and where in a line, from the fields below: 'Meeting: Motegi, Lavrov in Moscow'")
    summary: str = Field(description="the sentence that reports the event best, as written (it is among the citations)")
    actors: list[str] = Field(default_factory=list)
    places: list[str] = Field(default_factory=list)
    articles: list[str] = Field(default_factory=list)
    citations: list[CitedSentence] = Field(default_factory=list)
    date_evidence: Optional[str] = None


class TimelineEntry(BaseModel):
    date: TimeValue
    event: Optional[str] = None
    sentences: list[CitedSentence]


class SourceCoverage(BaseModel):
    """What one outlet or wire agency reported, and the names it used."""

    name: str
    kind: Literal["outlet", "agency", "unknown"]
    articles: list[str]
    events: list[str] = Field(default_factory=list)
    actors: list[str] = Field(default_factory=list)
    place_names: list[str] = Field(default_factory=list)


class ArticleGroup(BaseModel):
    id: str
    kind: Literal["duplicate", "same-event"]
    articles: list[str]
    event: Optional[str] = None


class SkippedInput(BaseModel):
    path: str
    reason: str


class Story(BaseModel):
    generated_at: str
    articles: list[Article]
    actors: list[Actor]
    quotes: list[Quote]
    events: list[Event]
    timeline: list[TimelineEntry]
    briefing: list[BriefingLine]
    sources: list[SourceCoverage]
    groups: list[ArticleGroup]
    skipped: list[SkippedInput] = Field(default_factory=list)
    background: list[TimelineEntry] = Field(
        default_factory=list, description="years, decades and days long before the coverage that the articles recall, in date order")
    topic: list[str] = Field(default_factory=list, description="the terms and actors the story is about (given or inferred)")
    off_topic: list[str] = Field(default_factory=list, description="ids of articles left out of the timeline and briefing as off the topic")
