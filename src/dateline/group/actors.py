"""Merge name variants into actors: "Lavrov", "Sergey Lavrov" and "Sergei Lavrov" are one person.

People are keyed by surname; full names under one surname merge when their given names
are spelling variants of each other (transliterations differ by a letter or two), and a
bare surname joins the person most often named with it, preferring one named in the same
article. Organisations and places merge on a normalised form and on acronyms
("U.S." / "US" / "United States"). A name the tagger labelled ORG or GPE that is a known
person's name as written elsewhere is taken as that person.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Optional

from dateline.analyse.gazetteer import is_place_name, one_place
from dateline.analyse.roles import holds_title, title_key
from dateline.models import Actor, RoleSpan
from dateline.settings import GroupSettings

DEFAULT_RULES = GroupSettings()
ACTOR_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")
PLACE_TYPES = ("GPE", "LOC", "FAC")
# the words a reader knows, for the model's labels
PLAIN_LABELS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "place",
                "NORP": "group", "EVENT": "event"}
ARTEFACT = re.compile(r"-[LR][RSC]B-|``|''|[<>{}|\\]")


def is_noise(name: str) -> bool:
    """A name no reader would call an actor: a tokenizer artefact, no letters, a lone letter, a
    lower-case fragment or one ending in a function word ("Benghazi and")."""
    words = name.split()
    if not words or ARTEFACT.search(name) or not any(c.isalpha() for c in name) or len(name.strip(".")) < 2:
        return True
    if not any(c.isupper() for c in name):
        return True
    return words[-1].lower() in FRAGMENT_ENDS or words[0].lower() in FRAGMENT_STARTS


NAME_PARTICLES = {"von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "dos", "das", "la", "le", "bin",
                  "ibn", "al", "el", "ter", "ten", "y", "e", "of", "and", "for", "the", "on", "in", "at", "to", "a"}


def is_fragment(name: str, max_words: int = DEFAULT_RULES.max_name_words) -> bool:
    """A name seen once that reads as a piece of a sentence: a lower-case word that is no particle
    ("Benghazi protesters"), a digit, or too many words."""
    words = name.split()
    lower = [w for w in words if w[:1].islower() and w.lower() not in NAME_PARTICLES and not w.startswith(("al-", "el-"))]
    headline = name.isupper() and any(len(w.strip(".-")) >= 5 for w in words) and len(words) > 1  # "QATARI PLANE JOINS"
    return bool(lower) or headline or any(c.isdigit() for c in name) or len(words) > max_words


FRAGMENT_ENDS = {"and", "or", "of", "the", "for", "to", "in", "on", "at", "by", "with", "'s", "’s"}
FRAGMENT_STARTS = {"and", "or", "of", "but", "for", "to", "in", "on", "at", "by", "with"}


# letters that Unicode does not decompose into a base letter and a mark: written out as readers of the language would
# ("Sigurður" -> "sigurdur", not "sigurur")
_WRITTEN_OUT = str.maketrans({"ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O",
                              "œ": "oe", "Œ": "Oe", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss", "ı": "i"})


def slug(text: str) -> str:
    """An id's readable part: the name in lower-case ASCII letters and digits, joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(_WRITTEN_OUT)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "x"


def name_key(text: str) -> str:
    s = unicodedata.normalize("NFKC", text).lower().replace(".", "").replace("’", "'")
    s = re.sub(r"^the\s+", "", s)
    return re.sub(r"\s+", " ", s).strip()


def group_key(name: str, label: str) -> str:
    """Names of one body or group that differ only in word order ("National Transitional Council" /
    "Transitional National Council") or number ("Libyan" / "Libyans") share a key."""
    words = name_key(name).split()
    if label == "NORP" and len(words) == 1 and words[0].endswith("s") and len(words[0]) > 4:
        words = [words[0][:-1]]
    if label == "ORG" and len(words) > 2:
        words = sorted(words)
    return label + ":" + " ".join(words)


