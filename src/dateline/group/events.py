"""Events from mentions: mentions of the same day (or month...) that share a person, or that
are the same kind of happening in the same places and countries, are one event. Articles whose
news (an event at most three days before publication) is the same event cover the same event."""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from typing import Optional

from dateline.analyse.events import VERB_TITLED, EventMention, reports_as_news
from dateline.analyse.grammar import and_joined
from dateline.clean.chrome import opening_length
from dateline.settings import AttributionSettings, GroupSettings
from dateline.group.actors import ActorIndex
from dateline.models import ArticleGroup, CitedSentence, Event, PublicationDate
from dateline.temporal.calendar import PRECISION_RANK

KIND_ORDER = ["meeting", "visit", "agreement", "detention", "seizure", "protest", "deployment", "announcement", "statement",
              "other"]


@dataclass
class LocatedMention:
    article: str
    mention: EventMention
    sentence_text: str
    persons: frozenset
    others: frozenset
    actors_in_order: tuple  # actor ids as the sentence names them: ties in prominence keep this order
    speakers: frozenset = frozenset()  # the persons its agent phrase names ("Foreign Minister Taro Kono said")


def _locate(article: str, mention: EventMention, text: str, index: ActorIndex) -> LocatedMention:
    ordered = dict.fromkeys(a for a in (index.lookup(article, name) for name, _label in mention.actors) if a)
    persons = frozenset(a for a in ordered if a.startswith("person:"))
    others = frozenset([a for a in ordered if not a.startswith("person:")] + ["place:" + p.lower() for p in mention.places])
    agent = mention.agent or ""
    speakers = frozenset(a for a in (index.lookup(article, name) for name, label in mention.actors
                                     if label == "PERSON" and name in agent) if a)
    return LocatedMention(article, mention, text, persons, others, tuple(ordered), speakers)


# kinds that name one happening in different words: boats one outlet says were seized, another says were detained
KIND_FAMILY = {"seizure": "detention"}


def _same_kind(a: LocatedMention, b: LocatedMention) -> bool:
    return KIND_FAMILY.get(a.mention.kind, a.mention.kind) == KIND_FAMILY.get(b.mention.kind, b.mention.kind)


# kinds that are said about an occasion rather than being one: they join an occasion only as part of it
SAID_KINDS = {"statement", "announcement", "other"}


def _same_occasion(a: LocatedMention, b: LocatedMention) -> bool:
    """Two mentions of one day sharing a person: one occasion, unless both are statements by different
    speakers, or one is a statement naming people who are not all part of the other ("Motegi said he had a substantive discussion with Lavrov" joins
    their meeting; a deputy minister's statement that day, naming the ministers, is not their meeting)."""
    said_a, said_b = a.mention.kind in SAID_KINDS, b.mention.kind in SAID_KINDS
    if said_a and said_b and a.speakers and b.speakers:
        return bool(a.speakers & b.speakers)  # two people's statements that day are two statements
    if said_a == said_b or _same_kind(a, b):
        return True
    said, occasion = (a, b) if said_a else (b, a)
    return said.persons <= occasion.persons


def _same_event(a: LocatedMention, b: LocatedMention, same_date: bool = True) -> bool:
    if same_date and (a.mention.date.value, a.mention.date.precision) != (b.mention.date.value, b.mention.date.precision):
        return False
    if a.mention.date.precision == "none" or b.mention.date.precision == "none":
        return a.article == b.article and bool(a.persons & b.persons)  # undated: only within one article
    if a.article == b.article and (a.mention.refers_to == b.mention.sentence or b.mention.refers_to == a.mention.sentence):
        return True  # one was dated by the other: the same occasion
    if a.persons & b.persons:
        return _same_occasion(a, b)
    places_a = {p for p in a.others if p.startswith("place:")}
    places_b = {p for p in b.others if p.startswith("place:")}
    if places_a & places_b:
        # the same day in the same city: one occasion if it is the same kind of thing, or one side names no one
        unnamed = not (a.persons or a.others - places_a) or not (b.persons or b.others - places_b)
        return _same_kind(a, b) or unnamed
    if a.article == b.article and a.mention.kind == b.mention.kind == "meeting" and a.mention.date.precision == "day":
        return True  # one article's meetings on one day are one meeting
    one_side_unnamed = not a.persons or not b.persons
    return one_side_unnamed and _same_kind(a, b) and bool(a.others & b.others)


