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
    likely: Optional[Day] = Field(None, description="the most likely day inside an inferred interval, when the evidence favours one")

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
    type: Optional[Literal["DATE", "TIME", "DURATION", "SET"]] = Field(
        None, description="TimeML TIMEX3 type; null where the TIMEX3 tagger did not read the expression")
    value: Optional[str] = Field(
        None, description="TimeML TIMEX3 value: 2019-12-19, 2019-W51, 2019-Q4, 2019-SU, 201 (a decade), "
        "2019-12-19T15:00, 2019-12-19TEV, P3Y, PT2H, XXXX-WXX-1, PRESENT_REF/PAST_REF/FUTURE_REF")
    mod: Optional[str] = Field(None, description="TimeML TIMEX3 mod: START, MID, END, APPROX, MORE_THAN, LESS_THAN...")
    anchor: Optional[str] = Field(
        None, description="value of the time the expression was resolved against: the publication date or an earlier expression")


class Quote(BaseModel):
    speaker: Optional[str] = Field(None, description="actor id, or null when no speaker could be found")
    speaker_text: Optional[str] = Field(None, description="the words in the text naming the speaker")
    text: str
    article: str
    sentence: int
    partial: bool = Field(False, description="a quoted phrase inside reported speech rather than a full quote")
    cue: str = Field("", description="the words that attribute it: 'said', 'according to', 'believes'")
    direct: bool = Field(True, description="the speaker's own words in quotation marks; false for reported speech")
    cue_first: bool = Field(True, description="the cue stands before what was said ('said that ...'); false when "
                                              "the words come first ('..., the official said')")
    start: Optional[int] = Field(None, description="character offset of the content in the article's text")
    end: Optional[int] = Field(None, description="end offset of the content in the article's text")
    speakers: list[str] = Field(default_factory=list, description="actor ids of every person who said it: several for "
                                "a joint source ('Kishida and Lavrov agreed', 'the two ministers confirmed'), where "
                                "speaker is null; empty when no speaker is known")

    def speaker_ids(self) -> list[str]:
        """Everyone who said it, as actor ids (a store written before `speakers` existed has `speaker` only)."""
        return self.speakers or ([self.speaker] if self.speaker else [])


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


class RoleSpan(BaseModel):
    """A title an actor is given, and the first and last publication dates that give it."""

    role: str
    first: str
    last: str


class Actor(BaseModel):
    id: str
    name: str
    type: str = Field(description="PERSON, ORG, GPE, LOC, NORP or FAC (spaCy labels)")
    label: str = Field("", description="the type in plain words: person, organisation, place, group or event")
    aliases: list[str] = Field(default_factory=list)
    roles: list[str] = Field(default_factory=list)
    role_dates: list[RoleSpan] = Field(default_factory=list, description="when each role is attested (publication dates)")
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
    title: str = Field("", description="who, what and where in a line, from the fields below: 'Toshimitsu Motegi and Sergey Lavrov meet in Moscow'")
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
    first_reported: dict[str, str] = Field(default_factory=dict, description="event id -> the first day this source reported it")
    quoted: dict[str, int] = Field(default_factory=dict, description="actor id -> how many quotes this source gives them")


class NameUse(BaseModel):
    """One name of a place or person, and the outlets and agencies whose articles use it."""

    name: str
    sources: list[str] = Field(default_factory=list)
    said_to_be_used_by: list[str] = Field(default_factory=list, description="whom the text says calls it so: 'Tokyo', 'Russia'")


class NamingDifference(BaseModel):
    """Names that stand for one place or person, and who uses which: the text's own statement
    ('called the Northern Territories by Tokyo and the Southern Kurils by Moscow') or the spellings of one actor."""

    kind: Literal["naming", "spelling"]
    actor: Optional[str] = Field(None, description="actor id, for the spellings of one actor")
    names: list[NameUse]
    evidence: list[CitedSentence] = Field(default_factory=list)


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
    naming: list[NamingDifference] = Field(default_factory=list, description="names of one place or person, by who uses them")
    mentioned_once: list[Actor] = Field(
        default_factory=list, description="names met once in passing, with no role, quote or event: listed apart from the story's actors")
    background: list[TimelineEntry] = Field(
        default_factory=list, description="years, decades and days long before the coverage that the articles recall, in date order")
    topic: list[str] = Field(default_factory=list, description="the terms and actors the story is about (given or inferred)")
    off_topic: list[str] = Field(default_factory=list, description="ids of articles left out of the timeline and briefing as off the topic")


# -- What the analysers find in one article, before corpus-level merging ---------------------------
# Plain data, so the store, the web app and the group stage read it without importing spaCy.


class QuoteMention(BaseModel):
    text: str
    sentence: int
    speaker_text: Optional[str] = None
    speaker_is_person: bool = False
    partial: bool = False
    cue: str = ""
    direct: bool = True
    cue_first: bool = True
    start: Optional[int] = None
    end: Optional[int] = None
    speakers: list[str] = Field(default_factory=list, description="each person of a joint source, by name")


class EventMention(BaseModel):
    sentence: int
    kind: str
    date: TimeValue
    date_evidence: str
    actors: list[tuple[str, str]] = Field(default_factory=list, description="(text, label)")
    places: list[str] = Field(default_factory=list)
    agent: Optional[str] = Field(None, description="who did it, as the sentence says: 'Russian border guards'")
    theme: Optional[str] = Field(None, description="to whom or what: 'five Japanese fishing boats'")
    action: Optional[str] = Field(None, description="what was done, for an event of no known kind: the verb's lemma, "
                                                    "particle and destination, 'raise', 'hand over', 'return to Japan'")
    phrase: Optional[str] = Field(None, description="the event in the text's own words, for one of no known kind "
                                                    "that no verb and subject tell: 'Tokyo’s surrender', "
                                                    "'sanctions resolution adopted'")
    said: Optional[str] = Field(None, description="what a statement said, in the text's own words cut to the reported "
                                                  "clause's subject, verb and object: 'U.S.-led military mission has "
                                                  "imposed no-fly zone'")
    refers_to: Optional[int] = Field(None, description="sentence of the mention this one was dated by: the same event")
    negated: bool = Field(False, description="the text says it did not happen ('rebels did not retake the town'): "
                                             "the title says so, and a meeting or agreement that did not happen is "
                                             "no meeting or agreement")


class ArticleAnalysis(BaseModel):
    """What the analysers found in one article, before corpus-level merging gives actors ids."""

    published: PublicationDate
    sentences: list[Sentence] = Field(default_factory=list)
    entities: list[EntityMention] = Field(default_factory=list)
    time_expressions: list[TimeExpression] = Field(default_factory=list)
    quotes: list[QuoteMention] = Field(default_factory=list)
    events: list[EventMention] = Field(default_factory=list)
    roles: dict[str, list[str]] = Field(default_factory=dict, description="person name as written -> titles seen")


def reporting_outlets(articles: list[Article]) -> set[str]:
    """The outlets and wire agencies the collection's articles come from, lowercased: the ones telling the story."""
    return {name.lower() for a in articles for name in (a.outlet, a.agency) if name}


def story_actors(actors: list[Actor], outlets: set[str]) -> list[Actor]:
    """The actors of the story, without the outlets and agencies that report it: "CNN" named in its own credits and
    datelines ("CNN's Arwa Damon contributed") is no actor of the Libyan war, though it is mentioned 40 times."""
    return [a for a in actors if not ({n.lower() for n in [a.name, *a.aliases]} & outlets)]
