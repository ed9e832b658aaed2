"""Write every output of a build into one folder."""
from __future__ import annotations

from pathlib import Path

from dateline.export.html import render_html
from dateline.export.markdown import render_markdown
from dateline.models import Story


def write_outputs(story: Story, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = {
        "story.json": story.model_dump_json(indent=2),
        "report.md": render_markdown(story),
        "report.html": render_html(story),
    }
    written = []
    for name, content in outputs.items():
        path = out_dir / name
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(content, encoding="utf-8", errors="replace")  # a stray surrogate must not cost the file
        tmp.replace(path)  # a reader never sees a half-written file
        written.append(path)
    return written
