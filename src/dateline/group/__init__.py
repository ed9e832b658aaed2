"""Group: actors across name variants, near-duplicate articles, mentions of the same event."""
from dateline.group.actors import ActorIndex, merge_actors
from dateline.group.duplicates import find_duplicates
from dateline.group.events import cluster_events, same_event_groups

__all__ = ["ActorIndex", "merge_actors", "find_duplicates", "cluster_events", "same_event_groups"]
