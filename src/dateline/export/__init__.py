"""Export: story.json (with its JSON Schema), report.md and a self-contained report.html."""
from dateline.export.html import render_html
from dateline.export.markdown import render_markdown
from dateline.export.schema import story_schema
from dateline.export.writer import write_outputs

__all__ = ["render_html", "render_markdown", "story_schema", "write_outputs"]