# words that open a name without being part of it
TITLE_WORDS = {
    "minister", "president", "premier", "secretary", "ambassador", "chancellor", "spokesman", "spokeswoman", "spokesperson",
    "governor", "senator", "chairman", "chairwoman", "director", "chief", "mayor", "king", "queen", "prince", "emperor",
    "envoy", "commissioner", "leader", "speaker", "judge", "general", "admiral", "colonel", "captain", "sheikh", "emir",
    "mr", "mrs", "ms", "dr", "col", "gen", "lt", "sgt", "sen", "rep", "gov", "rebel", "foreign", "prime", "deputy",
    "vice", "former", "late", "crown", "supreme",
}


GENERATIONS = {"jr", "sr", "ii", "iii", "iv"}


def untitled(name: str) -> str:
    """A person's name without the titles the tagger kept in front of it ("Colonel Gaddafi", "Mr. Obama")."""
    words = name.split()
    while len(words) > 1 and words[0].lower().rstrip(".") in TITLE_WORDS:
        words = words[1:]
    return " ".join(words)


def name_parts(name: str) -> list[str]:
    """A person's name as given names and surname last: untitled, and without a generation after the surname
    ("Samuel Locklear III" is the "Locklear" who speaks next, "Cal Ripken, Jr." the "Ripken")."""
    parts = untitled(name).split()
    if len(parts) > 2 and parts[-1].lower().rstrip(".") in GENERATIONS:
        parts = parts[:-1]
        parts[-1] = parts[-1].rstrip(",")
    return parts


def initials(text: str) -> str:
    words = [w for w in re.split(r"[\s-]+", text) if w and w[0].isupper()]
    return "".join(w[0] for w in words).lower() if len(words) >= 2 else ""


