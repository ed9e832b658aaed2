"""Temporal: calendar intervals, time expressions resolved against an anchor, publication dates."""
from dateline.temporal.calendar import Interval, interval_to_value, parse_date_string
from dateline.temporal.pubdate import infer_publication_date, publication_from_metadata
from dateline.temporal.expressions import resolve_expression

__all__ = [
    "Interval",
    "interval_to_value",
    "parse_date_string",
    "resolve_expression",
    "infer_publication_date",
    "publication_from_metadata",
]
