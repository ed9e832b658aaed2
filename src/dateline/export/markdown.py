"""report.md: the briefing, timeline, actors, quotes and sources as Markdown, every line cited."""
from __future__ import annotations

from dateline.export.labels import Labels, provenance, published_range, when
from dateline.models import Story


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(story: Story) -> str:
    labels = Labels(story)
    out = ["# Dateline story", ""]
    first, last = published_range(story)
    span = f", {first} to {last}" if first else ""
    out += [f"{len(story.articles)} articles{span}. Citations read `A3:5`: article A3, sentence 5 (see Articles).", ""]

    out += ["## Briefing", ""]
    for s in story.briefing:
        dated = f"**{when(s.date)}**: " if getattr(s, "date", None) else ""
        out.append(f"- {dated}{s.text} [{labels.cite(s.article, s.sentence)}]")
    out += ["", "## Timeline", ""]
    titles = {e.id: e.title for e in story.events}
    for entry in story.timeline:
        out.append(f"### {when(entry.date)}")
        if entry.event in titles:
            out.append(f"*{titles[entry.event]}*")
        for s in entry.sentences:
            out.append(f"- {s.text} [{labels.cite(s.article, s.sentence)}]")
        out.append("")
    if story.background:
        out += ["### Background", "", "Earlier years and days the articles recall, before the coverage begins.", ""]
        for entry in story.background:
            out += [f"- **{when(entry.date)}**: {s.text} [{labels.cite(s.article, s.sentence)}]" for s in entry.sentences]
        out.append("")
    undated = [e for e in story.events if e.date.precision == "none"]
    if undated:
        out += ["### Undated", ""]
        for event in undated:
            out.append(f"*{event.title}* ({event.date_evidence})")
            out += [f"- {s.text} [{labels.cite(s.article, s.sentence)}]" for s in event.citations[:3]]
            out.append("")
    out += ["## Actors", "", "| Name | Type | Also written | Roles | Mentions |", "|---|---|---|---|---|"]
    for a in story.actors:
        if a.type != "NORP" and (a.type in ("PERSON", "ORG") or a.mentions > 1):
            out.append(f"| {_escape(a.name)} | {a.type} | {_escape(', '.join(a.aliases))} | {_escape(', '.join(a.roles))} | {a.mentions} |")
    out += ["", "## Quotes", ""]
    for q in story.quotes:
        who = labels.actor(q.speaker) if q.speaker else (q.speaker_text or "unattributed")
        out.append(f"- **{_escape(who)}**: “{_escape(q.text)}” [{labels.cite(q.article, q.sentence)}]")
    out += ["", "## Sources", ""]
    for s in story.sources:
        names = ", ".join(labels.article(a) for a in s.articles)
        out.append(f"- **{s.name}** ({s.kind}): {names}; {len(s.events)} events; places named: {', '.join(s.place_names[:12]) or 'none'}")
    out += ["", "## Articles", ""]
    for a in story.articles:
        title = a.title or f"*{labels.title(a)}*"
        extra = f", copy of {labels.article(a.duplicate_of)}" if a.duplicate_of else ""
        out.append(f"### {labels.article(a.id)}. {title}")
        out.append(f"`{a.id}` · {a.outlet or 'outlet unknown'}{' · ' + a.agency if a.agency else ''} · "
                   f"{when(a.published)} ({provenance(a.published)}){extra} · {a.path}"
                   + (f" · [original]({labels.web_url(a.url)})" if labels.web_url(a.url) else ""))
        out.append("")
        for s in a.sentences:
            out.append(f"{s.index}. {s.text}")
        out.append("")
    if story.skipped:
        out += ["## Skipped input", ""] + [f"- {s.path}: {s.reason}" for s in story.skipped] + [""]
    return "\n".join(out)