@lru_cache(maxsize=1 << 16)  # called per mention and candidate: a corpus repeats a few thousand names
def surname_key(name: str) -> str:
    """A consonant skeleton under which transliterations of one surname meet: Gadhafi, Gaddafi,
    Qaddafi and Kadhafi are all "kdf". Candidates only: the spellings must still be alike."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[^a-z]", "", s)
    if not s:
        return name.lower()
    for digraph, letter in (("ph", "f"), ("kh", "k"), ("dh", "d"), ("th", "t"), ("sh", "s"), ("ch", "c")):
        s = s.replace(digraph, letter)
    s = re.sub(r"[qgkc]", "k", s)
    s = re.sub(r"[zs]", "s", s)
    s = re.sub(r"[vw]", "f", s)
    head = "a" if s[0] in "aeiouy" else s[0]
    return re.sub(r"(.)\1+", r"\1", head + re.sub(r"[aeiouyh]", "", s[1:]))


@lru_cache(maxsize=1 << 16)  # each bare surname is compared with every person sharing its skeleton, per mention
def surnames_match(a: str, b: str, similarity: float = DEFAULT_RULES.surname_similarity) -> bool:
    return a == b or (surname_key(a) == surname_key(b) and SequenceMatcher(None, a.lower(), b.lower()).ratio() >= similarity)


def given_names_match(a: str, b: str, similarity: float = DEFAULT_RULES.given_name_similarity) -> bool:
    a, b = a.lower().rstrip("."), b.lower().rstrip(".")
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    return SequenceMatcher(None, a, b).ratio() >= similarity


def _without_article(surname: str) -> str:
    """A surname without the Arabic article written onto it: "al-Sayeh" and "el-Sayeh" are "Sayeh"."""
    return re.sub(r"^(?:al|el)[-‐](?=\w)", "", surname, flags=re.I)


@dataclass
class _Cluster:
    type: str
    names: Counter = field(default_factory=Counter)
    articles: set = field(default_factory=set)
    surname: Optional[str] = None
    given: list = field(default_factory=list)
    forenames: set = field(default_factory=set)  # every word before the surname, in any of the full names

    @property
    def mentions(self) -> int:
        return sum(self.names.values())

    def canonical(self) -> str:
        full = [(n, c) for n, c in self.names.items() if len(n.split()) > 1 and n == untitled(n)] \
            or [(n, c) for n, c in self.names.items() if len(n.split()) > 1] or list(self.names.items())
        return max(full, key=lambda nc: (nc[1], len(nc[0]), nc[0]))[0]


def _merge_place_spellings(clusters: list[_Cluster], similarity: float) -> list[_Cluster]:
    """A place written two ways by outlets that transliterate differently ("Kunashir" / "Kunashiri"): one place when
    the one-word names share a consonant skeleton and are near alike letter for letter, unless the gazetteer knows
    both as two places (Suzhou and Suizhou are two cities; Ajdabiya and Ajdabiyah are one city's two spellings). The name most mentioned gathers the others, whatever label the tagger
    gave each (GPE here, LOC there)."""
    places = sorted((c for c in clusters if c.type in PLACE_TYPES and len(c.canonical().split()) == 1),
                    key=lambda c: (-c.mentions, c.canonical()))
    gone: set[int] = set()
    for n, big in enumerate(places):
        if id(big) in gone:
            continue
        name = big.canonical()
        for small in places[n + 1:]:
            other = small.canonical()
            # the test transliterated surnames pass: one consonant skeleton, near alike letter for letter
            if id(small) not in gone and surnames_match(name, other, similarity) \
                    and not (is_place_name(name) and is_place_name(other) and not one_place(name, other)):
                big.names.update(small.names)
                big.articles |= small.articles
                gone.add(id(small))
    return [c for c in clusters if id(c) not in gone]


@dataclass
class ActorIndex:
    """Look up the actor id for a name as written in a given article."""

    actors: list[Actor]
    by_article_name: dict[tuple[str, str], str]
    by_name: dict[str, str]
    dropped_noise: int = 0  # distinct names dropped as noise (artefacts, fragments)

    def lookup(self, article: str, name: str) -> Optional[str]:
        return self.by_article_name.get((article, name_key(name))) or self.by_name.get(name_key(name))

    def __post_init__(self) -> None:
        self._by_id = {a.id: a for a in self.actors}

    def get(self, actor_id: str) -> Optional[Actor]:
        return self._by_id.get(actor_id)


def fold_roles(counts: Counter, attested: dict[str, list[str]]) -> tuple[Counter, dict[str, list[str]]]:
    """One person's titles as a reader lists them: the two ways of naming a portfolio are one title ("Secretary of
    Defense" goes to "Defense Secretary" where that is written more), and a title another one qualifies is that one
    ("Spokesman" beside "Military Spokesman"). Counts and dates go to the title kept."""
    into: dict[str, str] = {}
    by_key: dict[tuple[str, ...], str] = {}
    for role, _ in sorted(counts.items(), key=lambda rc: (-rc[1], rc[0])):
        into[role] = by_key.setdefault(title_key(role), role)
    for role in sorted(counts, key=lambda r: (-len(title_key(r)), r)):
        if into[role] == role:
            holder = next((r for r in counts if into[r] == r and r != role and holds_title(r, role)), None)
            if holder is not None:
                for r in into:
                    if into[r] == role:
                        into[r] = holder
    folded: Counter = Counter()
    dates: dict[str, list[str]] = {}
    for role, n in counts.items():
        folded[into[role]] += n
        dates.setdefault(into[role], []).extend(attested.get(role, []))
    return folded, {r: d for r, d in dates.items() if d}


def merge_actors(
    mentions: list[tuple[str, str, str]],
    roles: dict[str, dict[str, list[str]]] | None = None,
    dates: dict[str, Optional[str]] | None = None,
    rules: GroupSettings = DEFAULT_RULES,
) -> ActorIndex:
    """`mentions`: (article id, name as written, spaCy label); `roles`: article -> name -> titles;
    `dates`: article -> its publication date, the day a role is attested."""
    dates = dates or {}
    roles = roles or {}
    noise = [m for m in mentions if is_noise(m[1])]
    mentions = [m for m in mentions if not is_noise(m[1])]
    people: list[_Cluster] = []
    by_surname: dict[str, list[_Cluster]] = defaultdict(list)

    # the tagger may call one name a person here and a place there: the majority decides
    votes: dict[str, Counter] = defaultdict(Counter)
    for _, name, label in mentions:
        votes[name_key(name)][label] += 1

    # a single word the tagger calls a person but that the gazetteer knows as a place, or that the corpus
    # tags as a place elsewhere, is a place: no town is a person (a full name with a given name stays a person)
    given_names = {name_key(n.split()[-1]) for _, n, label in mentions if label == "PERSON" and len(n.split()) > 1
                   and not is_place_name(n)}

    def label_of(name: str, label: str) -> str:
        counts = votes[name_key(name)]
        if label == "PERSON" and (len(name.split()) == 1 or is_place_name(name)) and name_key(name) not in given_names:
            place_votes = sum(counts[k] for k in PLACE_TYPES)
            if place_votes or is_place_name(name):
                return max(PLACE_TYPES, key=lambda k: counts[k]) if place_votes else "GPE"
        if label == "PERSON" and counts["PERSON"] * 2 >= sum(counts.values()):
            return "PERSON"
        others = Counter({k: v for k, v in counts.items() if k != "PERSON"})
        return others.most_common(1)[0][0] if others else label

    mentions = [(a, n, label_of(n, label)) for a, n, label in mentions]
    person_names = [(a, n) for a, n, label in mentions if label == "PERSON"]
    # full names first so that bare surnames have someone to join
    for article, name in sorted(person_names, key=lambda an: -len(untitled(an[1]).split())):
        parts = name_parts(name)  # "Colonel Gaddafi" is Gaddafi, "Spokeswoman Eri Kaneko" Eri Kaneko
        surname = _without_article(parts[-1])  # "Khaled al-Sayeh" is the "Sayeh" who speaks next
        cluster = None
        if len(parts) > 1:
            given = parts[0]
            for candidate in by_surname[surname_key(surname)]:
                if (candidate.given and surnames_match(surname, candidate.surname, rules.surname_similarity)
                        and (any(given_names_match(given, g, rules.given_name_similarity) for g in candidate.given)
                             or given in candidate.forenames)):  # "Hafiz Ghoga" is "Abdel Hafiz Ghoga"
                    cluster = candidate
                    break
            if cluster is None:
                cluster = _Cluster("PERSON", surname=surname, given=[given])
                people.append(cluster)
                by_surname[surname_key(surname)].append(cluster)
            elif given not in cluster.given:
                cluster.given.append(given)
            cluster.forenames.update(p for p in parts[:-1] if p.lower() not in NAME_PARTICLES)
        else:
            candidates = [c for c in by_surname[surname_key(surname)] if surnames_match(surname, c.surname, rules.surname_similarity)]
            if candidates:
                # the article's own spelling first: "Sayeh said" after "Khaled al-Sayeh" is he, not the "Reza Sayah" the
                # same article credits at its end
                same_article = [c for c in candidates if article in c.articles]
                pool = same_article or candidates
                exact = [c for c in pool if c.surname == surname]
                cluster = max(exact or pool, key=lambda c: c.mentions)
            else:
                cluster = _Cluster("PERSON", surname=surname)
                people.append(cluster)
                by_surname[surname_key(surname)].append(cluster)
        cluster.names[name] += 1
        cluster.articles.add(article)

    others: dict[str, _Cluster] = {}
    order: list[_Cluster] = []
    relabelled: list[tuple[str, str]] = []
    person_keys = {name_key(n) for c in people for n in c.names}
    for article, name, label in mentions:
        if label == "PERSON" or label not in ACTOR_TYPES:
            continue
        if name_key(name) in person_keys:
            # a name written in full that the tagger once called an organisation ("Sergey Lavrov" as ORG);
            # a bare surname is not enough: "U.S." or "Benghazi" closing a mistagged "person" stay places
            relabelled.append((article, name))
            continue
        key = group_key(name, label)
        if key not in others:
            others[key] = _Cluster(label)
            order.append(others[key])
        others[key].names[name] += 1
        others[key].articles.add(article)
    for article, name in relabelled:
        last = name.split()[-1]
        candidates = [c for c in by_surname.get(surname_key(last), []) if surnames_match(last, c.surname, rules.surname_similarity)]
        if candidates:
            cluster = max(candidates, key=lambda c: c.mentions)
            cluster.names[name] += 1
            cluster.articles.add(article)

    # acronyms: "U.S." / "US" join "United States"
    merged: set[int] = set()  # by identity: comparing clusters field by field made this quadratic
    for cluster in list(others.values()):
        if id(cluster) in merged:
            continue
        for acronym in sorted({initials(n) for n in cluster.names} - {""}):
            short = next((others[k] for k in (group_key(acronym, t) for t in ACTOR_TYPES) if k in others), None)
            if short is not None and short is not cluster and id(short) not in merged:
                cluster.names.update(short.names)
                cluster.articles |= short.articles
                merged.add(id(short))
    order = [c for c in order if id(c) not in merged]
    order = _merge_place_spellings(order, rules.place_similarity)

    # a nationality the tagger missed in one article ("Icelandic Fisheries Minister") is known from others
    affiliations = {name for _, name, label in mentions if label in ("NORP", "GPE")}

    def plain_role(role: str) -> str:
        words = role.split()
        while len(words) > 1 and words[0] in affiliations:
            words = words[1:]
        return " ".join(words)

    actors: list[Actor] = []
    by_article_name: dict[tuple[str, str], str] = {}
    by_name: dict[str, str] = {}
    used_ids: set[str] = set()
    fragments = 0
    for cluster in sorted(people + order, key=lambda c: (-c.mentions, c.canonical())):
        name = cluster.canonical()
        if cluster.mentions == 1 and is_fragment(name, rules.max_name_words):
            fragments += 1  # seen once and reads as a piece of a sentence: noise, counted
            continue
        actor_id, suffix = f"{cluster.type.lower()}:{slug(name)}", 2
        while actor_id in used_ids:
            actor_id, suffix = f"{cluster.type.lower()}:{slug(name)}-{suffix}", suffix + 1
        used_ids.add(actor_id)
        role_counts: Counter = Counter()
        attested: dict[str, list[str]] = {}
        for article in sorted(cluster.articles):
            for alias in sorted(cluster.names):
                found = [plain_role(r) for r in roles.get(article, {}).get(alias, [])]
                role_counts.update(found)
                for role in found:
                    if dates.get(article):
                        attested.setdefault(role, []).append(str(dates[article]))
        role_counts, attested = fold_roles(role_counts, attested)
        actors.append(Actor(
            id=actor_id,
            name=name,
            type=cluster.type,
            label=PLAIN_LABELS.get(cluster.type, cluster.type.lower()),
            aliases=sorted((a for a in cluster.names if a != name), key=lambda a: (-cluster.names[a], a)),
            roles=[r for r, _ in sorted(role_counts.items(), key=lambda rc: (-rc[1], rc[0]))],  # repeatable order
            role_dates=[RoleSpan(role=r, first=min(d), last=max(d)) for r, d in sorted(attested.items())],
            mentions=cluster.mentions,
            articles=sorted(cluster.articles),
        ))
        keys = {name_key(alias) for alias in cluster.names}
        if cluster.type == "PERSON" and cluster.surname:
            keys.add(name_key(cluster.surname))  # a bare surname in an article means the person named there
        for key in keys:
            by_name.setdefault(key, actor_id)
            for article in cluster.articles:
                by_article_name.setdefault((article, key), actor_id)
    return ActorIndex(actors=actors, by_article_name=by_article_name, by_name=by_name,
                      dropped_noise=len({name_key(n) for _, n, _ in noise}) + fragments)


def split_passing(actors: list[Actor], involved: set[str]) -> tuple[list[Actor], list[Actor]]:
    """The story's actors, and the names met once in passing: named a single time, with no role,
    no quote and no part in an event (`involved`: the ids of speakers and event participants).
    Those are shown apart as "mentioned once", not dropped."""
    kept, passing = [], []
    for actor in actors:
        once = actor.mentions == 1 and not actor.roles and actor.id not in involved
        (passing if once else kept).append(actor)
    return kept, passing