# what the participants do, in the words of a title: (one does, several do)
TITLE_VERBS = {
    "meeting": ("holds talks", "meet"), "visit": ("visits", "visit"), "agreement": ("agrees", "agree"),
    "detention": ("detains", "detain"), "seizure": ("seizes", "seize"), "announcement": ("makes an announcement", "announce"),
    "statement": ("makes a statement", "make a statement"), "protest": ("protests", "protest"),
    "deployment": ("deploys", "deploy"),
}
ACTS_ON = {"detention", "seizure"}  # kinds whose title names who did it to whom


_PHRASE_END = {"from", "in", "of", "at", "on", "with", "near", "off", "for", "to", "by"}


# plural nouns that do not end in -s ("people gather", "police clear"), and singular ones that do ("the news
# comes", "the crisis deepens", "the virus spreads")
PLURAL_WITHOUT_S = {"people", "police", "children", "men", "women", "personnel", "cattle", "folk", "clergy"}
SINGULAR_WITH_S = {"news", "series", "species", "means", "physics", "economics", "politics", "aids"}
# names of one country or body that end in -s ("the United States has", "the Philippines says")
ONE_NAMED_IN_PLURAL = {"States", "Nations", "Emirates", "Philippines", "Netherlands", "Bahamas", "Maldives", "Seychelles"}


def _plural(phrase: Optional[str]) -> bool:
    """Whether a noun phrase takes a plural verb: its head (the last word before any prepositional phrase) is a plural
    ("-s", "people", "gunmen"), or it joins two ("Norway and Iceland")."""
    words = (phrase or "").split()
    head = next((i for i, w in enumerate(words) if w in _PHRASE_END), len(words))
    words = words[:head]
    if "and" in words:
        return True
    last = words[-1] if words else ""
    low = last.lower()
    if low in PLURAL_WITHOUT_S or low.endswith("men") and len(low) > 4:  # gunmen (Yemen is a name: see _names_one)
        return True
    if low in SINGULAR_WITH_S or last in ONE_NAMED_IN_PLURAL or last.islower() and last.endswith(("is", "us")):
        return False
    return last.endswith("s") and not last.endswith(("ss", "'s", "’s"))


def _names_one(phrase: Optional[str], names: list[str]) -> bool:
    """Whether the phrase is a name of one ("the United States", "the Philippines", "Thomas Mathews"), which takes a
    singular verb however it ends."""
    words = (phrase or "").split()
    if words[:1] and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and "and" not in words and " ".join(words) in names


def _takes_plural(phrase: Optional[str], names: list[str]) -> bool:
    """Whether the phrase takes a plural verb: by its ending (`_plural`), unless it names one actor."""
    return _plural(phrase) and not _names_one(phrase, names)


def _inflected(action: str, plural: bool) -> str:
    """A verb's lemma in a title's present tense: "meet" for several, "returns", "raises", "hands over" for one."""
    verb, _, rest = action.partition(" ")
    if not plural:
        if verb.endswith(("s", "sh", "ch", "x", "z", "o")):
            verb += "es"
        elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
            verb = verb[:-1] + "ies"
        else:
            verb += "s"
    return f"{verb} {rest}".strip()


def _capitalised(text: str) -> str:
    """A title opens with a capital, whatever the phrase it starts with ("the ferry" -> "The ferry")."""
    return text[:1].upper() + text[1:]


def _action_title(action: str, subject: str, plural: bool, theme: Optional[str], places: list[str],
                  negated: bool = False) -> str:
    """"Exporters welcome news in Bergen": who did what, for an event of no known kind; "Rebels do not retake town"
    where the text says it did not happen."""
    goal = re.match(r"^(.+?) (to (.+))$", action)
    if theme and goal and goal.group(3) in places:  # "bring to Bergen" + "snow": "brings snow to Bergen"
        action, theme = goal.group(1), f"{theme} {goal.group(2)}"
    verb = f"{'do' if plural else 'does'} not {action}" if negated else _inflected(action, plural)
    text = f"{subject} {verb}" + (f" {theme}" if theme else "")
    if places and places[0] not in text:
        text += f" in {places[0]}"
    return _capitalised(text)


def _names_speaker(name: str, agent: Optional[str]) -> bool:
    """Whether a statement's agent phrase names the actor: the whole name as words, or its last word ("Lavrov"),
    so that "the Icelandic ministry" does not name Iceland."""
    return bool(agent) and (re.search(rf"\b{re.escape(name)}\b", agent) is not None or name.split()[-1] in agent.split())


