"""The JSON Schema of story.json, generated from the models so it cannot drift from them."""
from __future__ import annotations

import json

from dateline.models import Story


def story_schema() -> dict:
    schema = Story.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Dateline story"
    return schema


def story_schema_text() -> str:
    return json.dumps(story_schema(), indent=2, sort_keys=True) + "\n"