def _speaker(named: list[str], agent: Optional[str], plural: bool) -> tuple[str, bool]:
    """Who made a statement, and whether several did: the names the statement's agent phrase holds, else that phrase
    ("a U.S. general"), not the others the sentence names: they are spoken of."""
    speakers = [n for n in named if _names_speaker(n, agent)]
    speaker = and_joined(speakers) if speakers else agent or and_joined(named)
    return speaker, len(speakers) > 1 if speakers else plural if agent else len(named) > 1


def _said_title(said: str, named: list[str], agent: Optional[str], plural: bool) -> str:
    """Who said what: "Mike Mullen says U.S.-led mission has imposed no-fly zone"."""
    speaker, several = _speaker(named, agent, plural)
    return _capitalised(f"{speaker} {'say' if several else 'says'} {said}")


# a quotation in a sentence: “...” or "..."
_QUOTATION = re.compile(r"[\u201c\"]([^\u201c\u201d\"]+)[\u201d\"]")


def _quoted_title(sentence: str, named: list[str], agent: Optional[str], plural: bool, max_words: int) -> Optional[str]:
    """A statement the sentence quotes, as news headlines give one: 'Sigurður Bjarnason: “We are going to Bergen
    with an open mind and a long memory”'. Only a sentence with one quotation of four words or more: with two, whose
    is which the title could not say."""
    quotes = _QUOTATION.findall(sentence)
    if len(quotes) != 1 or len(quotes[0].split()) < 4:
        return None
    words = quotes[0].strip().rstrip(",;:").split()
    said = " ".join(words) if len(words) <= max_words else " ".join(words[:max_words]).rstrip(",;:.") + "\u2026"
    return f"{_capitalised(_speaker(named, agent, plural)[0])}: \u201c{_capitalised(said)}\u201d"


def event_title(kind: str, actor_ids: list[str], places: list[str], index: ActorIndex,
                agent: Optional[str] = None, theme: Optional[str] = None, action: Optional[str] = None,
                phrase: Optional[str] = None, said: Optional[str] = None, negated: bool = False) -> str:
    """A line in plain words: "Toshimitsu Motegi and Sergey Lavrov meet in Moscow", "Shinzo Abe visits
    Moscow", "Russian border guards detain five Japanese fishing boats off Hokkaido"."""
    return _titled(kind, actor_ids, places, index, agent, theme, action, phrase, said, negated)[0]


def _titled(kind: str, actor_ids: list[str], places: list[str], index: ActorIndex,
            agent: Optional[str] = None, theme: Optional[str] = None, action: Optional[str] = None,
            phrase: Optional[str] = None, said: Optional[str] = None, negated: bool = False,
            sentence: str = "", max_words: int = 0) -> tuple[str, bool]:
    """The title, and whether it tells what happened: an event of no known kind with neither a verb and its subject
    nor words of the text for it gets only who or where ("Bill Keller", "Event in Misrata"). A statement whose words
    the sentence quotes (`sentence`, `max_words`) is titled by them rather than "makes a statement"."""
    actors = [index.get(a) for a in actor_ids]
    persons = [a.name for a in actors if a and a.type == "PERSON"][:4]
    sides = [a.name for a in actors if a and a.type not in ("PERSON", "NORP")][:3]
    named = persons or sides
    singular = [a.name for a in actors if a and a.type != "NORP"]
    plural = _takes_plural(agent, singular)
    if kind == "meeting" and len(persons) == 1 and len(sides) >= 2:
        named = sides  # a meeting has two sides: "Iceland and Norway meet", not "Kari Lundgren holds talks" with no one
    if kind == "statement" and agent:  # the one who spoke, not those the statement or its setting names: when the
        named = [n for n in named if _names_speaker(n, agent)]  # agent phrase names none, it is the speaker
    place = f" in {places[0]}" if places else ""
    if kind == "statement" and said and (named or agent):  # "Mike Mullen says U.S.-led mission has imposed no-fly zone"
        return _said_title(said, named, agent, plural), True
    quoted = kind == "statement" and max_words and (named or agent) and _quoted_title(sentence, named, agent, plural, max_words)
    if quoted:
        return quoted, True
    if kind in ACTS_ON and (agent or theme):
        if theme:
            text = f"{agent} {TITLE_VERBS[kind][1 if plural else 0]} {theme}" if agent else \
                f"{theme} {'detained' if kind == 'detention' else 'seized'}"
        else:
            text = f"{agent} {TITLE_VERBS[kind][1 if plural else 0]}"
        return _capitalised(text) + place, True
    # "Igor Morgulov summons Toyohisa Kozuki"; a statement by what it urged or called for, when the text says what
    if (kind in VERB_TITLED or kind == "statement" and theme) and action and agent:
        return _action_title(action, agent, plural, theme, places, negated), True
    if kind in TITLE_VERBS and named:
        one, several = TITLE_VERBS[kind]
        if kind == "visit" and places:
            return f"{and_joined(named)} {one if len(named) == 1 else several} {places[0]}", True
        return f"{and_joined(named)} {one if len(named) == 1 else several}{place}", True
    if kind == "statement" and agent and not named:  # "the Icelandic fisheries ministry said": a speaker with no name
        return _capitalised(f"{agent} {TITLE_VERBS[kind][1 if plural else 0]}{place}"), True
    if kind == "other" and action and agent:  # the verb's own subject: names elsewhere in the clause did not do it
        return _action_title(action, agent, plural, theme, places, negated), True
    if phrase and (kind == "other" or not named):  # "Tokyo’s surrender", "working-level talks": the text's own words
        return _capitalised(phrase + (f" in {places[0]}" if places and places[0] not in phrase else "")), True
    if named:
        return f"{and_joined(named)}{place}", kind != "other"
    return f"{kind.capitalize() if kind != 'other' else 'Event'}{place}", kind != "other"


def cluster_events(
    mentions: list[tuple[str, EventMention, str]],
    index: ActorIndex,
    rules: GroupSettings = GroupSettings(),
) -> list[Event]:
    """`mentions`: (article id, mention, text of the mention's sentence)."""
    located = [_locate(a, m, t, index) for a, m, t in mentions]
    parent = list(range(len(located)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # only mentions of the same date can be one event: compare within a date, not across the corpus
    by_date: dict[tuple, list[int]] = {}
    for i, item in enumerate(located):
        by_date.setdefault((item.mention.date.value, item.mention.date.precision), []).append(i)
    for members in by_date.values():
        for n, i in enumerate(members):
            for j in members[n + 1:]:
                if find(i) != find(j) and _same_event(located[i], located[j]):
                    parent[find(j)] = find(i)

    # a mention known only to the week or month ("talks in Bergen in early March") is the day-dated
    # event of its kind or its people inside its interval, when exactly one such event fits it (exporters welcoming
    # news in the same city that month are no meeting)
    for i, item in enumerate(located):
        d = item.mention.date
        if d.precision not in ("week", "month") or d.earliest is None or d.latest is None:
            continue
        fits = set()
        for offset in range((d.latest - d.earliest).days + 1):
            day = (d.earliest + timedelta(days=offset)).isoformat()
            for j in by_date.get((day, "day"), []):
                other = located[j]
                if (_same_kind(item, other) or item.persons & other.persons) and _same_event(item, other, same_date=False):
                    fits.add(find(j))
        if len(fits) == 1:
            parent[find(i)] = fits.pop()

    clusters: dict[int, list[LocatedMention]] = {}
    for i, item in enumerate(located):
        clusters.setdefault(find(i), []).append(item)

    events = []
    for members in clusters.values():
        members.sort(key=lambda m: (m.article, m.mention.sentence))
        kinds = Counter(m.mention.kind for m in members)
        kind = min(kinds, key=lambda k: (-kinds[k], KIND_ORDER.index(k) if k in KIND_ORDER else 99))
        actor_counts: Counter = Counter()
        places: list[str] = []
        for m in members:
            actor_counts.update(m.actors_in_order)
            places += [p for p in m.mention.places if p not in places]
        best = max(members, key=lambda m: (len(m.persons) + len(m.others), -m.mention.sentence, -len(m.sentence_text)))
        dated = min(members, key=lambda m: PRECISION_RANK[m.mention.date.precision])
        citations = []
        seen = set()
        for m in members:
            key = (m.article, m.mention.sentence)
            if key not in seen:
                seen.add(key)
                citations.append(CitedSentence(text=m.sentence_text, article=m.article, sentence=m.mention.sentence))
        digest = hashlib.sha1(
            (str(dated.mention.date.value) + "|" + "|".join(f"{c.article}:{c.sentence}" for c in citations)).encode()
        ).hexdigest()[:10]
        actor_ids = [a for a, _ in actor_counts.most_common()]
        events.append(Event(
            id=f"evt-{digest}",
            kind=kind,
            date=dated.mention.date,
            title=_title(best, kind, actor_ids, places, index, rules.title_words),
            summary=best.sentence_text,
            actors=actor_ids,
            places=places,
            articles=sorted({m.article for m in members}),
            citations=citations,
            date_evidence=dated.mention.date_evidence,
        ))
    events.sort(key=lambda e: (e.date.earliest is None, e.date.earliest, e.date.latest, e.id))
    return events


def _title(best: LocatedMention, kind: str, actor_ids: list[str], places: list[str], index: ActorIndex,
           max_words: int) -> str:
    """The event's title, in the words of the mention that tells it best (its summary sentence). Where that mention is
    of another kind than most of the event's ("President Obama met with leaders of Congress on Friday" among that day's
    other news of him), it is titled as what it tells, with the actors and places it names, not as a list of every name
    the day's mentions hold ("Barack Obama, Muammar Gaddafi and Mike Rogers in Libya"). Where the mention gives no
    words for what happened, the sentence itself, cut to a headline's length, is the title."""
    m = best.mention
    if m.kind != kind:
        kind, actor_ids, places = m.kind, list(best.actors_in_order), m.places
    title, tells = _titled(kind, actor_ids, places, index, m.agent, m.theme, m.action, m.phrase, m.said, m.negated,
                           best.sentence_text, max_words)
    return title if tells else _headline(best.sentence_text, max_words) or title


_CLAUSE_END = re.compile(r"[,;:]$")
# words that open a phrase or clause put before the sentence's own subject
_FRONTED = {"in", "after", "before", "while", "as", "when", "if", "since", "on", "at", "during", "despite", "although",
            "though", "with", "without", "for", "by", "from", "following", "amid", "under", "once", "until", "because"}


def _headline(sentence: str, max_words: int) -> str:
    """The sentence as a headline: its wire opening dropped, cut at the last clause break within `max_words` words
    ("Four children in the same family were among 13 civilians killed in Misrata fighting Tuesday, ..."), or after
    them with an ellipsis; whole, without its full stop, when it is that short."""
    sentence = sentence.strip()
    words = sentence[opening_length(sentence) or 0:].rstrip(" .").split()  # "Tripoli, Libya (CNN) -- " dropped
    if not words:
        return ""
    if len(words) <= max_words:
        return _capitalised(" ".join(words))
    breaks = [i for i in range(max_words // 2, max_words) if _CLAUSE_END.search(words[i - 1])]
    if words[0].lower() in _FRONTED:  # "In an e-mail Monday to CNN, Addario called ...": the first break ends a fronted
        first = next((i for i in range(1, len(words)) if _CLAUSE_END.search(words[i - 1])), None)  # phrase, not the clause
        breaks = [i for i in breaks if first is not None and i > first]
    if breaks:
        return _capitalised(" ".join(words[:breaks[-1]]).rstrip(",;:"))
    return _capitalised(" ".join(words[:max_words]).rstrip(",;:")) + "\u2026"


def same_event_groups(events: list[Event], published: dict[str, PublicationDate],
                      duplicates: Optional[dict[str, str]] = None, news_window_days: int = AttributionSettings().news_window_days) -> list[ArticleGroup]:
    """Articles that report the same event as news; copies of an article are grouped apart."""
    duplicates = duplicates or {}
    groups: list[ArticleGroup] = []
    covered: dict[str, int] = {}
    for event in events:
        reporting = sorted({
            a for a in event.articles
            if a in published and a not in duplicates and reports_as_news(event.date, published[a], news_window_days)
        })
        if len(reporting) < 2:
            continue
        existing = {covered[a] for a in reporting if a in covered}
        if existing:
            target = groups[min(existing)]
            target.articles = sorted(set(target.articles) | set(reporting))
            for a in reporting:
                covered[a] = min(existing)
            continue
        digest = hashlib.sha1("|".join(reporting).encode()).hexdigest()[:10]
        groups.append(ArticleGroup(id=f"grp-{digest}", kind="same-event", articles=reporting, event=event.id))
        for a in reporting:
            covered[a] = len(groups) - 1
    return groups
